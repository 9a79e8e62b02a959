"""The web layer: HTML pages with forms, and the JSON API."""
