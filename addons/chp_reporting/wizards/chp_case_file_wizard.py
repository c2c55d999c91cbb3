import base64

from odoo import _, fields, models
from odoo.tools import html2plaintext

from ..report.case_file import build_case_file

# Technical fields left out of the "Record" sheet (mail plumbing).
SKIPPED_PREFIXES = ("message_", "activity_", "website_message", "rating_")
JOURNEY_DATES = [
    "date_received",
    "stage1_date_closed",
    "stage1_extended_deadline",
    "stage2_date_start",
    "stage2_ack_date",
    "stage2_extended_deadline",
    "stage2_date_closed",
    "signoff_date",
    "spso_date_referred",
    "spso_decision_date",
]


class ChpCaseFileWizard(models.TransientModel):
    """The complete file of one complaint (every recorded field, the stage
    history, the chatter and the list of attachments) as one xlsx file, as the
    SPSO asks for when it reviews a complaint."""

    _name = "chp.case.file.wizard"
    _inherit = ["chp.complaint.wizard.mixin", "chp.case.data.export.mixin"]
    _description = "Complaint Case File Export"

    file_data = fields.Binary(string="Case file", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True, string="File name")

    def action_export(self):
        self.ensure_one()
        self._chp_check_export_access()
        self.complaint_id.check_access("read")
        complaint = self.complaint_id.sudo()
        data = build_case_file(
            [
                (_("Record"), [_("Field"), _("Value")], self._record_rows(complaint)),
                (
                    _("Stage history"),
                    [_("Date"), _("By"), _("Change"), _("From"), _("To")],
                    self._history_rows(complaint),
                ),
                (
                    _("Messages"),
                    [_("Date"), _("Author"), _("Type"), _("Subject"), _("Message")],
                    self._message_rows(complaint),
                ),
                (
                    _("Attachments"),
                    [_("Name"), _("Type"), _("Size (bytes)"), _("Added on"), _("Added by")],
                    self._attachment_rows(complaint),
                ),
            ]
        )
        complaint.message_post(body=_("Case file exported by %s.", self.env.user.name))
        self.write(
            {
                "file_data": base64.b64encode(data),
                "file_name": f"case-file-{complaint.name.replace('/', '-')}.xlsx",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/file_data/{self.file_name}?download=true",
            "target": "self",
        }

    def _record_rows(self, complaint):
        fnames = [
            name
            for name, field in complaint._fields.items()
            if field.store
            and field.type not in ("one2many", "binary")
            and not name.startswith(SKIPPED_PREFIXES)
        ]
        values = complaint.read(fnames)[0]
        described = complaint.fields_get(fnames, ["string", "type", "selection"])
        rows = []
        for name in fnames:
            info, value = described[name], values[name]
            kind = None
            if info["type"] == "many2one":
                value = value[1] if value else None
            elif info["type"] == "many2many":
                value = ", ".join(
                    self.env[complaint._fields[name].comodel_name]
                    .sudo()
                    .browse(value)
                    .mapped("display_name")
                )
            elif info["type"] == "selection":
                value = dict(info["selection"]).get(value)
            elif info["type"] == "html":
                value = html2plaintext(value or "") or None
            elif info["type"] == "date":
                kind = "date" if value else None
            elif info["type"] == "datetime":
                kind = "datetime" if value else None
            elif info["type"] == "boolean":
                kind = "bool"
            rows.append([info["string"], (value if value is not False else None, kind)])
        return rows

    def _history_rows(self, complaint):
        """The journey's recorded dates, then every tracked change."""
        rows = [
            [
                (
                    complaint[name],
                    "datetime" if complaint._fields[name].type == "datetime" else "date",
                ),
                None,
                complaint._fields[name].string,
                None,
                None,
            ]
            for name in JOURNEY_DATES
            if complaint[name]
        ]
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", complaint._name),
                    ("res_id", "=", complaint.id),
                    ("tracking_value_ids", "!=", False),
                ],
                order="date, id",
            )
        )
        for message in messages:
            for change in message.tracking_value_ids._tracking_value_format():
                rows.append(
                    [
                        (message.date, "datetime"),
                        message.author_id.display_name,
                        change["changedField"],
                        str(change["oldValue"]["value"] or ""),
                        str(change["newValue"]["value"] or ""),
                    ]
                )
        return rows

    def _message_rows(self, complaint):
        messages = (
            self.env["mail.message"]
            .sudo()
            .search_read(
                [("model", "=", complaint._name), ("res_id", "=", complaint.id)],
                ["date", "author_id", "message_type", "subject", "body"],
                order="date, id",
            )
        )
        return [
            [
                (message["date"], "datetime"),
                message["author_id"][1] if message["author_id"] else None,
                message["message_type"],
                message["subject"] or None,
                html2plaintext(message["body"] or "") or None,
            ]
            for message in messages
        ]

    def _attachment_rows(self, complaint):
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search_read(
                [("res_model", "=", complaint._name), ("res_id", "=", complaint.id)],
                ["name", "mimetype", "file_size", "create_date", "create_uid"],
                order="create_date, id",
            )
        )
        return [
            [
                att["name"],
                att["mimetype"],
                att["file_size"],
                (att["create_date"], "datetime"),
                att["create_uid"][1] if att["create_uid"] else None,
            ]
            for att in attachments
        ]
