Feature: Showcasing your value
  "Showcase your value": a request is stronger with the case behind it. Each entry of the value case
  (an achievement, evidence, a skill, market data) is linked to the asks it supports; a proposal can
  cite entries, and the readiness checklist says which asks have nothing behind them yet.

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
      | Base salary          | 70     | 130,000 EUR | 110,000 EUR |
      | Remote days per week | 30     | 3 days      | 1 days      |

  Scenario: An ask with nothing behind it
    When Alex adds an achievement "Built the data platform that cut reporting time by 60%" supporting Base salary
    Then the readiness checklist says "Nothing in your value case supports: Remote days per week. Add an achievement, evidence or market data."
    When Alex adds market data "Northwind's handbook allows three remote days for senior staff" supporting Remote days per week
    Then the value case backs every ask

  Scenario: A counter-proposal cites the case
    When Alex adds an achievement "Built the data platform that cut reporting time by 60%" supporting Base salary
    And Alex Morgan proposes to Dana Kim, citing the value case: base salary 128,000 EUR
    Then the timeline reads "Alex Morgan (candidate) proposed to Dana Kim (hiring manager): Base salary 128,000 EUR (citing 1 value-case entry)"
