Feature: Checking my weights against my own judgement
  Weights are hard to set by thinking about terms one at a time. Rating a few whole packages by feel
  is easier, and where the two disagree the weights are probably off. The tracker compares them and
  proposes weights that fit the ratings; taking them is a step on the record like any other.

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

  Scenario: Ratings that disagree with the weights
    By the weights, top pay at the desk scores 80 (80 x 100 + 20 x 0, out of 100) and lower pay fully
    remote 20. Alex rates them the other way round: remote days matter more than the weights say.
    When Alex rates packages:
      | package                 | base salary | remote days per week | rating |
      | Top pay, at the desk    | 120,000 EUR | 0 days               | 55     |
      | Lower pay, fully remote | 100,000 EUR | 4 days               | 60     |
      | Middle of both          | 110,000 EUR | 2 days               | 65     |
    Then the calibration says "You rated Lower pay, fully remote (60) above Top pay, at the desk (55), but your weights score Top pay, at the desk 80 and Lower pay, fully remote 20."
    And the proposed weights give Remote days per week more than 20 and Base salary less than 80
    When Alex takes the proposed weights
    Then the timeline reads a step starting "Took calibrated weights (fitted to 3 rated packages)"
    And Alex's weights are the proposed ones

  Scenario: Too few ratings to judge
    When Alex rates packages:
      | package              | base salary | remote days per week | rating |
      | Top pay, at the desk | 120,000 EUR | 0 days               | 70     |
    Then the calibration says "Rate 2 more whole packages (0-100, by feel) to check your weights against your own judgement."
    And taking weights now is refused with "Rate at least 3 whole packages first (1 so far)."
