from odoo import api, models
from odoo.addons.chp_complaints.tools.roles import CHIEF_EXECUTIVE, COMMITTEE, LIAISON


class ResUsers(models.Model):
    """The homes of the reporting roles: the chief executive and the
    committee land on the Complaints dashboard, the SPSO liaison officer on
    the SPSO export (see chp_complaints' ``res_users_home.py``)."""

    _inherit = "res.users"

    @api.model
    def _chp_home_rules(self):
        dashboard = "spreadsheet_dashboard.ir_actions_dashboard_action"
        return [
            (CHIEF_EXECUTIVE, dashboard),
            (COMMITTEE, dashboard),
            (LIAISON, "chp_reporting.chp_spso_export_home_action"),
            *super()._chp_home_rules(),
        ]
