Feature: Ready for the first conversation
  Alex has done the homework a coach would ask for, and every item of the checklist is ticked.

  Scenario: Every item ticked, each with its reason
    Given Alex is asking for a personal arrangement in a job offer "Staff engineer offer at Northwind"
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
      | Base salary          | 60     | 130,000 EUR | 110,000 EUR |
      | Remote days per week | 40     | 3           | 1           |
    When Alex records a long-term career goal "Lead a platform team within three years"
    And Alex logs research on Base salary from "Levels survey 2026": low 105000, typical 122000, high 140000
    And Alex enlists Priya Shah, "former manager", as a supportive ally
    And Alex notes that Priya Shah "told the department head about my platform work"
    And Alex logs a competing offer "Offer from Contoso" with base salary 124,000 EUR
    And Alex adds an achievement "Built the data platform that cut reporting time by 60%" supporting Base salary
    And Alex adds market data "Senior staff here work remotely three days a week" supporting Remote days per week
    And Alex maps Dana Kim as deciding Base salary and Remote days per week
    And Alex logs a call with Dana Kim: "Dana walked me through the offer"
    Then every item of the checklist is done
    And the checklist says "At least one ally who has done something" because "Priya Shah (supportive): told the department head about my platform work."
    And the checklist says "Kind of ask chosen" because "Recorded as a personal arrangement."
