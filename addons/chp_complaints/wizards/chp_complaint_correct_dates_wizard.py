from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.formats import uk_date
from ..tools.roles import ADMIN, check_role
from ..tools.transition import transition

# The dates of the journey a complaints administrator may correct, in the
# order the journey records them.
DATE_FIELDS = (
    "date_received",
    "stage1_date_closed",
    "stage2_date_start",
    "stage2_ack_date",
    "stage2_date_closed",
)


class ChpComplaintCorrectDatesWizard(models.TransientModel):
    """Correct a date recorded wrongly (a typo, a letter logged late).

    Closed is closed: a complaint's dates change only through the steps of
    the procedure. A genuine mistake is corrected here, by a complaints
    administrator, with a reason; the same rules as the transitions apply
    (order of dates, not in the future, the stage 1 extension limit) and the
    old and new values go to the chatter. Only dates the journey has
    recorded can be corrected: a step not yet taken is taken with its
    button."""

    _name = "chp.complaint.correct.dates.wizard"
    _inherit = ["chp.complaint.wizard.mixin"]
    _description = "Correct a complaint's dates"

    date_received = fields.Datetime(string="Received on")
    stage1_date_closed = fields.Date(string="Stage 1 closed on")
    stage2_date_start = fields.Date(string="Stage 2 started on")
    stage2_ack_date = fields.Date(string="Stage 2 acknowledged on")
    stage2_date_closed = fields.Date(string="Stage 2 closed on")
    reason = fields.Text(required=True, help="Why the recorded date was wrong.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        complaint = self.env["chp.complaint"].browse(values.get("complaint_id"))
        if complaint:
            for fname in DATE_FIELDS:
                if fname in fields_list:
                    values[fname] = complaint[fname]
        return values

    def action_apply(self):
        self.ensure_one()
        check_role(self.env, ADMIN, _("correct the dates of a complaint"))
        complaint = self.complaint_id
        if not (self.reason or "").strip():
            raise UserError(_("Give the reason for the correction."))
        changes = {}
        for fname in DATE_FIELDS:
            old, new = complaint[fname], self[fname]
            if not new or old == new:
                continue
            if not old:
                raise UserError(
                    _(
                        "%(field)s: only a date the journey has recorded can be corrected; "
                        "take or undo a step with its button (or “Reopen”).",
                        field=complaint._fields[fname].string,
                    )
                )
            changes[fname] = (old, new)
        if not changes:
            raise UserError(_("No date was changed."))
        today = fields.Date.context_today(self)
        for fname, (_old, new) in changes.items():
            day = new.date() if fname == "date_received" else new
            if day > today:
                raise UserError(
                    _(
                        "%(field)s can't be in the future (%(day)s).",
                        field=complaint._fields[fname].string,
                        day=day,
                    )
                )
        with self.env.cr.savepoint(), transition(complaint):
            vals = {fname: new for fname, (_old, new) in changes.items()}
            if (
                complaint.stage2_route == "escalated"
                and "stage2_date_start" in vals
                and complaint.stage1_date_closed == complaint.stage2_date_start
            ):
                # Stage 1 closed on the day of escalation: it moves with it.
                vals.setdefault("stage1_date_closed", vals["stage2_date_start"])
            complaint.write(vals)
            complaint._check_dates_in_order()
            self._chp_check_extensions(complaint)
        lines = Markup("").join(
            Markup("<li>%s: %s → %s</li>")
            % (complaint._fields[f].string, uk_date(old), uk_date(new))
            for f, (old, new) in changes.items()
        )
        complaint.message_post(
            body=Markup("<p>%s</p><ul>%s</ul><p>%s</p>")
            % (_("Dates corrected by %s:", self.env.user.name), lines, self.reason),
            subtype_xmlid="mail.mt_note",
        )
        return {"type": "ir.actions.act_window_close"}

    @api.model
    def _chp_check_extensions(self, complaint):
        """With the corrected dates, an authorised extension must still obey
        the extension rules."""
        for stage in ("stage1", "stage2"):
            extended = complaint[f"{stage}_extended_deadline"]
            if extended and complaint[f"{stage}_deadline"]:
                complaint._chp_check_extension(stage, extended)
