Feature: Teams, and who may see a negotiation
  A team lead follows the internal role negotiations of the people in the team: scope, title,
  workload, location, development. A negotiation is private by nature: it stays with the person
  negotiating until they choose to share it, with a coach or with their team. An auditor in the team
  may read what was shared with it but never change it. Taking access back works the moment it is
  done, and the record says who could see the negotiation, and since when.

  Background:
    Given these people have accounts:
      | name | email            |
      | Lena | lena@example.com |
      | Mia  | mia@example.com  |
      | Omar | omar@example.com |
      | Ada  | ada@example.com  |
      | Sam  | sam@example.com  |
    And Lena sets up the team "Platform" with:
      | name | role    |
      | Mia  | member  |
      | Omar | member  |
      | Ada  | auditor |

  Scenario: A team lead sees a member's role negotiation once it is shared with the team
    Given Mia starts the internal role change negotiation "Tech lead for the data platform"
    When Mia shares "Tech lead for the data platform" with the team "Platform" as viewer
    Then Lena can read "Tech lead for the data platform"
    And Lena's list of negotiations shows "Tech lead for the data platform" as viewer
    And the "Platform" dashboard counts 1 internal role negotiation, 0 of them agreed
    And the "Platform" dashboard lists "Tech lead for the data platform" for Mia

  Scenario: A member keeps a negotiation private
    Given Mia starts the job offer negotiation "Offer from Contoso"
    Then only Mia can see "Offer from Contoso"
    And Lena's list of negotiations is empty
    And the "Platform" dashboard counts 0 negotiations
    And when Lena asks for "Offer from Contoso" she is told there is no such negotiation

  Scenario: An auditor reads but cannot write
    Given Mia starts the internal role change negotiation "Staff engineer scope"
    And Mia shares "Staff engineer scope" with the team "Platform" as editor
    Then Ada can read "Staff engineer scope"
    And Omar can log a note on "Staff engineer scope"
    But when Ada tries to log a note on "Staff engineer scope" she is told it is read-only for her
    And "Staff engineer scope" has 2 steps

  Scenario: Access is revoked and it takes effect at once
    Given Mia starts the internal role change negotiation "Four-day week"
    And Mia shares "Four-day week" with Sam as viewer
    And Mia shares "Four-day week" with the team "Platform" as viewer
    And Omar can read "Four-day week"
    When Lena removes Omar from the team "Platform"
    Then Omar can no longer see "Four-day week"
    When Mia stops sharing "Four-day week" with the team "Platform"
    And Mia stops sharing "Four-day week" with Sam
    Then only Mia can see "Four-day week"
    And Lena's list of negotiations is empty
    And the access record of "Four-day week" shows, in order:
      | person | from   | to     |
      | Mia    | -      | owner  |
      | Sam    | -      | viewer |
      | Ada    | -      | viewer |
      | Lena   | -      | viewer |
      | Omar   | -      | viewer |
      | Omar   | viewer | -      |
      | Ada    | viewer | -      |
      | Lena   | viewer | -      |
      | Sam    | viewer | -      |
