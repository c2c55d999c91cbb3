from odoo import _, models
from odoo.exceptions import UserError

from ..tools.transition import transition
from .chp_complaint_stage import COMPLAINT_STATES


class ChpComplaintRouting(models.Model):
    """Kanban drags, status bar clicks and quick creates in a column: a
    change of column runs the transition method it stands for, with the same
    checks as the buttons, or says which button to use."""

    _inherit = "chp.complaint"

    def _chp_transition_write(self, vals):
        """Write as a step of the procedure: the column may change and the
        fields only steps write may be set (``tools.transition``)."""
        with transition(self):
            return self.write(vals)

    def _chp_route_write(self, vals):
        """Called by ``write`` for a plain save that changes the column
        (already checked by ``_chp_check_plain_write``): the other values are
        written first, then each complaint moves through its transition."""
        vals = dict(vals)
        stage = self.env["chp.complaint.stage"].browse(vals.pop("stage_id"))
        if vals:
            self.write(vals)
        same = self.filtered(lambda c: c.state == stage.state)
        if same:
            same._chp_transition_write({"stage_id": stage.id})
        for complaint in self - same:
            complaint.with_context(chp_target_stage_id=stage.id)._chp_route_to(stage.state)
        return True

    def _chp_route_created(self):
        """A complaint created straight into a stage 2 column (kanban quick
        create) goes there through its transition, like a drag."""
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
