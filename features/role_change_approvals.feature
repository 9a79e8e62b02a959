Feature: Approvals and pay bands for internal role changes
  In a team, a role change is not offered until the right people have approved it: the manager
  always, the HR partner when the title changes, the compensation lead when the pay goes above the
  band's midpoint. Each approver approves with a comment, in order; one refusal withdraws the
  proposal. If a figure an approver looked at changes afterwards, their approval no longer counts and
  is asked for again. Pay bands are for the team's owners and its auditors, never for its members.

  Background:
    Given these people have accounts:
      | name | email            |
      | Lena | lena@example.com |
      | Hana | hana@example.com |
      | Carl | carl@example.com |
      | Ada  | ada@example.com  |
      | Mia  | mia@example.com  |
    And Lena sets up the team "Platform" with:
      | name | role    |
      | Hana | member  |
      | Carl | member  |
      | Ada  | auditor |
      | Mia  | member  |
    And the team "Platform" keeps the pay band "Tech lead, L5" for base_salary: 85,000 to 105,000 EUR, midpoint 95,000, from 2026-01-01
    And Lena sets the approval chain of "Platform":
      | step | approver | when                        | term        |
      | 1    | Lena     | always                      |             |
      | 2    | Hana     | names_term                  | title       |
      | 2    | Carl     | above_band_midpoint         | base_salary |
    And Mia starts the internal role change "Engineer to tech lead" with Lena as her manager
    And Mia shares "Engineer to tech lead" with the team "Platform" as editor
    And Lena places "Engineer to tech lead" in the band "Tech lead, L5"

  Scenario: A move to tech lead waits for the manager, then the HR partner
    When Lena proposes to Mia: title "Tech lead", base salary 94,000 EUR
    Then the proposal awaits approval by Lena, then Hana
    And the "Platform" dashboard shows 1 approval waiting for Lena
    And Hana's list of what's due is empty
    And Lena's list of what's due says "Proposal #1 waits for your approval (every proposal)"
    But when Mia tries to accept the proposal she is told "Proposal #1 from Lena Park is awaiting approval (lena@example.com); it counts as made once approved."
    And when Hana tries to approve the proposal she is told "The earlier step decides first: waiting for lena@example.com."
    When Lena approves the proposal: "Ready to lead the platform work."
    And Hana approves the proposal: "Title matches the career ladder."
    Then the proposal is approved
    And the "Platform" dashboard shows no approvals waiting
    When Mia accepts the proposal
    Then the negotiation is agreed

  Scenario: A figure above the band's midpoint needs the compensation lead
    When Lena proposes to Mia: base salary 99,000 EUR
    Then the proposal awaits approval by Lena, then Carl
    And Ada sees that 99,000 EUR is in the third quartile of Tech lead, L5 with a compa-ratio of 1.04
    And Lena sees that 99,000 EUR is in the third quartile of Tech lead, L5 with a compa-ratio of 1.04
    But Mia sees no pay band, and Hana is refused the team's pay bands

  Scenario: A changed figure voids the approvals, and a refusal withdraws the proposal
    When Lena proposes to Mia: base salary 99,000 EUR
    And Lena approves the proposal: "Fine by me."
    And Carl approves the proposal: "Inside the band."
    Then the proposal is approved
    When Lena amends the proposal to base salary 103,000 EUR because "Matching an outside offer"
    Then the timeline reads "The approvals of proposal #1 from Lena Park were voided: Base salary changed, and the approval chain looks at it"
    And the proposal awaits approval by Lena, then Carl
    When Lena approves the proposal: "Still fine."
    And Carl declines the proposal: "Above what the band allows this year."
    Then the proposal is withdrawn

  Scenario: A change the chain does not look at keeps the approvals
    When Lena proposes to Mia: base salary 94,000 EUR, remote days 2
    And Lena approves the proposal: "Good."
    And Lena amends the proposal to base salary 94,000 EUR, remote days 3 because "Mia asked for a third day"
    Then the proposal is approved
