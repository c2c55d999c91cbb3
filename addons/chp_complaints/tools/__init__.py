"""Plain helpers shared by the three chp addons (no models here).

- ``roles``: the governance-role group ids and the one check that a user holds
  one of them.
- ``reporting_periods``: reporting years (April to March) and quarters.
- ``transition``: the cursor mark that lets a step of the procedure write
  the fields that ordinary writes may not.
"""

from . import reporting_periods, roles, transition
