Feature: Reaching and recording agreement
  An agreement needs every party a proposal was made to. When the last of them accepts, the
  negotiation is agreed on the terms of that proposal. Alex then records what was learned. If new
  facts come up, a closed negotiation can be reopened; its history is never rewritten.

  Background:
    Given Alex is preparing a negotiation "Senior Data Engineer offer at Northwind" about a job offer
    And the people at the table are:
      | name         | role           | side        |
      | Alex Morgan  | candidate      | owner       |
      | Dana Kim     | hiring manager | counterpart |
      | Rick Alvarez | recruiter      | counterpart |
    And the package on the table is:
      | term                 | kind  | details | better |
      | Base salary          | money | EUR     | higher |
      | Remote days per week | days  |         | higher |

  Scenario: Agreement when every addressed party has accepted, and not before
    Given Alex Morgan has proposed to Dana Kim and Rick Alvarez: base salary 127,000 EUR, remote days per week 3
    When Rick Alvarez accepts Alex Morgan's latest proposal because "within band"
    Then the negotiation is in the negotiating stage
    And Alex Morgan's latest proposal is still awaiting Dana Kim
    When Dana Kim accepts Alex Morgan's latest proposal because "approved by the department head"
    Then the negotiation is agreed on base salary 127,000 EUR, remote days per week 3
    And Alex Morgan's latest proposal is accepted
    And the timeline reads "Concluded: agreed on Base salary 127,000 EUR, Remote days per week 3 days"

  Scenario: Recording the lessons learned
    Given Alex Morgan has proposed to Dana Kim: base salary 125,000 EUR
    And Dana Kim has accepted Alex Morgan's latest proposal
    When Alex records the lesson "Market data plus the competing offer moved base salary by 7k"
    Then the negotiation is agreed on base salary 125,000 EUR
    And the lessons learned include "Market data plus the competing offer moved base salary by 7k"

  Scenario: Recording an agreement reached in a meeting
    When Alex concludes the negotiation as agreed on base salary 126,000 EUR, remote days per week 2, with the lesson "Ask for the written offer the same day"
    Then the negotiation is agreed on base salary 126,000 EUR, remote days per week 2
    And the lessons learned include "Ask for the written offer the same day"

  Scenario: Walking away is an outcome too
    Given Dana Kim has proposed to Alex Morgan: base salary 105,000 EUR
    When Alex concludes the negotiation as walked away, with the lesson "The band was fixed below my walk-away point"
    Then the negotiation is in the walked away stage

  Scenario: Reopening an agreed negotiation when new facts come up
    Given Alex Morgan has proposed to Dana Kim: base salary 125,000 EUR
    And Dana Kim has accepted Alex Morgan's latest proposal
    When Alex reopens the negotiation because "the start date moved by two months"
    Then the negotiation is in the negotiating stage
    And Alex Morgan's latest proposal is accepted
    And the timeline reads "Reopened: the start date moved by two months"
    When Dana Kim proposes to Alex Morgan: base salary 125,000 EUR, remote days per week 3
    Then Dana Kim's latest proposal is open
