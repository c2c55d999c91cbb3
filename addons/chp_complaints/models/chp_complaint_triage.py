"""Triage: complaints that arrive with nobody to handle them.

The public form, the mail gateway and imports create complaints without a
handler. Each service may name a default handler and a team (inherited from
the service it is part of when it names none, ``chp.service``):

- on creation, from every channel, a complaint given no handler gets its
  service's default handler (``_chp_apply_triage``, called by the model's
  one ``create()``); a handler given explicitly is never replaced;
- on the form, choosing a service fills an empty handler the same way;
- a complaint that still has no handler is in the "Unassigned" queue: the
  team members of its service read it (record rule
  ``chp_complaint_rule_staff_team``, read only) and may take it with
  "Assign to me" (``action_assign_to_me``), which checks on the server that
  they may.
"""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.roles import STAFF, check_role, has_role
from .chp_complaint_stage import OPEN_STATES


class ChpComplaintTriage(models.Model):
    _inherit = "chp.complaint"

    chp_may_take = fields.Boolean(
        string="May assign to me",
        compute="_compute_chp_may_take",
        help="The complaint is open and has no handler, and the current user may take it "
        "(a team member of its service, or someone who may already change it).",
    )

    @api.depends("user_id", "state", "service_id")
    @api.depends_context("uid")
    def _compute_chp_may_take(self):
        takeable = self._chp_takeable()
        for complaint in self:
            complaint.chp_may_take = complaint in takeable

    def _chp_takeable(self):
        """The complaints of ``self`` the current user may take: open, with
        no handler, and the user has the staff role and is in the team of
        the complaint's service or may already work the complaint (its
        creator, a follower, a senior manager). Reading it is not enough: a
        liaison officer reads every complaint, and a team member reads the
        queue of their services only to take from it."""
        if not has_role(self.env, STAFF):
            return self.browse()
        candidates = self.filtered(lambda c: c.id and not c.user_id and c.state in OPEN_STATES)
        if not candidates or self.env.su:
            return candidates
        user = self.env.user
        in_team = candidates.filtered(lambda c: user in c.sudo().service_id.triage_team_ids)
        # Write rules of the user's roles other than the SPSO liaison officer's,
        # whose write rule covers every complaint but only for the SPSO fields.
        return in_team | (candidates - in_team)._chp_writable_through_other_roles()

    # --- Every channel: one place in create() --------------------------------
    @api.model
    def _chp_apply_triage(self, vals_list):
        """Give each new complaint that names no handler (no ``user_id``, or
        an empty one) the default handler of its service, if it has one.
        A handler given is kept. A complaint created closed (imported
        history) keeps what it was given: its handler is a fact of the past,
        not work to route. Called by ``create()`` once per batch, after the
        default stage was filled in; the vals are changed in place."""
        pending = [vals for vals in vals_list if not vals.get("user_id")]
        if not pending:
            return
        default_service = None
        if any("service_id" not in vals for vals in pending):
            default_service = self.default_get(["service_id"]).get("service_id") or False
        stages = self.env["chp.complaint.stage"].browse(
            {vals["stage_id"] for vals in pending if vals.get("stage_id")}
        )
        closed_stages = set(stages.filtered(lambda s: s.state == "closed").ids)
        Service = self.env["chp.service"].sudo()
        handlers = {}
        for vals in pending:
            if vals.get("stage_id") in closed_stages:
                continue
            service_id = vals.get("service_id", default_service)
            if not service_id:
                continue
            if service_id not in handlers:
                handlers[service_id] = Service.browse(service_id)._chp_triage_handler()
            if handlers[service_id]:
                vals["user_id"] = handlers[service_id]

    @api.onchange("service_id")
    def _onchange_service_id_triage(self):
        """On the form, as on the server: an empty handler takes the
        service's default handler; a handler already there stays."""
        for complaint in self:
            if complaint.service_id and not complaint.user_id and complaint.state != "closed":
                handler = complaint.service_id._chp_triage_handler()
                if handler:
                    complaint.user_id = handler

    # --- Taking a complaint from the queue ------------------------------------
    def action_assign_to_me(self):
        """Take unassigned complaints: the current user becomes their
        handler. Checked here, for every path (button, RPC): the user has
        the staff role; each complaint is open and has no handler (a handled
        complaint is reassigned by its handler or a senior manager, not
        taken); the user is in the team of its service or may already change
        it. Team members only read the queue (the record rule is read only),
        so the handler is written as superuser once these checks pass; the
        change is tracked in the user's name."""
        check_role(self.env, STAFF, _("take a complaint"))
        self.check_access("read")
        for complaint in self:
            if complaint.state not in OPEN_STATES:
                raise UserError(_("%s is closed: there is nothing left to take.", complaint.name))
            if complaint.user_id == self.env.user:
                continue
            if complaint.user_id:
                raise UserError(
                    _(
                        "%(complaint)s is already handled by %(user)s. Ask them or a senior "
                        "manager to hand it over.",
                        complaint=complaint.name,
                        user=complaint.user_id.name,
                    )
                )
        todo = self.filtered(lambda c: not c.user_id)
        refused = todo - todo._chp_takeable()
        if refused:
            raise AccessError(
                _(
                    "You can't take %(complaints)s: you are not in the team of its service. "
                    "Ask the complaints administrator to add you to the service's team, or a "
                    "senior manager to assign it.",
                    complaints=", ".join(refused.mapped("name")),
                )
            )
        if todo:
            todo.sudo().write({"user_id": self.env.uid})
        return True
