Feature: Steps that are refused, and why
  The tracker refuses a step that breaks the rules of the negotiation and says why, in words a
  person understands. A refused step records nothing.

  Background:
    Given Alex is preparing a negotiation "Senior Data Engineer offer at Northwind" about a job offer
    And the people at the table are:
      | name         | role           | side        |
      | Alex Morgan  | candidate      | owner       |
      | Dana Kim     | hiring manager | counterpart |
      | Rick Alvarez | recruiter      | counterpart |
      | Sam Patel    | career coach   | advisor     |
    And the package on the table is:
      | term          | kind   | details                                    | better |
      | Base salary   | money  | EUR                                        | higher |
      | Title         | choice | Data Engineer, Senior Data Engineer, Staff | none   |

  Scenario: A salary in another currency than the term's
    When Dana Kim proposes to Alex Morgan: base salary 125,000 USD
    Then the step is refused: "Base salary is in EUR, not USD."
    And nothing new is recorded

  Scenario: A negative salary
    When Dana Kim proposes to Alex Morgan: base salary -5,000 EUR
    Then the step is refused: "Base salary cannot be negative."

  Scenario: A choice that is not one of the options
    When Dana Kim proposes to Alex Morgan: title Chief Data Officer
    Then the step is refused: "Choose one of: Data Engineer, Senior Data Engineer, Staff."

  Scenario: A proposal from someone who is not at the table
    When Morgan Lee proposes to Alex Morgan: base salary 125,000 EUR
    Then the step is refused: "'Morgan Lee' is not a party to this negotiation."

  Scenario: A proposal to oneself
    When Alex Morgan proposes to Alex Morgan: base salary 125,000 EUR
    Then the step is refused: "A party cannot make a proposal to themselves."

  Scenario: Accepting a proposal that was made to someone else
    Given Dana Kim has proposed to Alex Morgan: base salary 120,000 EUR
    When Sam Patel accepts Dana Kim's latest proposal
    Then the step is refused: "Only the parties a proposal was made to can accept it; Sam Patel (career coach) was not one of them."
    And nothing new is recorded

  Scenario: Accepting a withdrawn proposal
    Given Dana Kim has proposed to Alex Morgan: base salary 120,000 EUR
    And Dana Kim has withdrawn Dana Kim's latest proposal
    When Alex Morgan accepts Dana Kim's latest proposal
    Then the step is refused: "Proposal #1 from Dana Kim is withdrawn and cannot be accepted."

  Scenario: Accepting a proposal that was already rejected
    Given Dana Kim has proposed to Alex Morgan and Rick Alvarez: base salary 120,000 EUR
    And Rick Alvarez has rejected Dana Kim's latest proposal
    When Alex Morgan accepts Dana Kim's latest proposal
    Then the step is refused: "Proposal #1 from Dana Kim is rejected and cannot be accepted."

  Scenario: Accepting a proposal that a counter-proposal has superseded
    Given Dana Kim has proposed to Alex Morgan: base salary 120,000 EUR
    And Alex Morgan has countered Dana Kim's latest proposal, to Dana Kim: base salary 130,000 EUR
    When Alex Morgan accepts Dana Kim's latest proposal
    Then the step is refused: "Proposal #1 from Dana Kim is superseded and cannot be accepted."

  Scenario: Countering a proposal that was withdrawn
    Given Dana Kim has proposed to Alex Morgan: base salary 120,000 EUR
    And Dana Kim has withdrawn Dana Kim's latest proposal
    When Alex Morgan counters Dana Kim's latest proposal, to Dana Kim: base salary 130,000 EUR
    Then the step is refused: "Proposal #1 from Dana Kim was withdrawn; a counter-proposal cannot answer it."

  Scenario: Withdrawing someone else's proposal
    Given Dana Kim has proposed to Alex Morgan: base salary 120,000 EUR
    When Alex Morgan withdraws Dana Kim's latest proposal
    Then the step is refused: "Only the party who made a proposal can withdraw it."

  Scenario: A target worse than the walk-away point
    When Alex gives Base salary a weight of 40, a target of 100,000 EUR and a walk-away point of 112,000 EUR
    Then the step is refused: "The target 100,000 EUR is worse than the walk-away point 112,000 EUR (higher is better)."
    And nothing new is recorded

  Scenario: Leaving while a proposal still waits for an answer
    Given Dana Kim has proposed to Alex Morgan and Rick Alvarez: base salary 120,000 EUR
    When Rick Alvarez leaves the negotiation
    Then the step is refused: "Rick Alvarez (recruiter) is part of open proposal #1 from Dana Kim; it must be answered or withdrawn first."

  Scenario: Adding the same person twice
    When these people join the negotiation:
      | name     | role | side        |
      | Dana Kim | HR   | counterpart |
    Then the step is refused: "Dana Kim is already a party to this negotiation."

  Scenario: Declaring agreement without agreed terms
    When Alex concludes the negotiation as agreed
    Then the step is refused: "An agreement needs its final terms, or a proposal every addressed party accepted."

  Scenario: Recording new steps after the negotiation closed
    Given Dana Kim has proposed to Alex Morgan: base salary 125,000 EUR
    And Alex Morgan has accepted Dana Kim's latest proposal
    When Dana Kim proposes to Alex Morgan: base salary 126,000 EUR
    Then the step is refused: "This negotiation is closed (agreed); reopen it to record new steps."
    When Alex adds the note "One more thing"
    Then the step is refused: "This negotiation is closed (agreed); reopen it to record new steps."
    And nothing new is recorded

  Scenario: Reopening a negotiation that is still open
    When Alex reopens the negotiation because "new facts"
    Then the step is refused: "Only a closed negotiation can be reopened."

  Scenario: Two people recording at the same time
    Given Sam Patel has the negotiation open
    When Alex adds the note "Dana called back"
    And Sam Patel adds the note "Prepare the counter" to what they have open
    Then the step is refused with a message starting "This negotiation changed since you loaded it"
    And the timeline reads "Note: Dana called back"
