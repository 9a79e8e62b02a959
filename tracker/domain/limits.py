"""How long a text may be: one limit for every free text of the same kind, the single source the
domain, the input schemas and the forms' ``maxlength`` attributes all take it from.

- ``LONG_TEXT``: anything written in a text area (a description, a note, a rationale, a reason, a
  summary, lessons, what research found, a goal, what an ally did).
- ``SHORT_TEXT``: a one-line text (a title, a name, a role, a label, a source, a unit).
- ``LINK_TEXT``: a web address. ``KEY_TEXT``: a term's key. ``CURRENCY_TEXT``: a currency code.

Raising a limit never makes stored events unreadable (limits are checked when a step is taken).
"""

LONG_TEXT = 5000
SHORT_TEXT = 200
LINK_TEXT = 500
KEY_TEXT = 40
CURRENCY_TEXT = 3
