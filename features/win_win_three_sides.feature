Feature: Better deals with three sides at the table
  A recruiter, a hiring manager and a candidate each want something different. A better deal has to
  be better for all three, or at least as good; the tracker looks at every package the terms allow
  and checks each side's score. Each term here has three values, so the nine packages can be checked
  by hand.

  Background:
    Given Alex is preparing a negotiation "Data engineer offer at Northwind" about a job offer
    And the people at the table are:
      | name         | role           | side        |
      | Alex Morgan  | candidate      | owner       |
      | Dana Kim     | hiring manager | counterpart |
      | Rick Alvarez | recruiter      | counterpart |
    And the package on the table is:
      | term                 | kind  | details | better | lowest  | highest | step   |
      | Base salary          | money | EUR     | higher | 100,000 | 120,000 | 10,000 |
      | Remote days per week | days  |         | higher | 0       | 4       | 2      |
    And Alex's priorities are:
      | term                 | weight | target      | walk-away   |
      | Base salary          | 50     | 120,000 EUR | 100,000 EUR |
      | Remote days per week | 50     | 4 days      | 0 days      |
    And Alex guesses Dana Kim's priorities are:
      | term                 | weight | target      | walk-away   |
      | Base salary          | 90     | 100,000 EUR | 120,000 EUR |
      | Remote days per week | 10     | 0 days      | 4 days      |

  Scenario: A better deal for all three
    Rick cares about the budget and about keeping new people, so remote days count for him as much
    as the salary. At 110,000 EUR and no remote days Alex scores 25, Dana 55 (0.9 x 50 + 0.1 x 100)
    and Rick 25. At 100,000 EUR with four remote days Alex scores 50, Dana 90 and Rick 100.
    Given Alex guesses Rick Alvarez's priorities are:
      | term                 | weight | target      | walk-away   |
      | Base salary          | 50     | 100,000 EUR | 120,000 EUR |
      | Remote days per week | 50     | 4 days      | 0 days      |
    When Dana Kim proposes to Alex Morgan: base salary 110,000 EUR, remote days per week 0 days
    And Alex Morgan accepts Dana Kim's latest proposal
    Then the space holds 9 packages
    And a better deal for everyone exists: "Base salary 110,000 EUR → 100,000 EUR; Remote days per week 0 days → 4 days"
    And with it Alex Morgan scores 50 instead of 25, Dana Kim 90 instead of 55 and Rick Alvarez 100 instead of 25

  Scenario: A third side who wants the opposite leaves no better deal
    Rick is paid a share of the salary, so he wants it high, as Alex does, while Dana wants it low. Any
    salary but 110,000 EUR costs Dana or Rick, and at 110,000 EUR more remote days cost Dana more than
    the agreement gives her: 110,000 EUR with two remote days scores 50 for Dana, not 55.
    Given Alex guesses Rick Alvarez's priorities are:
      | term        | weight | target      | walk-away   |
      | Base salary | 100    | 120,000 EUR | 100,000 EUR |
    When Dana Kim proposes to Alex Morgan: base salary 110,000 EUR, remote days per week 0 days
    And Alex Morgan accepts Dana Kim's latest proposal
    Then Dana Kim's latest proposal is already on the frontier
    And the analysis notes "With three sides, the frontier is found to within 2 points for each side"
