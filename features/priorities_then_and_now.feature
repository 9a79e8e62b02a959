Feature: Scores then and now
  Priorities change as a negotiation goes on. An offer that arrived early was judged against the
  priorities of that day; scored against today's it can look better or worse. The tracker shows both
  scores and the priority steps in between, so nobody is fooled by the drift.

  Background:
    Given Alex is preparing a negotiation "Data engineer offer at Northwind" about a job offer
    And the people at the table are:
      | name        | role           | side        |
      | Alex Morgan | candidate      | owner       |
      | Dana Kim    | hiring manager | counterpart |
    And the package on the table is:
      | term                 | kind  | details | better |
      | Base salary          | money | EUR     | higher |
      | Remote days per week | days  |         | higher |
    And Alex's priorities are:
      | term                 | weight | target      | walk-away   |
      | Base salary          | 80     | 120,000 EUR | 100,000 EUR |
      | Remote days per week | 20     | 4 days      | 0 days      |

  Scenario: Remote days came to matter more after the offer arrived
    110,000 EUR is half-way to the salary target (50) and four remote days are the target (100). With
    salary weighed 80 and remote days 20 the offer scores 0.8 x 50 + 0.2 x 100 = 60. After Alex puts
    remote days at 80 and salary at 20 it scores 0.2 x 50 + 0.8 x 100 = 90.
    When Dana Kim proposes to Alex Morgan: base salary 110,000 EUR, remote days per week 4 days
    And Alex's priorities become:
      | term                 | weight | target      | walk-away   |
      | Remote days per week | 80     | 4 days      | 0 days      |
      | Base salary          | 20     | 120,000 EUR | 100,000 EUR |
    Then Dana Kim's latest proposal scored 60 when it came and scores 90 today
    And the difference is explained by "Remote days per week: weight 20 → 80" and "Base salary: weight 80 → 20"

  Scenario: Nothing changed, nothing to explain
    When Dana Kim proposes to Alex Morgan: base salary 110,000 EUR, remote days per week 4 days
    Then Dana Kim's latest proposal scored 60 when it came and scores 60 today
