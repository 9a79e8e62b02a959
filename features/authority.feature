Feature: Negotiating with the people who decide
  "Make sure you are negotiating with the right parties over the right issues." The hiring manager may
  decide the title while the compensation team decides the salary. The tracker keeps who can decide,
  advise on or block each term, and the checklist asks whether you have spoken to each decider.

  Background:
    Given Alex is preparing a negotiation "Data engineer offer at Northwind" about a job offer
    And the people at the table are:
      | name        | role              | side        |
      | Alex Morgan | candidate         | owner       |
      | Dana Kim    | hiring manager    | counterpart |
      | Priya Shah  | compensation lead | counterpart |
    And the package on the table is:
      | term        | kind  | details | better |
      | Base salary | money | EUR     | higher |
    And Alex's priorities are:
      | term        | weight | target      | walk-away   |
      | Base salary | 100    | 130,000 EUR | 110,000 EUR |

  Scenario: A decider nobody has spoken to
    When Alex maps Priya Shah as deciding Base salary
    And Alex maps Dana Kim as advising on Base salary
    And Alex logs a call with Dana Kim: "Dana likes the candidate; the salary is Priya's call"
    Then the timeline reads "Priya Shah (compensation lead) decides Base salary"
    And there is a hint "Talk to who decides Base salary" starting "Base salary is decided by Priya Shah (compensation lead), whom you have not spoken to yet"
    When Alex logs a call with Priya Shah: "Priya explained the salary bands"
    Then there are no hints

  Scenario: A decider who left
    When Alex maps Priya Shah as deciding Base salary
    And Alex logs a call with Priya Shah: "Priya explained the salary bands"
    And Priya Shah leaves the negotiation
    Then there is a hint "Talk to who decides Base salary" starting "Base salary is decided by Priya Shah (compensation lead), who has left the negotiation"
