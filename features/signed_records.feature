Feature: Records whose origin can be proven
  An exported record is a file. Anyone who can read it can edit it and recompute its hash chain, so a
  chain that checks out proves only that the file is consistent with itself. What proves where a
  record came from is the signature of the tracker that exported it. A record whose origin is not
  proven is still kept, so nothing is lost, but it never passes for anyone's own history: the import
  is a step of the person who made it, and every step before it is shown "as the file says".

  Background:
    Given Alex keeps negotiations in two trackers, one at home and one at work, each with its own key
    And at home Alex records "Promotion to staff engineer" with the note "Ask for the staff title first"

  Scenario: A signed record moves to a tracker that trusts the one it came from
    Given the tracker at work trusts the one at home as "Alex's home tracker"
    When Alex exports the record at home and imports the file at work
    Then at work the record says "signed by Alex's home tracker, a tracker you trust"
    And its last step reads "Imported from a file ending at version 4, signed by Alex's home tracker (a trusted installation): the steps before are as recorded there"
    And no step is marked "as the file says"

  Scenario: The same file, at a tracker that does not trust the one at home
    When Alex exports the record at home and imports the file at work
    Then at work the record says "origin not proven"
    And it gives the reason "it is signed by a key this installation does not trust"
    And steps 1 to 4 are marked "as the file says; origin not proven"

  Scenario: A forged export is kept but not believed
    Given the tracker at work trusts the one at home as "Alex's home tracker"
    And Sam, who could read the record, exported it, changed the note to "They promised 150,000 EUR" and recomputed every digest
    When Alex imports Sam's file at work
    Then the badge says "Record intact: 5 events verified; imported, origin not proven"
    And it gives the reason "its signature does not match its contents: the file was altered"
    And the note reads "Note: They promised 150,000 EUR" marked "as the file says; origin not proven"
