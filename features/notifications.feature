Feature: Being told when a negotiation moves
  A negotiation moves when someone else logs a step: the hiring manager records a counter-offer, a
  coach adds a note, an approver decides. The people who can see the negotiation are told, in the
  app (the bell on every page) and by email, as each of them chose: every step, only what needs
  them, or nothing. Nobody is told of their own steps, and nobody who could not see the
  negotiation at the time of the step is ever told of it.

  Background:
    Given these people use the tracker:
      | name | email                 |
      | Alex | alex@example.org      |
      | Dana | dana@northwind.example |
      | Sam  | sam@coaching.example  |
    And Alex tracks the job offer "Staff engineer at Northwind" with Dana Kim as hiring manager
    And Alex lets Dana log steps in "Staff engineer at Northwind"

  Scenario: The hiring manager counters and the candidate is told in the app and by email
    When Dana logs a counter-offer of 128000 EUR base salary to Alex
    Then Alex's bell shows 1 unread notification
    And Alex's notifications say that Dana Kim countered, and that it needs an answer
    And Alex gets an email about the counter-offer with a link to the step
    And opening the notification takes Alex to the step and marks it read
    But Dana is not told of her own counter-offer

  Scenario: A share taken back stops the notifications
    Given Alex shares "Staff engineer at Northwind" with Sam to read
    And Sam wants every step by email
    When Alex stops sharing "Staff engineer at Northwind" with Sam
    And Dana logs the note "They can move on the sign-on bonus"
    Then Sam is not told of the note, in the app or by email
    But Alex is told of the note in the app
