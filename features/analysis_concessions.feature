Feature: Who has given how much
  Each side opens with a first position on each term. The gap on a term is the distance between the
  two sides' first positions. Every later proposal shows how far each party has moved towards the
  other side, in the term's own units and as a share of that gap. Overall, the shares are averaged
  with Alex's weights, so moving on what matters most counts most.

  Background:
    Given Alex is preparing a negotiation "Staff engineer offer at Northwind" about a job offer
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
      | Base salary          | 80     | 130,000 EUR | 110,000 EUR |
      | Remote days per week | 20     | 3           | 1           |

  Scenario: Two rounds of the dance
    The gap on base salary is 130,000 - 110,000 = 20,000 EUR. Dana moved 10,000 of it (50%), Alex
    5,000 (25%). On remote days the gap is 2 days: Dana moved 1 (50%), Alex none.
    Overall Dana: (80 x 50 + 20 x 50) / 100 = 50%; Alex: (80 x 25 + 20 x 0) / 100 = 20%.
    When Dana Kim proposes to Alex Morgan: base salary 110,000 EUR, remote days per week 1
    And Alex Morgan proposes to Dana Kim: base salary 130,000 EUR, remote days per week 3
    And Dana Kim proposes to Alex Morgan: base salary 120,000 EUR, remote days per week 2
    And Alex Morgan proposes to Dana Kim: base salary 125,000 EUR, remote days per week 3
    Then on Base salary Dana Kim has moved 10,000 EUR, 50% of the gap
    And on Base salary Alex Morgan has moved 5,000 EUR, 25% of the gap
    And on Remote days per week Dana Kim has moved 1 day, 50% of the gap
    And on Remote days per week Alex Morgan has moved 0 days, 0% of the gap
    And Alex Morgan's moves on Base salary, round by round, are:
      | proposal                   | position    | moved | share of the gap |
      | #2 Alex Morgan (candidate) | 130,000 EUR | 0     | 0%               |
      | #4 Alex Morgan (candidate) | 125,000 EUR | 5,000 | 25%              |
    And overall Dana Kim has conceded 50% of the gap and Alex Morgan 20%
    And Dana Kim has conceded more

  Scenario: Asking for more than before counts against you
    When Dana Kim proposes to Alex Morgan: base salary 110,000 EUR
    And Alex Morgan proposes to Dana Kim: base salary 130,000 EUR
    And Alex Morgan proposes to Dana Kim: base salary 135,000 EUR
    Then on Base salary Alex Morgan has moved -5,000 EUR, -25% of the gap
