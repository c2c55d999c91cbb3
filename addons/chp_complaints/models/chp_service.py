from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.roles import STAFF


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
    # --- Triage: who takes a new complaint about this service ------------------
    default_user_id = fields.Many2one(
        "res.users",
        string="Default handler",
        domain=lambda self: [("groups_id", "in", self.env.ref(STAFF).ids)],
        help="New complaints about this service that name no handler go to this person "
        "(from every channel: the public form, email, import, staff). Empty: the handler "
        "of the service this one is part of, if any.",
    )
    team_user_ids = fields.Many2many(
        "res.users",
        "chp_service_team_user_rel",
        "service_id",
        "user_id",
        string="Team members",
        domain=lambda self: [("groups_id", "in", self.env.ref(STAFF).ids)],
        help="Staff who see this service's new complaints that have no handler yet, and "
        "may take them (“Assign to me”). Empty: the team of the service this one is part "
        "of, if any.",
    )
    triage_user_id = fields.Many2one(
        "res.users",
        string="Handler of new complaints",
        compute="_compute_triage_user_id",
        recursive=True,
        help="The default handler of this service, or of the nearest service it is part of "
        "that has one.",
    )
    triage_team_ids = fields.Many2many(
        "res.users",
        "chp_service_triage_team_rel",
        "service_id",
        "user_id",
        string="Team of new complaints",
        compute="_compute_triage_team_ids",
        store=True,
        recursive=True,
        help="The team members of this service, or of the nearest service it is part of "
        "that has some: they see its unassigned complaints (record rule).",
    )

    arc_excluded = fields.Boolean(
        string="Not part of the landlord's return",
        help="Complaints about this service (and its sub-services) are left out of the Annual "
        "Return on the Charter, e.g. the services of a subsidiary that is not a registered "
        "social landlord.",
    )
    arc_left_out = fields.Boolean(
        string="Left out of the landlord's return",
        compute="_compute_arc_left_out",
        store=True,
        recursive=True,
        help="This service, or a service it is part of, is not part of the landlord's return.",
    )

    @api.depends("arc_excluded", "parent_id.arc_left_out")
    def _compute_arc_left_out(self):
        """Stored, so that the return's SQL reads one column of the service."""
        for service in self:
            service.arc_left_out = service.arc_excluded or service.parent_id.arc_left_out

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for service in self:
            if service.parent_id:
                service.complete_name = f"{service.parent_id.complete_name} / {service.name}"
            else:
                service.complete_name = service.name

    @api.depends("default_user_id", "parent_id.triage_user_id")
    def _compute_triage_user_id(self):
        for service in self:
            service.triage_user_id = service.default_user_id or service.parent_id.triage_user_id

    @api.depends("team_user_ids", "parent_id.triage_team_ids")
    def _compute_triage_team_ids(self):
        """Stored, so that the record rule letting the team see unassigned
        complaints is one indexed join, whatever the depth of the tree."""
        for service in self:
            service.triage_team_ids = service.team_user_ids or service.parent_id.triage_team_ids

    @api.constrains("default_user_id", "team_user_ids", "company_id")
    def _check_triage_users(self):
        """Only complaints staff may handle or take a complaint: anyone else
        could not even open it (the complaint's access rights are the staff
        role's), so a default handler without the role would leave the
        complaints nobody's."""
        staff_group = self.env.ref(STAFF)
        for service in self:
            for user in (service.default_user_id | service.team_user_ids).sudo():
                if not user.has_group(STAFF):
                    raise ValidationError(
                        _(
                            "%(user)s can't handle complaints about %(service)s: the default "
                            "handler and the team members of a service must have the "
                            "complaints role “%(role)s” (or a role that includes it).",
                            user=user.name,
                            service=service.complete_name or service.name,
                            role=staff_group.name,
                        )
                    )
                if service.company_id not in user.company_ids:
                    raise ValidationError(
                        _(
                            "%(user)s can't handle complaints about %(service)s: they do not "
                            "work in %(company)s.",
                            user=user.name,
                            service=service.complete_name or service.name,
                            company=service.company_id.name,
                        )
                    )

    def _chp_triage_handler(self):
        """The handler a new complaint about this service gets when nobody
        was named: the default handler (own or inherited), provided they may
        still handle complaints (active, with the staff role, in the
        service's company); otherwise nobody, and the complaint waits in the
        "Unassigned" queue of the team."""
        self.ensure_one()
        user = self.sudo().triage_user_id
        if user.active and user.has_group(STAFF) and self.company_id in user.company_ids:
            return user.id
        return False
