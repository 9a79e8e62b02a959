Feature: Deadlines, exploding offers and what is due
  Offers come with dates. The hiring manager wants an answer by Friday; the competing offer from
  Contoso expires on Thursday; Alex means to decide before the start date; a recruiter promised to
  call back. Alex keeps those dates in the record, and the tracker counts down to them: the hints say
  what to do first, and the "what's due" list puts what is overdue at the top.

  Background:
    Given Alex is preparing a negotiation "Staff engineer offer at Northwind" about a job offer
    And the people at the table are:
      | name        | role           | side        |
      | Alex Morgan | candidate      | owner       |
      | Dana Kim    | hiring manager | counterpart |
    And the package on the table is:
      | term        | kind  | details | better |
      | Base salary | money | EUR     | higher |

  Scenario: An exploding competing offer says to decide before answering
    Given Alex has a competing offer "Contoso offer" of base salary 124,000 EUR that expires in 2 days
    When Dana Kim proposes to Alex Morgan: base salary 118,000 EUR
    Then there is a hint "Contoso offer expires in 2 days" starting "The Contoso offer expires in 2 days ("
    And that hint ends "): decide on it before answering Dana Kim."
    And Alex's list of what is due reads, in order:
      | due            | what                                           |
      | in 2 days      | Your alternative Contoso offer expires on +2   |
      | owed now       | Dana Kim wants an answer to proposal #1        |

  Scenario: An answer wanted soon, and a decision date that has passed
    When Dana Kim proposes to Alex Morgan: base salary 118,000 EUR, wanting an answer within 30 hours
    And Alex sets the decision date to 2 days ago because "The start date was agreed first"
    Then there is a hint "Answer wanted tomorrow" starting "Dana Kim wants an answer to proposal #1 tomorrow"
    And there is a hint "The decision date has passed" starting "You meant to decide by"
    And Alex's list of what is due reads, in order:
      | due            | what                                           |
      | overdue        | You mean to decide by -2                       |
      | tomorrow       | Dana Kim wants an answer to proposal #1        |

  Scenario: A follow-up stays due until the next conversation with them
    When Alex logs a call with Dana Kim, "Dana will check the band", to follow up yesterday
    Then Alex's list of what is due reads, in order:
      | due            | what                                           |
      | overdue        | Follow up with Dana Kim on the call of version |
    When Alex logs a call with Dana Kim, "The band allows 125,000 EUR", to follow up never
    Then Alex's list of what is due is empty
