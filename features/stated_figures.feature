Feature: Every figure stated, and the ones taken back
  Figures are said in calls and emails as well as written in proposals. The tracker keeps every
  figure each party stated, term by term, so that later rounds do not contradict earlier ones
  unnoticed: a party going back on a figure, or stating two figures for one term in the same round,
  is flagged with both sources.

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

  Scenario: The hiring manager offers less than she said on the phone
    When Alex logs a call in which Dana Kim said: base salary 120,000 EUR, remote days per week 3 days
    And Dana Kim proposes to Alex Morgan: base salary 115,000 EUR, remote days per week 3 days
    Then the ledger shows Dana Kim's base salary as "120,000 EUR → 115,000 EUR"
    And it flags "Dana Kim (hiring manager) went back on Base salary: 120,000 EUR (an interaction, version 6), then 115,000 EUR (a proposal, version 7)."
    And the timeline flags both steps

  Scenario: Moving towards the other side is no contradiction
    When Dana Kim proposes to Alex Morgan: base salary 110,000 EUR
    And Alex Morgan counters Dana Kim's latest proposal, to Dana Kim: base salary 125,000 EUR
    And Dana Kim counters Alex Morgan's latest proposal, to Alex Morgan: base salary 116,000 EUR
    Then the ledger shows Dana Kim's base salary as "110,000 EUR → 116,000 EUR"
    And nothing is flagged

  Scenario: Two figures for one term in the same round
    When Dana Kim proposes to Alex Morgan: base salary 110,000 EUR
    And Alex notes that Alex Morgan said: base salary 125,000 EUR
    And Alex notes that Alex Morgan said: base salary 128,000 EUR
    Then it flags "Alex Morgan (candidate) stated two figures for Base salary in the same round: 125,000 EUR (a note, version 7), then 128,000 EUR (a note, version 8)."
