"""The analysis pages: panels, charts, filters and the reports behind them."""
