Feature: A newcomer's first minutes with the tracker
  Someone who has just heard of the tracker signs up and finds their way without a manual. Their empty
  list says what to do next and offers a finished example to look around in. A step that cannot be
  taken yet says what to do first, and links to it, instead of showing a form with nothing to choose.
  Problems are named the way the form labels them.

  Scenario: A new person signs up, sees an empty list offering the sample negotiation, loads it and sees it
    Given Noor has no account yet
    When Noor signs up with the sign-up form
    Then Noor's list of negotiations is empty and offers to load a sample negotiation
    When Noor loads the sample negotiation
    Then Noor sees "Senior Data Engineer offer at Northwind" with its parties, its terms and the agreement
    And Noor's list of negotiations shows "Senior Data Engineer offer at Northwind"
    And Noor's list no longer offers the sample negotiation

  Scenario: Making a proposal before anyone has joined says to add the parties first
    Given Noor has signed up and started the negotiation "Promotion to team lead"
    When Noor opens "Make a proposal"
    Then Noor is told to add the parties first, with no form to fill in
    And the link "Add a party" leads to the form for adding a party
    And the steps menu shows "Make a proposal" as not yet available because the parties come first

  Scenario: Putting a term on the table needs only its label
    Given Noor has signed up and started the negotiation "Promotion to team lead"
    When Noor puts "Base salary" on the table as money in EUR without giving a key
    And Noor puts another "Base salary" on the table as money in EUR without giving a key
    Then the negotiation has the terms "Base salary" and "Base salary" under different keys

  Scenario: A problem with the sign-up form is named as the form labels the field
    Given Noor has no account yet
    When Noor signs up with two passwords that are not the same
    Then Noor is told "The password again: The two passwords are not the same."
    And the message never shows the field's internal name "confirm"
