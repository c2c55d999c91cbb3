from odoo import _, models
from odoo.exceptions import UserError

from .chp_complaint_stage import COMPLAINT_STATES

_MARK = "chp_complaint_transition_ids"
LOCKED_FIELDS = {
    "stage2_route",
    "signoff_user_id",
    "signoff_date",
    "stage1_extended_deadline",
    "stage1_extension_user_id",
    "stage2_extended_deadline",
    "stage2_extension_user_id",
}


class ChpComplaintRouting(models.Model):
    """Kanban drags, statusbar clicks and quick creates in a column: a change
    of column runs the transition method it stands for, with the same checks
    as the buttons, or says which button to use."""

    _inherit = "chp.complaint"

    def _chp_transition_write(self, vals):
        """Write as a transition method: the column may change and the
        journey-controlled fields may be set. The mark lives on the database
        cursor, so an RPC caller can't forge it the way it could a context key."""
        marks = self.env.cr.cache.setdefault(_MARK, set())
        added = set(self.ids) - marks
        marks |= added
        try:
            return self.write(vals)
        finally:
            marks -= added

    def write(self, vals):
        """A change of column runs the transition it stands for, with the
        same checks as the buttons; impossible jumps say which button to use.
        Sign-off, route and extension authority are only set by transitions."""
        if set(self.ids) <= self.env.cr.cache.get(_MARK, set()):
            return super().write(vals)
        locked = LOCKED_FIELDS.intersection(vals)
        if locked:
            raise UserError(
                _(
                    "%s can only be set with the buttons (Escalate, Extend, Sign off and close).",
                    ", ".join(sorted(self._fields[f].string for f in locked)),
                )
            )
        if "stage_id" not in vals:
            return super().write(vals)
        vals = dict(vals)
        stage = self.env["chp.complaint.stage"].browse(vals.pop("stage_id"))
        if vals:
            super().write(vals)
        same = self.filtered(lambda c: c.state == stage.state)
        if same:
            super(ChpComplaintRouting, same).write({"stage_id": stage.id})
        for complaint in self - same:
            complaint.with_context(chp_target_stage_id=stage.id)._chp_route_to(stage.state)
        return True

    def _chp_route_created(self):
        """A complaint created straight into a stage 2 or closed column (kanban
        quick create) goes there through its transition, like a drag."""
        new_stage = self._chp_stage_for("new")
        for complaint in self:
            target = complaint.stage_id
            if target.state in ("stage2", "closed") and not complaint.stage2_route:
                if complaint.state == "closed" and complaint.stage1_date_closed:
                    continue
                complaint._chp_transition_write({"stage_id": new_stage.id})
                complaint.with_context(chp_target_stage_id=target.id)._chp_route_to(target.state)

    def _chp_route_to(self, state):
        self.ensure_one()
        current = self.state
        if current == "closed":
            if state == "stage2" and not self.stage2_route:
                return self.action_escalate()
            raise UserError(
                _("%s is closed: a senior manager can reopen it with “Reopen”.", self.name)
            )
        routes = {
            ("new", "stage1"): self.action_start_stage1,
            ("new", "stage2"): self.action_start_stage2_direct,
            ("new", "closed"): self.action_close_stage1,
            ("stage1", "closed"): self.action_close_stage1,
            ("stage1", "stage2"): self.action_escalate,
            ("stage2", "closed"): self.action_signoff_close,
        }
        method = routes.get((current, state))
        if not method:
            raise UserError(
                _(
                    "%(ref)s can't go back from “%(from)s” to “%(to)s”.",
                    ref=self.name,
                    **{"from": dict(COMPLAINT_STATES)[current]},
                    to=dict(COMPLAINT_STATES)[state],
                )
            )
        return method()
