"""Plain helpers shared by the three chp addons (no models here).

- ``roles``: the governance-role group ids and the one check that a user holds
  one of them.
- ``formats``: the one date style of texts and files (dd/mm/yyyy).
- ``reporting_periods``: reporting years (April to March) and quarters.
- ``csv_safe``: the CSV writer that neutralises spreadsheet formulas.
- ``dialogs``: the action that shows a step-by-step wizard again in its dialog.
- ``transition``: the cursor mark that lets a step of the procedure write
  the fields that ordinary writes may not.
"""

from . import csv_safe, dialogs, formats, reporting_periods, roles, transition
