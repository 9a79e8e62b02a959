Feature: Money year by year
  An offer is not worth the same every year. Equity vests on a schedule, often with a cliff before
  which nothing vests; a sign-on bonus is paid once and may have to be paid back if Alex leaves early;
  a target bonus pays out only when the company and Alex hit their numbers; a raise at review makes
  later years worth more. So Alex looks at years 1 to 4 of every proposal and alternative, each
  currency on its own, with the assumptions written beside the figures. The annual value stays the
  average of the four years, so both views tell the same story.

  Background:
    Given Alex is preparing a negotiation "Staff engineer offer at Northwind" about a job offer
    And the people at the table are:
      | name        | role           | side        |
      | Alex Morgan | candidate      | owner       |
      | Dana Kim    | hiring manager | counterpart |

  Scenario: Without a schedule every year is worth the annual value
    Given the package on the table is:
      | term                    | kind    | details | better |
      | Base salary             | money   | EUR     | higher |
      | Target bonus            | percent |         | higher |
      | Sign-on bonus           | money   | EUR     | higher |
      | Equity                  | money   | EUR     | higher |
      | Vesting years           | number  | years   | lower  |
      | Retirement contribution | percent |         | higher |
      | Paid time off           | days    |         | higher |
    And Alex spreads a sign-on bonus over 2 years
    And Alex values paid days off above a baseline of 25 days
    When Dana Kim proposes to Alex Morgan: base salary 120,000 EUR, target bonus 10%, sign-on bonus 10,000 EUR, equity 40,000 EUR, vesting years 4, retirement contribution 5%, paid time off 30 days
    Then in total Dana Kim's latest proposal is worth 155,307.69 EUR a year
    And year by year Dana Kim's latest proposal adds up to 155,307.69 EUR, 155,307.69 EUR, 155,307.69 EUR and 155,307.69 EUR
    And each line of Dana Kim's latest proposal is worth the average of its four years a year

  Scenario: Equity vesting 5/15/40/40 after a cliff, a sign-on bonus paid once, a bonus guaranteed only in year 1
    The equity grant of 100,000 EUR vests 5%, 15%, 40% and 40%: 5,000, 15,000, 40,000 and 40,000 EUR.
    A 12-month cliff holds back year 1 until its last month, so year 1 still gets its 5,000 EUR.
    The target bonus is 10% of 100,000 EUR = 10,000 EUR; after year 1 it counts at the 70% payout
    chance: 10,000 x 70% = 7,000 EUR. The sign-on bonus is all in year 1.
    Year 1: 100,000 + 10,000 + 10,000 + 5,000 = 125,000 EUR; year 2: 100,000 + 7,000 + 15,000 = 122,000 EUR;
    years 3 and 4: 100,000 + 7,000 + 40,000 = 147,000 EUR.
    A year on average: (125,000 + 122,000 + 147,000 + 147,000) / 4 = 135,250 EUR, the annual value.
    Given the package on the table is:
      | term          | kind    | details | better |
      | Base salary   | money   | EUR     | higher |
      | Target bonus  | percent |         | higher |
      | Sign-on bonus | money   | EUR     | higher |
      | Equity        | money   | EUR     | higher |
    And Alex says equity vests 5/15/40/40 after a 12-month cliff
    And Alex says the sign-on bonus is paid once and repaid in full if Alex leaves within 12 months
    And Alex says the target bonus is guaranteed in year 1, then paid at a 70% payout chance
    When Dana Kim proposes to Alex Morgan: base salary 100,000 EUR, target bonus 10%, sign-on bonus 10,000 EUR, equity 100,000 EUR
    Then year by year Dana Kim's latest proposal is worth:
      | term          | year 1         | year 2         | year 3         | year 4         | assumption                                                                                  |
      | Base salary   | 100,000.00 EUR | 100,000.00 EUR | 100,000.00 EUR | 100,000.00 EUR | Base salary: annual base, the same each year                                                |
      | Target bonus  | 10,000.00 EUR  | 7,000.00 EUR   | 7,000.00 EUR   | 7,000.00 EUR   | Target bonus 10% of 100,000 EUR base, guaranteed in year 1, then at a 70% payout chance     |
      | Sign-on bonus | 10,000.00 EUR  | 0.00 EUR       | 0.00 EUR       | 0.00 EUR       | Sign-on bonus 10,000 EUR paid once in year 1, repaid in full if you leave within 12 months |
      | Equity        | 5,000.00 EUR   | 15,000.00 EUR  | 40,000.00 EUR  | 40,000.00 EUR  | Equity 100,000 EUR vesting 5/15/40/40 after a 12-month cliff                                |
    And year by year Dana Kim's latest proposal adds up to 125,000.00 EUR, 122,000.00 EUR, 147,000.00 EUR and 147,000.00 EUR
    And in total Dana Kim's latest proposal is worth 135,250.00 EUR a year
    And each line of Dana Kim's latest proposal is worth the average of its four years a year

  Scenario: A raise at review, and a competing offer that vests differently
    Base salary rises 3% after 12 months and at every yearly review after that, in every package:
    Dana's 120,000 EUR becomes 120,000 x 1.03 = 123,600, then 127,308, then 131,127.24 EUR.
    Equity vests 5/15/40/40 in every package, but Contoso's grant vests 25% a year after an 18-month
    cliff: nothing in year 1, then at month 18 the 37.5% accrued so far, and 12.5% more by the end of
    year 2: 50% of 80,000 = 40,000 EUR in year 2, then 20,000 EUR in years 3 and 4.
    Given the package on the table is:
      | term        | kind  | details | better |
      | Base salary | money | EUR     | higher |
      | Equity      | money | EUR     | higher |
    And Alex says the base salary rises 3% after 12 months, then every 12 months
    And Alex says equity vests 5/15/40/40 after a 12-month cliff
    When Alex logs a competing offer "Offer from Contoso" with base salary 100,000 EUR, equity 80,000 EUR
    And Alex says that in "Offer from Contoso" equity vests 25/25/25/25 after an 18-month cliff
    And Dana Kim proposes to Alex Morgan: base salary 120,000 EUR, equity 40,000 EUR
    Then year by year Dana Kim's latest proposal is worth:
      | term        | year 1         | year 2         | year 3         | year 4         | assumption                                                              |
      | Base salary | 120,000.00 EUR | 123,600.00 EUR | 127,308.00 EUR | 131,127.24 EUR | Base salary 120,000 EUR rising 3% after 12 months, then every 12 months |
      | Equity      | 2,000.00 EUR   | 6,000.00 EUR   | 16,000.00 EUR  | 16,000.00 EUR  | Equity 40,000 EUR vesting 5/15/40/40 after a 12-month cliff             |
    And year by year "Offer from Contoso" is worth:
      | term        | year 1         | year 2         | year 3         | year 4         | assumption                                                              |
      | Base salary | 100,000.00 EUR | 103,000.00 EUR | 106,090.00 EUR | 109,272.70 EUR | Base salary 100,000 EUR rising 3% after 12 months, then every 12 months |
      | Equity      | 0.00 EUR       | 40,000.00 EUR  | 20,000.00 EUR  | 20,000.00 EUR  | Equity 80,000 EUR vesting 25/25/25/25 after an 18-month cliff           |
    And each line of Dana Kim's latest proposal is worth the average of its four years a year

  Scenario: Money in two currencies stays apart year by year
    Given the package on the table is:
      | term        | kind  | details | better |
      | Base salary | money | EUR     | higher |
      | Equity      | money | USD     | higher |
    And Alex says equity vests 25/25/25/25 after a 12-month cliff
    When Dana Kim proposes to Alex Morgan: base salary 100,000 EUR, equity 40,000 USD
    Then year by year Dana Kim's latest proposal adds up to:
      | currency | year 1     | year 2     | year 3     | year 4     |
      | EUR      | 100,000.00 | 100,000.00 | 100,000.00 | 100,000.00 |
      | USD      | 10,000.00  | 10,000.00  | 10,000.00  | 10,000.00  |

  Scenario: A vesting schedule that does not add up to 100% is refused
    Given the package on the table is:
      | term   | kind  | details | better |
      | Equity | money | EUR     | higher |
    When Alex says equity vests 25/25/25 after a 12-month cliff
    Then the step is refused: "The yearly percents add up to 75, not 100."
