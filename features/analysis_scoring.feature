Feature: Scoring proposals against my priorities
  Alex gives each term a weight, a specific target and a walk-away point. Every proposal and every
  alternative then gets a score from 0 to 100. A numeric term scores 0 at the walk-away point and
  100 at the target, in a straight line between them (never below 0 or above 100). A title or a
  yes/no term scores by the ratings Alex gives its options. The package score is the average of its
  terms' scores weighted by how much each term matters, over the terms the package mentions.
  The best alternative to a negotiated agreement (BATNA) is the highest-scoring alternative, and
  every proposal says whether it beats it.

  Background:
    Given Alex is preparing a negotiation "Staff engineer offer at Northwind" about a job offer
    And the people at the table are:
      | name        | role           | side        |
      | Alex Morgan | candidate      | owner       |
      | Dana Kim    | hiring manager | counterpart |
    And the package on the table is:
      | term                 | kind   | details                                   | better |
      | Base salary          | money  | EUR                                       | higher |
      | Remote days per week | days   |                                           | higher |
      | Title                | choice | Engineer, Senior Engineer, Staff Engineer | none   |
    And Alex's priorities are:
      | term                 | weight | target      | walk-away   |
      | Base salary          | 60     | 130,000 EUR | 110,000 EUR |
      | Remote days per week | 40     | 3           | 1           |

  Scenario: A salary halfway between walk-away and target scores 50
    120,000 is half of the way from 110,000 to 130,000: 50. Three remote days is the target: 100.
    Weighted: (60 x 50 + 40 x 100) / 100 = 70.
    When Dana Kim proposes to Alex Morgan: base salary 120,000 EUR, remote days per week 3
    Then Dana Kim's latest proposal scores 50 on Base salary
    And Dana Kim's latest proposal scores 100 on Remote days per week
    And Dana Kim's latest proposal scores 70 overall, covering 100% of the weight

  Scenario: A term below the walk-away point scores 0 and is flagged
    When Dana Kim proposes to Alex Morgan: base salary 105,000 EUR, remote days per week 2
    Then Dana Kim's latest proposal scores 0 on Base salary
    And Dana Kim's latest proposal is below Alex's walk-away point on Base salary
    And Dana Kim's latest proposal scores 20 overall, covering 100% of the weight

  Scenario: Terms a proposal does not mention are left out, and the coverage shows it
    When Dana Kim proposes to Alex Morgan: base salary 125,000 EUR
    Then Dana Kim's latest proposal scores 75 overall, covering 60% of the weight

  Scenario: A title scores by the ratings Alex gave its options
    Weighted: (60 x 50 + 40 x 100 + 20 x 80) / 120 = 71.67, shown as 72.
    Given Alex's priorities are:
      | term  | weight | target          | walk-away |
      | Title | 20     | Senior Engineer | Engineer  |
    And Alex rates the options of Title: Engineer 20, Senior Engineer 80, Staff Engineer 100
    When Dana Kim proposes to Alex Morgan: base salary 120,000 EUR, remote days per week 3, title Senior Engineer
    Then Dana Kim's latest proposal scores 80 on Title
    And Dana Kim's latest proposal scores 72 overall, covering 100% of the weight

  Scenario: Every proposal says whether it beats the best alternative
    Contoso: base 124,000 scores 70 and two remote days 50, so (60 x 70 + 40 x 50) / 100 = 62.
    Staying scores 0 on both. Dana's second offer: (60 x 30 + 40 x 50) / 100 = 38.
    When Alex logs a competing offer "Offer from Contoso" with base salary 124,000 EUR, remote days per week 2
    And Alex logs the status quo "Stay at current job" with base salary 108,000 EUR, remote days per week 1
    Then the best alternative is "Offer from Contoso" with a score of 62
    When Dana Kim proposes to Alex Morgan: base salary 120,000 EUR, remote days per week 3
    Then Dana Kim's latest proposal beats the best alternative
    When Dana Kim proposes to Alex Morgan: base salary 116,000 EUR, remote days per week 2
    Then Dana Kim's latest proposal scores 38 overall, covering 100% of the weight
    And Dana Kim's latest proposal does not beat the best alternative
