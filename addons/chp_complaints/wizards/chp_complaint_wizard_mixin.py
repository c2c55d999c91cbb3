from odoo import api, fields, models


class ChpComplaintWizardMixin(models.AbstractModel):
    """A wizard about one complaint: opened from the complaint's form, it
    takes the complaint from the context so the user never picks it again."""

    _name = "chp.complaint.wizard.mixin"
    _description = "Wizard about one complaint"

    complaint_id = fields.Many2one("chp.complaint", required=True, ondelete="cascade")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if (
            "complaint_id" in fields_list
            and not values.get("complaint_id")
            and context.get("active_model") == "chp.complaint"
        ):
            values["complaint_id"] = context.get("active_id")
        return values
