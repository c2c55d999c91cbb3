from datetime import date, datetime

from markupsafe import Markup

from odoo import _, api, fields, models

from ..tools.transition import creating

# Rows per transaction of the scheduled action: large enough that the fixed
# cost of a chunk (a search, a flush, a commit) is spread thin, small enough
# that a chunk's rows and records stay a few megabytes.
CHUNK_SIZE = 2000
DATETIME_FIELDS = ("date_received", "signoff_date")
DATE_FIELDS = (
    "stage1_date_closed",
    "stage1_extended_deadline",
    "stage2_date_start",
    "stage2_ack_date",
    "stage2_date_closed",
    "stage2_extended_deadline",
)
# Imported history is not news: no tracking, no "created" note, no followers.
WRITE_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
    "mail_activity_automation_skip": True,
}


class ChpComplaintImport(models.Model):
    """A validated history file being written in the background.

    The import wizard stores the rows of a file only once every row has
    validated, each with its final reference. The scheduled action
    ``_cron_write_imports`` writes one chunk of rows per call (the cron
    runner commits after each and reports the progress), so a file of
    100,000 rows never has to fit in one HTTP request. Rows are keyed by
    reference: a chunk whose write was interrupted is written again without
    duplicating the complaints it had already created."""

    _name = "chp.complaint.import"
    _inherit = ["mail.thread"]
    _description = "Complaint history import"
    _order = "id desc"

    name = fields.Char(required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", required=True, readonly=True, default=lambda self: self.env.user
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [("queued", "Queued"), ("writing", "Writing"), ("done", "Done"), ("failed", "Failed")],
        default="queued",
        required=True,
        readonly=True,
        tracking=True,
    )
    row_count = fields.Integer(string="Rows", readonly=True)
    done_count = fields.Integer(string="Rows written", readonly=True)
    progress = fields.Float(compute="_compute_progress", help="Rows written, in percent.")
    error = fields.Text(readonly=True)
    date_done = fields.Datetime(string="Finished on", readonly=True)
    chunk_ids = fields.One2many("chp.complaint.import.chunk", "import_id", readonly=True)

    @api.depends("row_count", "done_count")
    def _compute_progress(self):
        for record in self:
            record.progress = (
                100.0 * record.done_count / record.row_count if record.row_count else 0
            )

    @api.model
    def _chp_queue(self, name, parsed):
        """Store the validated rows ((line, values) pairs, in file order) and
        start writing them at once."""
        record = self.create({"name": name, "row_count": len(parsed)})
        record.sudo().chunk_ids = [
            fields.Command.create(
                {
                    "sequence": index,
                    "rows": [
                        dict(vals, __line__=line)
                        for line, vals in parsed[start : start + CHUNK_SIZE]
                    ],
                }
            )
            for index, start in enumerate(range(0, len(parsed), CHUNK_SIZE))
        ]
        self.env.ref("chp_complaints.ir_cron_chp_complaint_import")._trigger()
        return record

    # --- The scheduled action -----------------------------------------------------
    @api.model
    def _cron_write_imports(self):
        """Write the next chunk of the oldest queued import and report the
        progress to the cron runner, which commits and calls again while rows
        remain."""
        pending = self.sudo().search([("state", "in", ("queued", "writing"))], order="id")
        record = pending[:1]
        if not record:
            return
        written = record._chp_write_next_chunk()
        remaining = sum(pending.mapped("row_count")) - sum(pending.mapped("done_count"))
        self.env["ir.cron"]._notify_progress(done=written, remaining=max(remaining, 0))

    def _chp_write_next_chunk(self):
        """Write one chunk of this import; returns the number of rows it
        holds. A failure (only a rule the validation missed could cause one)
        stops the import and tells its user; the chunk is not half-written.

        Only the next chunk is read (one search, its rows decoded once): a
        100,000-row import must not reload the rows of every remaining chunk
        at each call."""
        self.ensure_one()
        chunk = self.env["chp.complaint.import.chunk"].search(
            [("import_id", "=", self.id), ("done", "=", False)], order="sequence", limit=1
        )
        if not chunk:
            self._chp_finish()
            return 0
        rows = chunk.rows
        try:
            with self.env.cr.savepoint():
                created = chunk._chp_write(rows)
        except Exception as error:  # reported to the user; the import stops
            first = rows[0].get("__line__") if rows else "?"
            self.write(
                {
                    "state": "failed",
                    "error": _(
                        "The rows from line %(line)s on could not be written: %(error)s",
                        line=first,
                        error=error,
                    ),
                }
            )
            self._chp_tell_user(self.error)
            return len(rows)
        chunk.write({"done": True, "complaint_ids": created})
        self.write({"state": "writing", "done_count": self.done_count + len(rows)})
        if not self.env["chp.complaint.import.chunk"].search_count(
            [("import_id", "=", self.id), ("done", "=", False)], limit=1
        ):
            self._chp_finish()
        return len(rows)

    def _chp_finish(self):
        self.write({"state": "done", "date_done": fields.Datetime.now()})
        self._chp_tell_user(
            _(
                "%(count)s complaints of %(name)s are imported.",
                count=self.row_count,
                name=self.name,
            )
        )

    def _chp_tell_user(self, text):
        """A message on the import that reaches its user's inbox."""
        self.sudo().message_post(
            body=Markup("<p>%s</p>") % text,
            partner_ids=self.user_id.partner_id.ids,
            message_type="notification",
            subtype_xmlid="mail.mt_comment",
        )

    def action_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "chp_complaints.chp_complaint_action"
        )
        ids = [cid for chunk in self.chunk_ids for cid in (chunk.complaint_ids or [])]
        action.update(domain=[("id", "in", ids)], view_mode="list,form")
        action["views"] = [(False, "list"), (False, "form")]
        return action


class ChpComplaintImportChunk(models.Model):
    """Up to CHUNK_SIZE validated rows of an import, written in one transaction."""

    _name = "chp.complaint.import.chunk"
    _description = "Rows of a complaint history import"
    _order = "import_id, sequence"

    import_id = fields.Many2one(
        "chp.complaint.import", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(required=True)
    rows = fields.Json(required=True)
    done = fields.Boolean()
    complaint_ids = fields.Json()

    def _chp_write(self, rows=None):
        """Create the complaints of this chunk that don't exist yet (keyed by
        reference in the import's company) as the importing user; returns the
        ids of the chunk's complaints, old and new.

        One batched ``create`` in the context of imported history (no
        tracking, no "created" note, no followers); the stored clocks are
        computed by the ORM as for any complaint. The stored JSON strings of
        moments and days become ``datetime``/``date`` values first, which the
        ORM takes without parsing them again."""
        self.ensure_one()
        if rows is None:
            rows = self.rows
        imported = self.import_id
        Complaint = (
            self.env["chp.complaint"]
            .with_user(imported.user_id)
            .with_company(imported.company_id)
            .with_context(**WRITE_CONTEXT)
        )
        names = [row["name"] for row in rows]
        existing = (
            Complaint.sudo()
            .with_context(active_test=False)
            .search([("name", "in", names), ("company_id", "=", imported.company_id.id)])
        )
        have = set(existing.mapped("name"))
        vals_list = [_create_values(row) for row in rows if row["name"] not in have]
        with creating(self.env, "chp.complaint"):
            created = Complaint.create(vals_list)
        created.flush_recordset()
        return existing.ids + created.ids


def _create_values(row):
    """The values of ``create`` for one stored row: without its line number,
    its moments and days as Python values (ISO strings in the JSON)."""
    vals = {key: value for key, value in row.items() if key != "__line__"}
    for fname in DATETIME_FIELDS:
        if vals.get(fname):
            vals[fname] = datetime.fromisoformat(vals[fname])
    for fname in DATE_FIELDS:
        if vals.get(fname):
            vals[fname] = date.fromisoformat(vals[fname])
    return vals
