Feature: The sample negotiation, analysed
  The sample from `tracker demo` is a job offer with three rounds of proposals, a competing offer
  and an agreement. Its analysis shows where Alex stood at each step, who gave how much, and what
  was still to prepare, now or as of any earlier moment.

  Scenario: Scores, concessions, charts, comparison and checklist of the sample
    Dana's first offer, by Alex's weights: base 118,000 is a third of the way from 112,000 to 130,000
    (33.3 x 40), two remote days is the walk-away (0 x 20), sign-on 5,000 of 15,000 (33.3 x 10),
    bonus 10% between 8% and 15% (28.6 x 10), 26 days off between 25 and 30 (20 x 10), the title
    "Data Engineer" rated 20 (x 5), training 1,500 between 1,000 and 3,000 (25 x 5): 23.8 in all.
    Contoso mentions terms worth 80 of the 100 weight: (66.7 x 40 + 0 x 20 + 28.6 x 10 + 60 x 10) / 80 = 44.
    Given the sample negotiation from "tracker demo"
    Then Alex's scores are:
      | package                      | score | beats the best alternative |
      | #1 Dana Kim (hiring manager) | 24    | no                         |
      | #2 Alex Morgan (candidate)   | 96    | yes                        |
      | #3 Dana Kim (hiring manager) | 71    | yes                        |
      | #4 Alex Morgan (candidate)   | 76    | yes                        |
      | Offer from Contoso           | 44    | -                          |
      | Stay at current job          | 6     | -                          |
    And the best alternative is "Offer from Contoso" with a score of 44
    And the concessions read "Dana Kim (hiring manager) has conceded more: 58% of the gap on average (owner weights), against Alex Morgan (candidate) 39%."
    And the charts show the negotiation dance and the positions on Base salary, Sign-on bonus, Target bonus, Remote days per week, Paid time off, Start date, Training budget
    And the side-by-side comparison shows "Latest proposal #4 Alex Morgan (candidate)", "Offer from Contoso", "Stay at current job"
    And 4 of the 9 checklist items are done

  Scenario: Looking back at the moment of the first offer
    Given the sample negotiation from "tracker demo"
    When Alex looks at the negotiation as it stood just after Dana Kim's first proposal
    Then Alex's scores are:
      | package                      | score | beats the best alternative |
      | #1 Dana Kim (hiring manager) | 24    | no                         |
      | Offer from Contoso           | 44    | -                          |
      | Stay at current job          | 6     | -                          |
    And the concessions read "Not enough proposals from both sides yet to compare concessions."
    And the charts show the negotiation dance and the positions on Base salary, Sign-on bonus, Target bonus, Remote days per week, Paid time off, Start date, Training budget
