import base64
import io
import json
import re
import zipfile

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import html2plaintext

from ..tools.dialogs import reopen_dialog
from ..tools.roles import ADMIN, check_role

# Technical fields of mail.thread / mail.activity.mixin: not the person's data.
SKIPPED_PREFIXES = ("message_", "activity_", "website_message", "has_message", "rating_")


def _safe_name(name):
    """A file or folder name for the zip, whatever the user typed."""
    return re.sub(r"[^\w.-]+", "_", name or "file")


class ChpSubjectAccessRequest(models.TransientModel):
    """A data subject's request under UK GDPR: find every complaint of one
    person, give them all that is held about them in one file, and erase it
    (anonymise) on request unless a hold applies. Complaints administrator
    only: the tool reads across every complaint."""

    _name = "chp.subject.access.request"
    _inherit = ["chp.export.mixin"]
    _description = "Subject access request"

    company_id = fields.Many2one(
        "res.company",
        string="Organisation",
        required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.companies.ids)],
        help="The request is answered for this organisation's complaints only; the "
        "export is readable only by its author while working in this company.",
    )

    partner_id = fields.Many2one(
        "res.partner", string="Contact", help="Complaints linked to this contact."
    )
    customer_name = fields.Char(
        string="Name", help="Complaints whose customer name is exactly this (any case)."
    )
    customer_email = fields.Char(
        string="Email", help="Complaints whose customer email is exactly this (any case)."
    )
    complaint_ids = fields.Many2many("chp.complaint", string="Complaints found", readonly=True)
    complaint_count = fields.Integer(
        compute="_compute_complaint_count", string="Number of complaints"
    )
    held_refs = fields.Char(
        string="On hold", compute="_compute_complaint_count", help="These cannot be anonymised."
    )
    searched = fields.Boolean(readonly=True)
    export_file = fields.Binary(string="Export", readonly=True, attachment=False)
    export_filename = fields.Char(readonly=True, string="File name")

    def _compute_complaint_count(self):
        for request in self:
            request.complaint_count = len(request.complaint_ids)
            held = request.complaint_ids.sudo().filtered("retention_held")
            request.held_refs = ", ".join(held.mapped("name"))

    def _check_admin(self):
        check_role(self.env, ADMIN, _("answer subject access requests"))

    def _search_domain(self):
        domains = []
        if self.partner_id:
            domains.append([("partner_id", "child_of", self.partner_id.id)])
        if email := (self.customer_email or "").strip():
            domains.append(
                ["|", ("customer_email", "=ilike", email), ("partner_id.email", "=ilike", email)]
            )
        if name := (self.customer_name or "").strip():
            domains.append(
                ["|", ("customer_name", "=ilike", name), ("partner_id.name", "=ilike", name)]
            )
        if not domains:
            raise UserError(_("Give the person's contact, name or email to search for."))
        if self.company_id not in self.env.companies:
            raise AccessError(
                _("Switch to %(company)s to answer its requests.", company=self.company_id.name)
            )
        return expression.AND([expression.OR(domains), [("company_id", "=", self.company_id.id)]])

    def action_find(self):
        """Find every complaint of the person (across all handlers and record
        rules: the administrator answers for the organisation)."""
        self.ensure_one()
        self._check_admin()
        complaints = self.env["chp.complaint"].sudo().search(self._search_domain())
        self.write({"complaint_ids": [fields.Command.set(complaints.ids)], "searched": True})
        return reopen_dialog(self)

    def action_export(self):
        """One zip: all fields and messages of the complaints as JSON, and
        their attachments as files."""
        self.ensure_one()
        self._check_admin()
        if not self.searched:
            self.action_find()
        complaints = self.complaint_ids.sudo()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            data = {
                "generated": fields.Datetime.to_string(fields.Datetime.now()),
                "request": {
                    "contact": self.partner_id.display_name or None,
                    "name": self.customer_name or None,
                    "email": self.customer_email or None,
                },
                "complaints": [self._complaint_data(c, archive) for c in complaints],
            }
            archive.writestr(
                "complaints.json", json.dumps(data, indent=2, ensure_ascii=False, default=str)
            )
        stamp = fields.Date.context_today(self).strftime("%Y%m%d")
        self.write(
            {
                "export_file": base64.b64encode(buffer.getvalue()),
                "export_filename": f"subject_access_request_{stamp}.zip",
            }
        )
        return reopen_dialog(self)

    def _complaint_data(self, complaint, archive):
        values = {}
        for name, field in complaint._fields.items():
            if name.startswith(SKIPPED_PREFIXES) or field.type == "binary":
                continue
            value = complaint[name]
            if field.type == "many2one":
                value = value.display_name or None
            elif field.type in ("one2many", "many2many"):
                value = value.mapped("display_name")
            elif field.type == "html":
                value = html2plaintext(value) if value else None
            values[name] = value
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                [("model", "=", complaint._name), ("res_id", "=", complaint.id)], order="date, id"
            )
        )
        values["messages"] = [
            {
                "date": message.date,
                "author": message.author_id.display_name or message.email_from or None,
                "type": message.message_type,
                "subject": message.subject or None,
                "body": html2plaintext(message.body) if message.body else None,
                "changes": [
                    {
                        "field": tracking.field_id.field_description,
                        "old": tracking._format_display_value(tracking.field_id.ttype, new=False)[
                            0
                        ],
                        "new": tracking._format_display_value(tracking.field_id.ttype)[0],
                    }
                    for tracking in message.tracking_value_ids
                ],
            }
            for message in messages
        ]
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", complaint._name), ("res_id", "=", complaint.id)])
            | messages.attachment_ids
        )
        folder = _safe_name(complaint.name)
        values["attachments"] = []
        for attachment in attachments:
            path = f"attachments/{folder}/{attachment.id}_{_safe_name(attachment.name)}"
            archive.writestr(path, attachment.raw or b"")
            values["attachments"].append(path)
        return values

    def action_anonymise(self):
        """Erase the person's data from the complaints found, all or none:
        refused, naming them, when any is held."""
        self.ensure_one()
        self._check_admin()
        if not self.searched:
            self.action_find()
        if not self.complaint_ids:
            raise UserError(_("No complaint of this person was found: nothing to anonymise."))
        complaints = self.complaint_ids.sudo()
        complaints._chp_anonymise(reason="request")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("Anonymised: %(refs)s", refs=", ".join(complaints.mapped("name"))),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
