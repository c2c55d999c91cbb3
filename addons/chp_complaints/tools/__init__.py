"""Plain helpers shared by the three chp addons (no models here).

- ``roles``: the governance-role group ids and the one check that a user holds
  one of them.
- ``csv_safe``: the CSV writer that neutralises spreadsheet formulas.
- ``transition``: the cursor mark that lets a step of the procedure write
  the fields that ordinary writes may not.
"""

from . import csv_safe, roles, transition
