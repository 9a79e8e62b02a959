Feature: Teams on the web, and who sees which negotiation
  The same promises as for teams, kept by the pages a person uses in their browser and by the API a
  program uses with their token. A team lead sets the team up on its page and follows the role
  negotiations shared with it on the dashboard. A negotiation stays private until its owner shares
  it. An auditor reads and is never offered, nor allowed, a change. Taking access back works at the
  very next page the person opens.

  Background:
    Given these people have signed up on the tracker:
      | name | email            |
      | Lena | lena@example.com |
      | Mia  | mia@example.com  |
      | Omar | omar@example.com |
      | Ada  | ada@example.com  |
      | Sam  | sam@example.com  |
    And Lena starts the team "Platform" on the teams page and adds:
      | name | role    |
      | Mia  | member  |
      | Omar | member  |
      | Ada  | auditor |

  Scenario: A team lead sets up a team and sees a member's role negotiation on the dashboard
    Given Mia starts the internal role change negotiation "Tech lead for the data platform" in her browser
    When Mia shares "Tech lead for the data platform" with the team "Platform" as viewer on its sharing page
    Then Lena's dashboard for "Platform" counts 1 internal role negotiation, 0 of them agreed
    And Lena's dashboard for "Platform" lists "Tech lead for the data platform" for Mia
    And Lena can open "Tech lead for the data platform"

  Scenario: A member keeps a negotiation private
    Given Mia starts the job offer negotiation "Offer from Contoso" in her browser
    Then Lena's list of negotiations does not show "Offer from Contoso"
    And Lena's dashboard for "Platform" says it has no negotiation yet
    And when Lena opens "Offer from Contoso" the page is not found
    And when Omar asks the API for "Offer from Contoso" the answer is not found

  Scenario: An auditor reads but cannot write
    Given Mia starts the internal role change negotiation "Staff engineer scope" in her browser
    And Mia shares "Staff engineer scope" with the team "Platform" as editor on its sharing page
    Then Ada can open "Staff engineer scope" but is offered no step to log
    And Omar logs the note "Scope agreed in principle" on "Staff engineer scope"
    But when Ada posts the note "Looks fine to me" on "Staff engineer scope" she is told she may not change it
    And "Staff engineer scope" has 2 steps, the last logged by Omar

  Scenario: Access is revoked and it takes effect at once
    Given Mia starts the internal role change negotiation "Four-day week" in her browser
    And Mia shares "Four-day week" with Sam as viewer on its sharing page
    And Sam can open "Four-day week"
    When Mia revokes Sam's access to "Four-day week" on its sharing page
    Then when Sam opens "Four-day week" the page is not found
    And Sam's list of negotiations does not show "Four-day week"
    And the sharing page of "Four-day week" tells Mia that Sam could no longer see it
