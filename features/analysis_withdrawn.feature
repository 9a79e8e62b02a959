Feature: Only what is on the table counts
  A withdrawn proposal stays on the record, but nobody can accept it any more. So the analysis leaves
  it out: it is no position to concede from, no point in the negotiation dance, and not the latest
  word of the party who made it. A proposal only some of its addressees have accepted is not yet an
  agreement, and says how far it has got.

  Background:
    Given Alex is preparing a negotiation "Staff engineer offer at Northwind" about a job offer
    And the people at the table are:
      | name         | role           | side        |
      | Alex Morgan  | candidate      | owner       |
      | Dana Kim     | hiring manager | counterpart |
      | Rick Alvarez | recruiter      | counterpart |
    And the package on the table is:
      | term        | kind  | details | better |
      | Base salary | money | EUR     | higher |
    And Alex's priorities are:
      | term        | weight | target      | walk-away   |
      | Base salary | 100    | 130,000 EUR | 110,000 EUR |

  Scenario: A withdrawn ask is not a concession
    Alex typed one zero too many and withdrew the ask at once. Had it counted, Alex would have
    "hardened" by 270,000 EUR, more than thirteen times the gap.
    When Dana Kim proposes to Alex Morgan: base salary 110,000 EUR
    And Alex Morgan proposes to Dana Kim: base salary 130,000 EUR
    And Alex Morgan proposes to Dana Kim: base salary 400,000 EUR
    And Alex Morgan withdraws Alex Morgan's latest proposal because "a typo"
    Then on Base salary Alex Morgan has moved 0 EUR, 0% of the gap
    And Alex Morgan's latest position on Base salary is 130,000 EUR
    And the charts leave out 1 withdrawn proposal

  Scenario: A proposal accepted by one of the two people it was made to
    When Alex Morgan proposes to Dana Kim and Rick Alvarez: base salary 125,000 EUR
    And Dana Kim accepts Alex Morgan's latest proposal
    Then Alex Morgan's latest proposal reads "accepted by 1 of 2"
    And Alex Morgan's latest proposal is open
    When Rick Alvarez accepts Alex Morgan's latest proposal
    Then Alex Morgan's latest proposal reads "accepted"
    And the negotiation is agreed on base salary 125,000 EUR
