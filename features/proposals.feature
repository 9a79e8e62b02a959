Feature: Rounds of proposals and counter-proposals
  A negotiation has more than two parties: the candidate, the hiring manager, the recruiter, a
  coach. A proposal is made by one party to one or more others and names a value for each term it
  covers. A counter-proposal answers an earlier proposal, which is then superseded. Seeing every
  proposal side by side, term by term, shows how far each side has moved.

  Background:
    Given Alex is preparing a negotiation "Senior Data Engineer offer at Northwind" about a job offer
    And the people at the table are:
      | name         | role           | side        |
      | Alex Morgan  | candidate      | owner       |
      | Dana Kim     | hiring manager | counterpart |
      | Rick Alvarez | recruiter      | counterpart |
      | Sam Patel    | career coach   | advisor     |
    And the package on the table is:
      | term                 | kind    | details                                    | better |
      | Base salary          | money   | EUR                                        | higher |
      | Sign-on bonus        | money   | EUR                                        | higher |
      | Remote days per week | days    |                                            | higher |
      | Title                | choice  | Data Engineer, Senior Data Engineer, Staff | none   |

  Scenario: Three rounds of offers and counter-offers
    When Dana Kim proposes to Alex Morgan: base salary 118,000 EUR, remote days per week 2, title Data Engineer
    Then the negotiation is in the offer received stage
    When Alex Morgan counters Dana Kim's latest proposal, to Dana Kim and Rick Alvarez: base salary 132,000 EUR, remote days per week 3, title Senior Data Engineer
    Then Dana Kim's latest proposal is superseded
    And the negotiation is in the negotiating stage
    When Dana Kim counters Alex Morgan's latest proposal, to Alex Morgan: base salary 124,000 EUR, sign-on bonus 8,000 EUR, remote days per week 3
    Then the negotiation has 3 proposals
    And Alex Morgan's latest proposal is superseded
    And Dana Kim's latest proposal is open
    And Dana Kim's latest position on base salary is 124,000 EUR
    And Alex Morgan's latest position on base salary is 132,000 EUR
    And Dana Kim's latest position on title is Data Engineer
    And the timeline reads "Alex Morgan (candidate) countered proposal #1 from Dana Kim to Dana Kim (hiring manager), Rick Alvarez (recruiter): Base salary 132,000 EUR, Remote days per week 3 days, Title Senior Data Engineer"

  Scenario: Opening with one's own proposal
    When Alex Morgan proposes to Dana Kim and Rick Alvarez: base salary 130,000 EUR
    Then the negotiation is in the negotiating stage
    And Alex Morgan's latest proposal is open

  Scenario: A rejected proposal, then a better one
    Given Dana Kim has proposed to Alex Morgan: base salary 110,000 EUR
    When Alex Morgan rejects Dana Kim's latest proposal because "it is below the market range"
    Then Dana Kim's latest proposal is rejected
    And the timeline reads "Alex Morgan (candidate) rejected proposal #1 from Dana Kim (it is below the market range)"
    When Dana Kim proposes to Alex Morgan: base salary 121,000 EUR
    Then Dana Kim's latest proposal is open

  Scenario: Withdrawing a proposal made in error
    Given Rick Alvarez has proposed to Alex Morgan: base salary 102,000 EUR
    When Rick Alvarez withdraws Rick Alvarez's latest proposal because "wrong band"
    Then Rick Alvarez's latest proposal is withdrawn
    And Rick Alvarez has no position on base salary

  Scenario: Keeping a record of every exchange along the way
    Given Dana Kim has proposed to Alex Morgan: base salary 118,000 EUR
    When Alex logs a call with Dana Kim and Alex Morgan, tone warm: "Dana walked through the offer; open to more remote days"
    And Alex logs an email with Rick Alvarez: "Sent my counter with the market data"
    And Alex adds the note "Rick hinted the band tops out at 130k"
    Then the negotiation has 2 interactions
    And the timeline reads "Call with Dana Kim (hiring manager), Alex Morgan (candidate) (warm): Dana walked through the offer; open to more remote days"
    And the timeline reads "Note: Rick hinted the band tops out at 130k"
