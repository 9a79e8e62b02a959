Feature: Better deals for both sides
  A deal can be accepted by everyone and still leave value on the table: when the sides care about
  different things, trading what matters little to one for what matters a lot to the other makes
  both better off. The tracker looks at every package the terms allow, not only the recorded ones,
  and says when a better deal for everyone exists, and which.

  Background:
    Given Alex is preparing a negotiation "Data engineer offer at Northwind" about a job offer
    And the people at the table are:
      | name        | role           | side        |
      | Alex Morgan | candidate      | owner       |
      | Dana Kim    | hiring manager | counterpart |
    And the package on the table is:
      | term                 | kind  | details | better | lowest  | highest |
      | Base salary          | money | EUR     | higher | 100,000 | 120,000 |
      | Remote days per week | days  |         | higher | 0       | 4       |
    And Alex's priorities are:
      | term                 | weight | target      | walk-away   |
      | Base salary          | 50     | 120,000 EUR | 100,000 EUR |
      | Remote days per week | 50     | 4 days      | 0 days      |
    And Alex guesses Dana Kim's priorities are:
      | term                 | weight | target      | walk-away   |
      | Base salary          | 90     | 100,000 EUR | 120,000 EUR |
      | Remote days per week | 10     | 0 days      | 4 days      |

  Scenario: An agreement that leaves value on the table
    Salary matters a lot to Dana's budget and remote days hardly at all; to Alex both matter equally.
    At 110,000 EUR and no remote days Alex scores 25 (half of the salary's weight at 50) and Dana 55
    (0.9 x 50 + 0.1 x 100). At 100,000 EUR with four remote days Alex scores 50 and Dana 90: both gain.
    When Dana Kim proposes to Alex Morgan: base salary 110,000 EUR, remote days per week 0 days
    And Alex Morgan accepts Dana Kim's latest proposal
    Then no other recorded proposal is better for everyone than Dana Kim's latest proposal
    But a better deal for both sides exists: "Base salary 110,000 EUR → 100,000 EUR; Remote days per week 0 days → 4 days"
    And with it Alex scores 50 instead of 25 and Dana Kim scores 90 instead of 55

  Scenario: No zone of possible agreement
    Alex's competing offer pays 120,000 EUR with four remote days: everything Alex wants, a score of
    100. Northwind's budget stops at 110,000 EUR, so no package here is worth as much to Alex as
    walking away: 110,000 EUR scores 25 and four remote days 50, 75 at most.
    When Alex logs a competing offer "Offer from Contoso" with base salary 120,000 EUR, remote days per week 4 days
    And Alex learns that Base salary can be at most 110,000 EUR
    Then there is no zone of possible agreement

  Scenario: A verdict that rests on a guess
    If Dana cares about salary and remote days equally, as Alex does, every trade gains one side
    exactly what it costs the other: the agreement is on the frontier. But that rests on the guess:
    with Dana's weight on either term 20% lower or higher, a better deal for both appears.
    When Alex guesses again that Dana Kim's priorities are:
      | term                 | weight | target      | walk-away   |
      | Base salary          | 50     | 100,000 EUR | 120,000 EUR |
      | Remote days per week | 50     | 0 days      | 4 days      |
    And Dana Kim proposes to Alex Morgan: base salary 110,000 EUR, remote days per week 2 days
    Then Dana Kim's latest proposal is already on the frontier
    But that depends on "Dana Kim (hiring manager)'s weight on Base salary (20% lower)"

  Scenario: A clear trade holds whatever the guess
    When Dana Kim proposes to Alex Morgan: base salary 110,000 EUR, remote days per week 0 days
    Then a better deal for everyone exists under every weighting tried for Dana Kim's latest proposal
