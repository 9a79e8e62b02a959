Feature: Seeing each proposal from every side
  A good deal works for both sides. When Alex has a fair guess at what the hiring manager wants,
  each proposal is scored for Dana too. A proposal is dominated when another recorded proposal is at
  least as good for everyone and better for someone: nobody should settle for a dominated package,
  because a trade across terms can make someone better off without hurting anyone.

  Background:
    Given Alex is preparing a negotiation "Staff engineer offer at Northwind" about a job offer
    And the people at the table are:
      | name        | role           | side        |
      | Alex Morgan | candidate      | owner       |
      | Dana Kim    | hiring manager | counterpart |
    And the package on the table is:
      | term                 | kind | details | better |
      | Base salary          | money | EUR    | higher |
      | Remote days per week | days  |        | higher |
    And Alex's priorities are:
      | term                 | weight | target      | walk-away   |
      | Base salary          | 60     | 130,000 EUR | 110,000 EUR |
      | Remote days per week | 40     | 3           | 1           |
    And Alex guesses Dana Kim's priorities are:
      | term        | weight | target      | walk-away   |
      | Base salary | 100    | 110,000 EUR | 130,000 EUR |

  Scenario: Remote days cost Dana nothing, so the offer without them is dominated
    For Dana a lower salary is better: 120,000 is half way from her walk-away (130,000) to her target
    (110,000), so 50; 112,000 scores 90. Remote days do not matter to her.
    When Dana Kim proposes to Alex Morgan: base salary 120,000 EUR, remote days per week 2
    And Alex Morgan proposes to Dana Kim: base salary 120,000 EUR, remote days per week 3
    And Dana Kim proposes to Alex Morgan: base salary 112,000 EUR, remote days per week 2
    Then the proposals score:
      | proposal                       | You (owner) | Dana Kim (hiring manager) | dominated by                |
      | #1 Dana Kim (hiring manager)   | 50          | 50                        | #2 Alex Morgan (candidate)  |
      | #2 Alex Morgan (candidate)     | 70          | 50                        | -                           |
      | #3 Dana Kim (hiring manager)   | 26          | 90                        | -                           |
