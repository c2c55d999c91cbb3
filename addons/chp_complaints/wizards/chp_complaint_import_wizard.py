import base64

from odoo import _, fields, models
from odoo.exceptions import UserError

from ..models.working_days import local_day
from ..tools.dialogs import reopen_dialog
from ..tools.roles import ADMIN, check_role
from .chp_complaint_import_rows import LOOKUPS, RowError, RowParser, read_csv


class ChpComplaintImportWizard(models.TransientModel):
    """Import complaint history from a CSV file, all or nothing.

    The wizard reads and validates every row first and writes nothing when a
    row is bad: it lists each bad row with its line number. Once the whole
    file is valid it creates the missing names (when asked), draws the
    references of rows that have none (only now, so a refused file leaves no
    gap in a year's numbering) and queues a ``chp.complaint.import``, which a
    scheduled action writes in batches in the background."""

    _name = "chp.complaint.import.wizard"
    _description = "Import complaint history"

    file = fields.Binary(string="CSV file", required=True)
    filename = fields.Char()
    create_missing = fields.Boolean(
        string="Create missing services, causes and contractors",
        help="Otherwise a name that matches nothing is an error.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("errors", "Errors"), ("queued", "Queued")], default="draft"
    )
    error_report = fields.Text(readonly=True, string="Errors found")
    import_id = fields.Many2one("chp.complaint.import", readonly=True)

    def action_import(self):
        """Validate every row; queue the import only when none is bad."""
        self.ensure_one()
        check_role(self.env, ADMIN, _("import complaint history"))
        rows = read_csv(self.env, base64.b64decode(self.file) if self.file else b"")
        if not rows:
            raise UserError(_("The file holds no complaint."))
        parser = RowParser(self.env, self.env.company, self.create_missing)
        existing = self._existing_references(
            [row["reference"] for _line, row in rows if row.get("reference")]
        )
        errors, parsed, seen = [], [], {}
        for line, row in rows:
            reference = row.get("reference")
            try:
                if reference in seen:
                    raise RowError(
                        _(
                            "reference %(ref)s is also on line %(other)s.",
                            ref=reference,
                            other=seen[reference],
                        )
                    )
                if reference:
                    seen[reference] = line
                if reference in existing:
                    raise RowError(_("reference %s already exists.", reference))
                parsed.append((line, parser.parse(row)))
            except UserError as error:
                errors.append(_("Line %(line)s: %(error)s", line=line, error=error.args[0]))
        if errors:
            self.write({"state": "errors", "error_report": "\n".join(errors)})
            return reopen_dialog(self)
        self._resolve_missing(parsed)
        self._draw_references(parsed, parser.calendar)
        name = self.filename or _("Complaint history")
        imported = self.env["chp.complaint.import"]._chp_queue(name, parsed)
        self.write({"state": "queued", "import_id": imported.id, "error_report": False})
        return {
            "type": "ir.actions.act_window",
            "res_model": "chp.complaint.import",
            "res_id": imported.id,
            "view_mode": "form",
            "target": "current",
        }

    def _existing_references(self, references):
        """References of the file already used in the company (any complaint,
        archived or not, whoever may read it)."""
        Complaint = self.env["chp.complaint"].sudo().with_context(active_test=False)
        found = set()
        for start in range(0, len(references), 10000):
            found.update(
                Complaint.search(
                    [
                        ("name", "in", references[start : start + 10000]),
                        ("company_id", "=", self.env.company.id),
                    ]
                ).mapped("name")
            )
        return found

    def _resolve_missing(self, parsed):
        """Create the services, causes and contractors the file names but the
        database lacks (create_missing), once each, now that every row is valid."""
        created = {}
        for _line, vals in parsed:
            for _model, fname in LOOKUPS.values():
                value = vals.get(fname)
                if not (isinstance(value, str) and value.startswith("new:")):
                    continue
                if value not in created:
                    _new, model, name = value.split(":", 2)
                    record_vals = {"name": name}
                    if model == "res.partner":
                        record_vals.update(is_company=True, chp_is_contractor=True)
                    # The administrator asked for it; contacts are outside their rights.
                    created[value] = self.env[model].sudo().create(record_vals).id
                vals[fname] = created[value]

    def _draw_references(self, parsed, calendar):
        """Rows without a reference get the next number of their year of
        receipt, drawn in one batch: imported history keeps the file's
        reference when it has one. The numbers are stored with the queued
        rows, so a resumed write reuses them instead of drawing again."""
        unnamed = [vals for _line, vals in parsed if not vals["name"]]
        if not unnamed:
            return
        company = self.env.company
        requests = [
            (company, local_day(calendar, fields.Datetime.to_datetime(vals["date_received"])))
            for vals in unnamed
        ]
        names = self.env["chp.complaint"]._chp_next_references(requests)
        for vals, name in zip(unnamed, names, strict=True):
            vals["name"] = name
