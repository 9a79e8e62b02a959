Feature: Each person's time zone
  Stored times stay UTC. Each person sees every time in their own time zone, with its abbreviation,
  and every date and time they type is read in it. The zone comes from the browser at sign-up and can
  be changed in Settings.

  Scenario: In Berlin, a step that happened five minutes ago is accepted
    Given Lena signs up from a browser in "Europe/Berlin"
    And Lena has started the negotiation "Offer at Northwind"
    When Lena logs a note that happened five minutes ago, by her clock
    Then the note is recorded
    And the timeline shows when the note happened in Berlin time, with the zone's abbreviation

  Scenario: In Berlin, a winter time is shown in CET and stored in UTC
    Given Lena signs up from a browser in "Europe/Berlin"
    And Lena has started the negotiation "Offer at Northwind"
    When Lena logs a note that happened at "2026-01-15T09:00"
    Then the note is stored as having happened at "2026-01-15T08:00:00+00:00"
    And the timeline shows "15 Jan 2026, 09:00 CET"

  Scenario: In New York, nine in the morning in winter is stored as 14:00 UTC
    Given Lena signs up from a browser in "America/New_York"
    And Lena has started the negotiation "Offer at Northwind"
    When Lena logs a note that happened at "2026-01-15T09:00"
    Then the note is stored as having happened at "2026-01-15T14:00:00+00:00"
    And the timeline shows "15 Jan 2026, 09:00 EST"

  Scenario: A time the clocks skipped is refused beside the field
    Given Lena signs up from a browser in "Europe/Berlin"
    And Lena has started the negotiation "Offer at Northwind"
    When Lena logs a note that happened at "2026-03-29T02:30"
    Then the form says beside "When it happened" that "2:30 does not exist on 29 Mar 2026 in Europe/Berlin: clocks went forward."
    And nothing is recorded

  Scenario: Moving from Berlin to New York in Settings
    Given Lena signs up from a browser in "Europe/Berlin"
    And Lena has started the negotiation "Offer at Northwind"
    And Lena has logged a note that happened at "2026-01-15T09:00"
    When Lena chooses "America/New_York" in her settings
    Then the timeline shows "15 Jan 2026, 03:00 EST"
