Feature: Auditing a negotiation from its page
  The auditor does not need the command line: the negotiation's page says whether its record is
  intact, the timeline can be narrowed to one person, one kind of step or a few days, any step
  can show the negotiation as it stood then, and every offer links to a term-by-term comparison.

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
    When the auditor narrows the timeline to proposals involving Dana Kim that happened on 3 March 2026
    Then the timeline shows 1 of 10 steps
    And it reads "Dana Kim (hiring manager) proposed to Alex Morgan (candidate): Base salary 118,000 EUR, Remote days per week 2 days"
    And it shows it was logged by Rick and happened on 3 Mar 2026

  Scenario: The negotiation as it stood after the first offer
    When the auditor chooses "Show as of here" on Dana Kim's first proposal
    Then the page says "You are looking at version 8 of 10"
    And Dana Kim's position on base salary reads 118,000 EUR
    And nothing can be logged from that page

  Scenario: How the employer's offer moved, from the timeline
    When the auditor follows "Compare with proposal #1 from Dana Kim, the previous one" on Dana Kim's latest proposal
    Then base salary reads 118,000 EUR, then 124,000 EUR: +6,000 EUR, up, better for Alex

  Scenario: The latest offer against Alex's targets, from the timeline
    When the auditor follows "Compare with my targets" on Dana Kim's latest proposal
    Then base salary reads 130,000 EUR, then 124,000 EUR: -6,000 EUR, down, worse for Alex

  Scenario: The badge says whether anyone rewrote the record
    Then the page says "Record intact: 10 events verified"
    Given someone changed 118000 to 128000 in Dana Kim's first proposal directly in the database
    Then the page says "Record altered at version 8: its content was altered after it was recorded"
