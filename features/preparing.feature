Feature: Preparing a negotiation
  Before the first proposal, Alex writes down what they want from their career and their life,
  names who is at the table, puts the whole package on the table (not just the salary), decides
  how much each term matters, researches the market, finds allies and knows the alternatives.

  Background:
    Given Alex is preparing a negotiation "Senior Data Engineer offer at Northwind" about a job offer

  Scenario: Starting from aspirations, not from the offer
    When Alex records a long-term career goal "Lead a data platform team within three years"
    And Alex records a short-term life goal "Work from home at least three days a week"
    Then the negotiation has 2 goals
    And the negotiation is in the preparing stage
    And the timeline reads "Recorded a long-term career goal: Lead a data platform team within three years"

  Scenario: Naming who is at the table, on which side
    When these people join the negotiation:
      | name         | role           | side        |
      | Alex Morgan  | candidate      | owner       |
      | Dana Kim     | hiring manager | counterpart |
      | Rick Alvarez | recruiter      | counterpart |
      | Sam Patel    | career coach   | advisor     |
    Then the negotiation has 4 parties
    And Dana Kim sits on the counterpart side
    And the timeline reads "Sam Patel (career coach) joined on the advisor side"

  Scenario: Negotiating the whole package, not only the pay
    When Alex puts these terms on the table:
      | term                 | kind    | details                                     | better |
      | Base salary          | money   | EUR                                         | higher |
      | Sign-on bonus        | money   | EUR                                         | higher |
      | Target bonus         | percent |                                             | higher |
      | Remote days per week | days    |                                             | higher |
      | Commute              | number  | minutes                                     | lower  |
      | Start date           | date    |                                             | none   |
      | Title                | choice  | Data Engineer, Senior Data Engineer, Staff  | none   |
      | Scope of the role    | text    |                                             | none   |
    Then the negotiation has 8 terms on the table
    And the timeline reads "Put Base salary on the table (money, EUR, higher is better)"
    And the timeline reads "Put Commute on the table (number, lower is better)"

  Scenario: Setting priorities with specific targets and walk-away points
    Given the package on the table is:
      | term                 | kind   | details                                    | better |
      | Base salary          | money  | EUR                                        | higher |
      | Remote days per week | days   |                                            | higher |
      | Title                | choice | Data Engineer, Senior Data Engineer, Staff | none   |
    When Alex gives Base salary a weight of 40, a target of 130,000 EUR and a walk-away point of 112,000 EUR
    And Alex gives Remote days per week a weight of 20, a target of 3 and a walk-away point of 2
    And Alex gives Title a weight of 5, a target of Senior Data Engineer and a walk-away point of Data Engineer
    Then Alex's target for Base salary is 130,000 EUR
    And the timeline reads "Set the priority on Base salary: weight 40, target 130,000 EUR, walk-away 112,000 EUR"

  Scenario: Researching the market before asking
    Given the package on the table is:
      | term        | kind  | details | better |
      | Base salary | money | EUR     | higher |
    When Alex logs research on Base salary from "Levels survey 2026, Berlin": low 105,000, typical 122,000, high 140,000
    And Alex logs research from "Northwind employee handbook": "Standard policy is two remote days."
    Then the negotiation has 2 research notes
    And the timeline reads "Logged research on Base salary from Levels survey 2026, Berlin: 105,000 / 122,000 / 140,000 EUR (low / typical / high)"

  Scenario: Enlisting allies and keeping track of what they do
    When Alex enlists Priya Shah, "former manager, now at Northwind", as a supportive ally
    And Alex enlists Jon Berg, "mentor", as a neutral ally
    And Alex notes that Priya Shah "told the department head about my platform work"
    And Jon Berg becomes supportive because "he agrees the ask is realistic"
    Then the negotiation has 2 allies
    And Jon Berg is now a supportive ally
    And the timeline reads "Priya Shah: told the department head about my platform work"

  Scenario: Knowing the alternatives: a competing offer and the status quo
    Given the package on the table is:
      | term                 | kind  | details | better |
      | Base salary          | money | EUR     | higher |
      | Remote days per week | days  |         | higher |
    When Alex logs a competing offer "Offer from Contoso" with base salary 124,000 EUR, remote days per week 2 and a deadline on 2030-06-30
    And Alex logs the status quo "Stay at my current job" with base salary 108,000 EUR
    Then the negotiation has 2 alternatives
    And the timeline reads "Logged an alternative, Offer from Contoso (competing offer): Base salary 124,000 EUR, Remote days per week 2 days, expires on 2030-06-30"
