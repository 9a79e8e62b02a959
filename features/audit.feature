Feature: Auditing a negotiation's history
  Months later, an auditor (or Alex's coach, or HR) must be able to reconstruct exactly what was
  proposed, by whom and when; see the negotiation as it stood at any point; compare the offers term
  by term; and trust that nobody rewrote the record. Steps are often logged after they happened: a
  call on Tuesday is written down on Friday, sometimes by someone else.

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
    And Alex has set a target of 130,000 EUR and a walk-away point of 112,000 EUR for base salary
    And Rick logged that on 3 March 2026 Dana Kim proposed to Alex Morgan: base salary 118,000 EUR, remote days per week 2
    And Alex logged that on 6 March 2026 Alex Morgan countered Dana Kim's latest proposal, to Dana Kim and Rick Alvarez: base salary 132,000 EUR, remote days per week 3
    And Alex logged that on 10 March 2026 Dana Kim countered Alex Morgan's latest proposal, to Alex Morgan: base salary 124,000 EUR, remote days per week 3

  Scenario: What did the employer offer on 3 March, and who logged it?
    When the auditor lists the proposals involving Dana Kim that happened on 3 March 2026
    Then the auditor finds 1 step
    And it reads "Dana Kim (hiring manager) proposed to Alex Morgan (candidate): Base salary 118,000 EUR, Remote days per week 2 days"
    And it was logged by Rick, after it happened

  Scenario: Everything Rick logged
    When the auditor lists the steps logged by Rick
    Then the auditor finds 1 step
    And it reads "Dana Kim (hiring manager) proposed to Alex Morgan (candidate): Base salary 118,000 EUR, Remote days per week 2 days"

  Scenario: The negotiation as it stood before the employer's second offer
    When the auditor looks at the negotiation as it stood after version 9
    Then at that point there were 2 proposals
    And at that point Dana Kim's latest position on base salary was 118,000 EUR
    And at that point Alex Morgan's latest position on base salary was 132,000 EUR

  Scenario: Time travel has limits
    When the auditor looks at the negotiation as it stood after version 99
    Then the auditor is told "There is no version 99: this negotiation has versions 1 to 10."
    When the auditor looks at the negotiation as it stood on 1 January 2020
    Then the auditor is told that the negotiation did not exist yet

  Scenario: How the employer's offer moved, term by term
    When the auditor compares Dana Kim's first proposal with Dana Kim's latest proposal
    Then the comparison shows:
      | term                 | from        | to          | difference | moved | for Alex |
      | Base salary          | 118,000 EUR | 124,000 EUR | +6,000 EUR | up    | better   |
      | Remote days per week | 2 days      | 3 days      | +1 day     | up    | better   |

  Scenario: The latest offer against Alex's targets
    When the auditor compares Alex's targets with Dana Kim's latest proposal
    Then the comparison shows:
      | term                 | from        | to          | difference | moved | for Alex |
      | Base salary          | 130,000 EUR | 124,000 EUR | -6,000 EUR | down  | worse    |
      | Remote days per week | -           | 3 days      |            | new   | neutral  |

  Scenario: An untouched history verifies
    When the auditor verifies the negotiation's history
    Then the history is intact, with 10 steps

  Scenario: An amount changed directly in the database is detected
    Given someone changed 118000 to 128000 in Dana Kim's first proposal directly in the database
    When the auditor verifies the negotiation's history
    Then the history is broken at version 8, because "its content was altered after it was recorded"

  Scenario: A step deleted directly in the database is detected
    Given someone deleted Alex Morgan's latest proposal directly in the database
    When the auditor verifies the negotiation's history
    Then the history is broken at version 9, because "event 9 is missing (found version 10)"

  Scenario: Moving the history to another store, unchanged
    When the auditor exports the negotiation and imports the file into a new store
    Then the new store holds the same history: the same steps, versions, times and digests
    And after it one more step, the auditor's import, saying the file's origin is not proven because "the file is not signed"
    And the history in the new store is intact

  Scenario: An altered export file is refused
    Given the auditor has exported the negotiation
    And someone changed 118000 to 128000 in the file
    When the auditor imports the file into a new store
    Then the import is refused with a message starting "The file's hash chain is broken at version 8"
    And the new store holds nothing
