from odoo import _, api, fields, models


class ChpComplaint(models.Model):
    """The improvement actions a complaint led to, on the complaint itself."""

    _inherit = "chp.complaint"

    improvement_action_ids = fields.Many2many(
        "chp.improvement.action",
        "chp_complaint_improvement_action_rel",
        "complaint_id",
        "action_id",
        string="Improvement actions",
        copy=False,
        help="The improvement actions raised from this complaint.",
        chp_edit="always",
    )
    improvement_action_count = fields.Integer(
        compute="_compute_improvement_action_count", string="Number of improvement actions"
    )

    @api.depends("improvement_action_ids")
    def _compute_improvement_action_count(self):
        for complaint in self:
            complaint.improvement_action_count = len(complaint.improvement_action_ids)

    def action_raise_improvement_action(self):
        """Open a new improvement action prefilled from this complaint."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Raise improvement action"),
            "res_model": "chp.improvement.action",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_source": "complaint",
                "default_complaint_ids": [fields.Command.set(self.ids)],
                "default_service_id": self.service_id.id,
                "default_root_cause_id": self.root_cause_id.id,
                "default_company_id": self.company_id.id,
            },
        }
