from odoo import _, api, models
from odoo.addons.chp_complaints.tools.roles import check_role

from ..models.chp_spso_indicator import CASE_DATA_ROLES


class ChpCaseDataExportMixin(models.AbstractModel):
    """An export wizard whose file holds case-level data (the SPSO case rows,
    a complaint's whole file): on top of the ACLs, only the SPSO liaison
    officer, senior managers and the chief executive may run it, checked
    when the wizard opens and again when it exports."""

    _name = "chp.case.data.export.mixin"
    _inherit = ["chp.export.mixin"]
    _description = "Wizard exporting case-level data"

    @api.model
    def _chp_check_export_access(self):
        check_role(self.env, CASE_DATA_ROLES, _("export complaints data"))
