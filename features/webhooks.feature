Feature: Webhooks: another system hears of the steps, signed
  An HR lead wants the HR system to know when an offer is agreed, without anyone copying it over.
  The team registers a webhook: the HR system's address, the events it wants, and a secret that
  only the team and the HR system know. Every call carries a signature made with that secret, so
  the HR system can tell the call came from the tracker and was not changed on the way. A system
  hears only of the negotiations shared with the team, and a webhook that keeps failing for a day
  is turned off and its owners are told.

  Background:
    Given a team "Platform" led by Lena, with Mia as a member
    And Mia's negotiation "Tech lead for the data platform" with an open offer from the director

  Scenario: The team's system hears of an agreement, signed
    Given Mia shares "Tech lead for the data platform" with the team
    And the team has a webhook to its HR system for accepted offers
    When Mia accepts the offer
    Then the HR system receives the agreement for "Tech lead for the data platform"
    And the signature checks out with the team's secret
    And it does not check out with any other secret

  Scenario: A negotiation the team cannot see is not told to its system
    Given the team has a webhook to its HR system for accepted offers
    When Mia accepts the offer
    Then the HR system receives nothing

  Scenario: A system that keeps failing is turned off and the team lead is told
    Given Mia shares "Tech lead for the data platform" with the team
    And the team has a webhook to its HR system for accepted offers
    And the HR system answers every call with an error
    When Mia accepts the offer
    And a day goes by
    Then the webhook is turned off
    And Lena is told in the app that the webhook to the HR system was turned off
