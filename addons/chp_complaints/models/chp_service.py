from odoo import api, fields, models


class ChpService(models.Model):
    """A service complaints can be about, with the manager answerable for it.

    Services nest (e.g. Housing / Repairs) so that indicators can be broken
    down at any level of the organisation.
    """

    _name = "chp.service"
    _description = "Service"
    _parent_store = True
    _rec_name = "complete_name"
    _order = "complete_name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(
        string="Service", compute="_compute_complete_name", store=True, recursive=True
    )
    parent_id = fields.Many2one(
        "chp.service", string="Part of", index=True, ondelete="restrict", check_company=True
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("chp.service", "parent_id", string="Sub-services")
    manager_id = fields.Many2one(
        "res.users",
        string="Service manager",
        help="Told when a complaint about this service becomes overdue.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for service in self:
            if service.parent_id:
                service.complete_name = f"{service.parent_id.complete_name} / {service.name}"
            else:
                service.complete_name = service.name
