import base64
import csv
import io
from datetime import datetime, time

import pytz

from odoo import _, fields, models
from odoo.exceptions import UserError

from ..models.chp_complaint import CHANNELS, OUTCOMES, SPSO_OUTCOMES
from ..tools.transition import creating

COLUMNS = [
    "reference",
    "received",
    "channel",
    "customer_name",
    "customer_email",
    "service",
    "contractor",
    "entry_stage",
    "stage1_closed",
    "stage1_outcome",
    "stage1_extended_to",
    "escalated_on",
    "stage2_acknowledged",
    "stage2_closed",
    "stage2_outcome",
    "stage2_extended_to",
    "signed_off_by",
    "root_cause",
    "spso_outcome",
]
OPTIONAL_COLUMNS = ["subject", "stage1_action", "stage2_action"]
DATE_COLUMNS = [
    "stage1_closed",
    "stage1_extended_to",
    "escalated_on",
    "stage2_acknowledged",
    "stage2_closed",
    "stage2_extended_to",
]


class RowError(UserError):
    """A bad value in one row of the file."""


def _choice(env, value, selection, column):
    """Match a selection by key or label, ignoring case."""
    if not value:
        return False
    wanted = value.strip().lower()
    for key, label in selection:
        if wanted in (key.lower(), label.lower()):
            return key
    raise RowError(
        env._(
            "%(column)s “%(value)s” is not one of %(allowed)s.",
            column=column,
            value=value,
            allowed=", ".join(key for key, _label in selection),
        )
    )


class ChpComplaintImportWizard(models.TransientModel):
    """Import complaint history from a CSV file, all or nothing.

    Every row goes through the same transition methods as a complaint worked
    in the app (inside a savepoint), so imported complaints obey the same
    rules and carry the same stored clocks. When any row fails, every row is
    rolled back and the wizard lists each bad row with its line number."""

    _name = "chp.complaint.import.wizard"
    _description = "Import complaint history"

    file = fields.Binary(string="CSV file", required=True)
    filename = fields.Char()
    create_missing = fields.Boolean(
        string="Create missing services, causes and contractors",
        help="Otherwise a name that matches nothing is an error.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("errors", "Errors"), ("done", "Done")], default="draft"
    )
    error_report = fields.Text(readonly=True)
    complaint_ids = fields.Many2many("chp.complaint", readonly=True)

    # --- Reading the file ---------------------------------------------------------
    def _read_rows(self):
        try:
            text = base64.b64decode(self.file).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise UserError(_("The file is not UTF-8 text: %s", error)) from error
        reader = csv.DictReader(io.StringIO(text))
        header = [(name or "").strip() for name in reader.fieldnames or []]
        missing = [c for c in ("received", "entry_stage") if c not in header]
        unknown = [c for c in header if c and c not in COLUMNS + OPTIONAL_COLUMNS]
        if missing or unknown:
            raise UserError(
                _(
                    "The first line must name the columns. Missing: %(missing)s. "
                    "Unknown: %(unknown)s.",
                    missing=", ".join(missing) or "-",
                    unknown=", ".join(unknown) or "-",
                )
            )
        reader.fieldnames = header
        return [
            (reader.line_num, {k: (v or "").strip() for k, v in row.items() if k})
            for row in reader
            if any((v or "").strip() for v in row.values() if isinstance(v, str))
        ]

    def _parse_date(self, value, column):
        if not value:
            return False
        try:
            return datetime.strptime(value, "%Y-%m-%d").date()
        except ValueError as error:
            raise RowError(
                _("%(column)s “%(value)s” is not a date (YYYY-MM-DD).", column=column, value=value)
            ) from error

    def _parse_received(self, value):
        """Received as YYYY-MM-DD[ HH:MM[:SS]] in the calendar's timezone,
        returned as naive UTC; a bare date means noon."""
        if not value:
            raise RowError(_("received is required."))
        for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
            try:
                moment = datetime.strptime(value, fmt)
                break
            except ValueError:
                continue
        else:
            raise RowError(_("received “%s” is not a date (YYYY-MM-DD HH:MM).", value))
        if len(value) == 10:
            moment = datetime.combine(moment.date(), time(12, 0))
        tz = pytz.timezone(self.env.company._chp_calendar().tz or "UTC")
        return tz.localize(moment).astimezone(pytz.utc).replace(tzinfo=None)

    def _find(self, model, name, column):
        if not name:
            return False
        Model = self.env[model].with_context(active_test=False)
        domain = [("name", "=ilike", name)]
        if model == "res.partner":
            domain.append(("chp_is_contractor", "=", True))
        record = Model.search(domain, limit=1)
        if model == "chp.service" and not record:
            record = Model.search([("complete_name", "=ilike", name)], limit=1)
        if record:
            return record.id
        if not self.create_missing:
            raise RowError(_("%(column)s “%(name)s” does not exist.", column=column, name=name))
        vals = {"name": name}
        if model == "res.partner":
            vals.update(is_company=True, chp_is_contractor=True)
        # The administrator asked for it; contacts are outside their rights.
        return Model.sudo().create(vals).id

    # --- One row ------------------------------------------------------------------
    def _row_to_vals(self, row):
        entry = row.get("entry_stage")
        if entry not in ("1", "2"):
            raise RowError(_("entry_stage must be 1 or 2, not “%s”.", entry))
        dates = {c: self._parse_date(row.get(c), c) for c in DATE_COLUMNS}
        if entry == "2" and (
            dates["stage1_closed"] or row.get("stage1_outcome") or dates["escalated_on"]
        ):
            raise RowError(_("A complaint entering at stage 2 has no stage 1 and no escalation."))
        if (
            not dates["escalated_on"]
            and entry == "1"
            and any(
                dates.get(c) or row.get(c)
                for c in (
                    "stage2_acknowledged",
                    "stage2_closed",
                    "stage2_outcome",
                    "stage2_extended_to",
                    "signed_off_by",
                )
            )
        ):
            raise RowError(_("Stage 2 values need escalated_on (or entry_stage 2)."))
        if row.get("spso_outcome") and not (dates["stage1_closed"] or dates["stage2_closed"]):
            raise RowError(_("An SPSO outcome needs a closed complaint."))
        signer = False
        if row.get("signed_off_by"):
            signer = self.env["res.users"].search([("login", "=", row["signed_off_by"])], limit=1)
            if not signer:
                raise RowError(_("signed_off_by: no user with login “%s”.", row["signed_off_by"]))
        reference = row.get("reference")
        if reference and self.env["chp.complaint"].search_count(
            [("name", "=", reference), ("company_id", "=", self.env.company.id)]
        ):
            raise RowError(_("reference %s already exists.", reference))
        vals = {
            "name": reference or "/",
            "subject": row.get("subject") or _("Imported complaint"),
            "date_received": self._parse_received(row.get("received")),
            "channel": _choice(self.env, row.get("channel"), CHANNELS, "channel") or "other",
            "customer_name": row.get("customer_name") or False,
            "customer_email": row.get("customer_email") or False,
            "is_anonymous": not (row.get("customer_name") or row.get("customer_email")),
            "service_id": self._find("chp.service", row.get("service"), "service"),
            "root_cause_id": self._find("chp.root.cause", row.get("root_cause"), "root_cause"),
            "contractor_id": self._find("res.partner", row.get("contractor"), "contractor"),
            "user_id": False,
            "stage1_outcome": _choice(
                self.env, row.get("stage1_outcome"), OUTCOMES, "stage1_outcome"
            ),
            "stage2_outcome": _choice(
                self.env, row.get("stage2_outcome"), OUTCOMES, "stage2_outcome"
            ),
        }
        spso = _choice(self.env, row.get("spso_outcome"), SPSO_OUTCOMES, "spso_outcome")
        return entry, dates, signer, spso, vals

    def _import_row(self, row):
        entry, dates, signer, spso, vals = self._row_to_vals(row)
        imported = _("Recorded before the complaints system was used (imported).")
        reason = _("Extension recorded in the imported history.")
        with creating(self.env, "chp.complaint"):
            complaint = self.env["chp.complaint"].create(vals)
        if entry == "1":
            if dates["stage1_extended_to"]:
                complaint._apply_extension(dates["stage1_extended_to"], reason, self.env.user)
            if dates["stage1_closed"] or dates["escalated_on"]:
                complaint.stage1_action = row.get("stage1_action") or imported
            if dates["stage1_closed"]:
                complaint.action_close_stage1(dates["stage1_closed"])
            if dates["escalated_on"]:
                complaint.action_escalate(date_start=dates["escalated_on"])
        else:
            complaint.action_start_stage2_direct()
        if complaint.state == "stage2":
            if dates["stage2_extended_to"]:
                complaint._apply_extension(dates["stage2_extended_to"], reason, self.env.user)
            if dates["stage2_acknowledged"]:
                complaint.action_acknowledge(date_ack=dates["stage2_acknowledged"])
            if dates["stage2_closed"]:
                if not signer:
                    raise RowError(_("A closed stage 2 needs signed_off_by."))
                complaint.stage2_action = row.get("stage2_action") or imported
                complaint._signoff_close(
                    signer,
                    date_closed=dates["stage2_closed"],
                    signoff_date=datetime.combine(dates["stage2_closed"], time(12, 0)),
                )
        if spso:
            complaint._chp_transition_write({"spso_referred": True, "spso_outcome": spso})
        return complaint

    # --- The button -----------------------------------------------------------------
    def action_import(self):
        """Validate every row; import them all only when none is bad."""
        self.ensure_one()
        if not self.env.user.has_group("chp_complaints.group_chp_admin"):
            raise UserError(_("Only a complaints administrator can import history."))
        rows = self._read_rows()
        if not rows:
            raise UserError(_("The file holds no complaint."))
        wizard = self.with_context(
            tracking_disable=True,
            mail_create_nolog=True,
            mail_activity_automation_skip=True,
        )
        errors, complaints = [], self.env["chp.complaint"]
        seen = {}
        with self.env.cr.savepoint() as everything:
            for line, row in rows:
                reference = row.get("reference")
                if reference and reference in seen:
                    errors.append(
                        _(
                            "Line %(line)s: reference %(ref)s is also on line %(other)s.",
                            line=line,
                            ref=reference,
                            other=seen[reference],
                        )
                    )
                    continue
                if reference:
                    seen[reference] = line
                try:
                    with self.env.cr.savepoint():
                        complaints |= wizard._import_row(row)
                except UserError as error:
                    errors.append(_("Line %(line)s: %(error)s", line=line, error=error.args[0]))
            if errors:
                everything.close(rollback=True)
        if errors:
            self.env.invalidate_all()
            self.write({"state": "errors", "error_report": "\n".join(errors)})
        else:
            self.write({"state": "done", "complaint_ids": [fields.Command.set(complaints.ids)]})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "chp_complaints.chp_complaint_action"
        )
        action.update(domain=[("id", "in", self.complaint_ids.ids)], view_mode="list,form")
        action["views"] = [(False, "list"), (False, "form")]
        return action
