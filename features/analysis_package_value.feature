Feature: What a package is worth in a year
  A package is more than its base salary. To compare offers fairly, Alex adds up what each one is
  worth in a year: the base, the target bonus, a sign-on bonus spread over the years Alex expects to
  stay, the equity that vests each year, the employer's retirement contribution and the value of
  extra days off (each day above a baseline is worth the base divided by 260 working days).
  Amounts in different currencies are never added together unless Alex gives the exchange rate.

  Background:
    Given Alex is preparing a negotiation "Staff engineer offer at Northwind" about a job offer
    And the people at the table are:
      | name        | role           | side        |
      | Alex Morgan | candidate      | owner       |
      | Dana Kim    | hiring manager | counterpart |

  Scenario: Adding up a whole package by hand
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
    Then Dana Kim's latest proposal is worth a year:
      | term                    | a year         | how                                                                      |
      | Base salary             | 120,000.00 EUR | annual base                                                              |
      | Target bonus            | 12,000.00 EUR  | 10% of 120,000 EUR base                                                  |
      | Retirement contribution | 6,000.00 EUR   | 5% of 120,000 EUR base                                                   |
      | Sign-on bonus           | 5,000.00 EUR   | 10,000 EUR spread over 2 years                                           |
      | Equity                  | 10,000.00 EUR  | 40,000 EUR vesting over 4 years                                          |
      | Paid time off           | 2,307.69 EUR   | 5 days above the baseline of 25 at 120,000 EUR / 260 = 461.54 EUR a day |
    And in total Dana Kim's latest proposal is worth 155,307.69 EUR a year

  Scenario: Equity without a vesting period is assumed to vest over four years, and the valuation says so
    Given the package on the table is:
      | term        | kind  | details | better |
      | Base salary | money | EUR     | higher |
      | Equity      | money | EUR     | higher |
    When Dana Kim proposes to Alex Morgan: base salary 100,000 EUR, equity 40,000 EUR
    Then in total Dana Kim's latest proposal is worth 110,000.00 EUR a year
    And the valuation of Dana Kim's latest proposal notes "Equity: no vesting period in this package; assumed 4 years."

  Scenario: Money in two currencies is only added up with Alex's own exchange rate
    Given the package on the table is:
      | term          | kind   | details | better |
      | Base salary   | money  | EUR     | higher |
      | Equity        | money  | USD     | higher |
      | Vesting years | number | years   | lower  |
    When Dana Kim proposes to Alex Morgan: base salary 100,000 EUR, equity 40,000 USD, vesting years 4
    Then in total Dana Kim's latest proposal is worth 100,000.00 EUR and 10,000.00 USD a year
    When Alex converts with 1 USD = 0.90 EUR
    Then converted to EUR, Dana Kim's latest proposal is worth 109,000.00 EUR a year
    And the valuation of Dana Kim's latest proposal notes "Converted to EUR with the rates you gave: 1 USD = 0.90 EUR."
