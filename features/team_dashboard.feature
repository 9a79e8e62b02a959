Feature: The team dashboard after a quarter of role changes
  Priya leads HR for the engineering teams. At the end of each quarter she reads the team dashboard
  to see at a glance where the internal role changes stand: how long people wait in each stage, what
  was agreed and when, and which negotiations have gone quiet and need a nudge. The numbers behind
  each chart are in a table beside it, and she takes them away as a spreadsheet for the review.

  Background:
    Given Priya leads the team "Engineering" with Mia and Omar as members

  Scenario: The dashboard after a quarter of role changes
    Given it is 1 June 2026
    And Mia starts the role change "Tech lead for payments" and shares it with the team
    And it is 5 June 2026
    And Mia starts the role change "Staff title" and shares it with the team
    And it is 15 June 2026
    And Omar starts the role change "Move to the platform team" and shares it with the team
    And it is 1 July 2026
    And "Tech lead for payments" moves on to negotiating
    And it is 20 July 2026
    And "Tech lead for payments" is agreed
    And it is 1 August 2026
    And "Move to the platform team" moves on to negotiating
    And it is 10 August 2026
    And "Move to the platform team" is declined
    And it is 20 August 2026
    And "Move to the platform team" is reopened: the budget came through after all
    When it is 31 August 2026 and Priya opens the team's dashboard
    Then the time in stage reads:
      | Stage                           | Stays | Median days | 90th percentile (days) | Negotiations |
      | Preparing                       | 2     | 38.5        | 47.0                   | 2            |
      | Preparing, still there (so far) | 2     | 49.0        | 87.0                   | 2            |
      | Negotiating                     | 2     | 14.0        | 19.0                   | 2            |
      | Agreed, still there (so far)    | 1     | 42.0        | 42.0                   | 1            |
      | Declined                        | 1     | 10.0        | 10.0                   | 1            |
    And at the end of each month of the quarter the team had:
      | Month    | Preparing | Agreed |
      | Jun 2026 | 3         | 0      |
      | Jul 2026 | 2         | 1      |
      | Aug 2026 | 2         | 1      |
    And the quarter's outcomes were:
      | Month    | Agreed |
      | Jun 2026 | 0      |
      | Jul 2026 | 1      |
      | Aug 2026 | 0      |
    And an internal role change took 49.0 days to agree, from 1 negotiation
    And only "Staff title" is listed as stale
    And each of those tables has its chart beside it
    And the time in stage downloads as a spreadsheet with the same numbers
