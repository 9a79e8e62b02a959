Feature: My deadlines in my own calendar
  Alex lives in a calendar program, not in the tracker. On the settings page Alex makes a private
  link to a calendar feed and subscribes to it once; from then on the dates that matter (an answer
  wanted by Friday, the day Alex means to decide, an exploding offer, a promised follow-up) show up
  in that calendar by themselves. Anyone with the link could read those dates, so Alex can make a
  new link or turn the feed off at any time, and the old link stops working at once.

  Background:
    Given Alex is preparing a negotiation "Staff engineer offer at Northwind" about a job offer
    And the people at the table are:
      | name        | role           | side        |
      | Alex Morgan | candidate      | owner       |
      | Dana Kim    | hiring manager | counterpart |
    And the package on the table is:
      | term        | kind  | details | better |
      | Base salary | money | EUR     | higher |
    And Alex has made a private calendar feed link

  Scenario: A deadline shows in my calendar feed
    When Dana Kim proposes to Alex Morgan: base salary 118,000 EUR, wanting an answer in 3 days at 17:00
    Then Alex's calendar shows "Answer due: Staff engineer offer at Northwind" in 3 days at 17:00
    And that calendar entry links to the negotiation

  Scenario: The day I mean to decide is an all-day entry
    When Alex sets the decision date to 10 days from now
    Then Alex's calendar shows "Decision date: Staff engineer offer at Northwind" all day in 10 days

  Scenario: A new link stops the old one, and turning the feed off stops it too
    When Alex makes a new calendar feed link
    Then the old link no longer works
    And the new link still works
    When Alex turns the calendar feed off
    Then the new link no longer works
