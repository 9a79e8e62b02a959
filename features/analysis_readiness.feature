Feature: Am I ready? The coach's checklist
  Before the first proposal a good coach asks: have you written down what you want from your career
  and your life? Does every term have a weight, a specific target and a walk-away point? Do you know
  the market for each money term? Who is on your side, and what have they done? What is your best
  alternative? What kind of ask is this? The checklist answers from the history, with the reason
  for each item. Hints speak up about timing and about a negotiation that has gone quiet.

  Background:
    Given Alex is preparing a negotiation "Staff engineer offer at Northwind" about a job offer
    And the people at the table are:
      | name        | role           | side        |
      | Alex Morgan | candidate      | owner       |
      | Dana Kim    | hiring manager | counterpart |

  Scenario: A fresh negotiation shows what to prepare
    Then the checklist reads:
      | item                                                | status  |
      | Aspirations written                                 | missing |
      | Every term has a weight, target and walk-away point | missing |
      | Market research for each money term                 | missing |
      | At least one ally who has done something            | missing |
      | An alternative logged                               | missing |
      | Kind of ask chosen                                  | check   |
      | Targets are specific (figures, not words)           | missing |
      | Your value case backs each ask                      | missing |
      | You know who decides each ask, and have spoken to them | missing |
    And the checklist says "Kind of ask chosen" because "Recorded as a standard ask (the default). If others in the role do not get this, it is a personal arrangement or a new direction, and needs different arguments."
    And there are no hints

  Scenario: Gaps name the terms concerned
    Given the package on the table is:
      | term            | kind  | details | better |
      | Base salary     | money | EUR     | higher |
      | Training budget | money | EUR     | higher |
      | Scope           | text  |         | none   |
    And Alex's priorities are:
      | term        | weight | target              | walk-away   |
      | Base salary | 60     | 130,000 EUR         | 110,000 EUR |
      | Scope       | 20     | More responsibility | Same as now |
    When Alex logs research on Base salary from "Levels survey 2026": low 105000, typical 122000, high 140000
    Then the checklist says "Every term has a weight, target and walk-away point" because "Not set for: Training budget."
    And the checklist says "Market research for each money term" because "No market figures for: Training budget."
    And the checklist says "Targets are specific (figures, not words)" because "Targets in words only: Scope. Name a figure you can be held to."

  Scenario: Benefits raised before an offer was made
    Given the package on the table is:
      | term          | kind  | details | better |
      | Base salary   | money | EUR     | higher |
      | Paid time off | days  |         | higher |
    When Alex Morgan proposes to Dana Kim: base salary 130,000 EUR, paid time off 30 days
    Then there is a hint "Benefits raised before an offer" starting "Proposal #1 Alex Morgan (candidate) asked about Paid time off before any offer from the other side."

  Scenario: A quiet fortnight calls for a follow-up
    When Alex records a long-term career goal "Lead a platform team within three years"
    And Alex looks again 13 days after the last step
    Then there are no hints
    When Alex looks again 14 days after the last step
    Then there is a hint "Time to follow up" starting "Nothing recorded for 14 days"
