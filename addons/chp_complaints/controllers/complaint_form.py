"""The public complaint form, ``/complaints/new``: anyone may complain,
without an account and, if they wish, anonymously.

Defences without an outside service: Odoo's CSRF token on the POST, a
honeypot field people never see, and a per-address rate limit counted in
the database (``chp.complaint.form.submission``). The complaint is created
as superuser through the model's normal ``create`` with descriptive and
customer fields only, in New, channel "web".

It asks in plain words whether the person is under 18 or writes about a
child (the SPSO's child friendly complaints guidance), and ``?young=1``
renders the same form in a child's words (the answer "I am under 18"
chosen)."""

import base64
import os
import re

from odoo import _, fields, http
from odoo.http import request
from odoo.tools import email_normalize, plaintext2html
from odoo.tools.mimetypes import guess_mimetype

from ..models.chp_complaint import CHILD_AGE_BANDS, CHILD_CONTACT_PREFERENCES, CHILD_INVOLVEMENT

FORM_URL = "/complaints/new"
HONEYPOT = "website"
MAX_FILES = 5
MAX_FILE_SIZE = 10 * 1024 * 1024
ALLOWED_TYPES = {
    ".pdf": ("application/pdf",),
    ".jpg": ("image/jpeg",),
    ".jpeg": ("image/jpeg",),
    ".png": ("image/png",),
    ".gif": ("image/gif",),
    ".txt": ("text/plain",),
    ".doc": ("application/msword", "application/octet-stream"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/zip",
        "application/octet-stream",
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", "application/zip"),
}
MAX_LENGTHS = {
    "subject": 200,
    "description": 20000,
    "name": 200,
    "email": 254,
    "phone": 40,
    "behalf_name": 200,
    "remedy": 5000,
}
CHILD_CHOICES = dict(CHILD_INVOLVEMENT)
CHILD_BANDS = dict(CHILD_AGE_BANDS)
CHILD_CONTACTS = dict(CHILD_CONTACT_PREFERENCES)
# Control characters (NUL and the like) have no place in what people type:
# PostgreSQL refuses NUL in text, and the others only hide text. Tab and
# line breaks stay.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value):
    """``value`` without control characters and surrounding spaces."""
    return CONTROL_CHARS.sub("", value).strip()


def clean_post(post):
    """The posted strings, cleaned (files are read apart)."""
    return {
        key: (clean_text(value) if isinstance(value, str) else value)
        for key, value in post.items()
        if key != "attachments"
    }


class ChpComplaintForm(http.Controller):
    # --- rendering --------------------------------------------------------------
    def _services(self):
        company = request.env.company
        return request.env["chp.service"].sudo().search([("company_id", "in", [company.id, False])])

    def _render_form(self, values=None, errors=None, status=200, young=False):
        errors = errors or {}
        values = values or {}
        young = young or values.get("young") == "1"
        if not values and not request.env.user._is_public():
            partner = request.env.user.partner_id
            values = {"name": partner.name, "email": partner.email, "phone": partner.phone}
        Complaint = request.env["chp.complaint"]
        selection = {
            fname: Complaint._fields[fname]._description_selection(request.env)
            for fname in ("child_age_band", "child_contact_preference")
        }
        return request.render(
            "chp_complaints.chp_complaint_public_form",
            {
                "values": values,
                "errors": errors,
                "young": young,
                "child_involvement": values.get("child_involvement")
                or ("child" if young else "none"),
                "child_age_bands": selection["child_age_band"],
                "child_contact_preferences": selection["child_contact_preference"],
                "services": self._services(),
                "company": request.env.company.sudo(),
                "max_files": MAX_FILES,
                "max_size_mb": MAX_FILE_SIZE // (1024 * 1024),
                "allowed_extensions": ", ".join(sorted(ALLOWED_TYPES)),
                "no_breadcrumbs": True,
            },
            status=status,
        )

    @http.route(FORM_URL, type="http", auth="public", methods=["GET"], website=True, sitemap=False)
    def complaint_form(self, young=None, **kwargs):
        return self._render_form(young=young == "1")

    # --- validation ---------------------------------------------------------------
    def _validate(self, post, files):
        """Errors by field name, in the customer's words."""
        errors = {}
        anonymous = bool(post.get("anonymous"))
        if not post.get("subject"):
            errors["subject"] = _("Tell us in a few words what your complaint is about.")
        if not post.get("description"):
            errors["description"] = _("Describe what went wrong.")
        for name, limit in MAX_LENGTHS.items():
            if len(post.get(name) or "") > limit and name not in errors:
                errors[name] = _("Use at most %s characters.", limit)
        if post.get("service_id"):
            try:
                service = int(post["service_id"])
            except ValueError:
                service = 0
            if service not in self._services().ids:
                errors["service_id"] = _("Choose a service from the list, or leave it empty.")
        if not anonymous:
            if not post.get("name") and "name" not in errors:
                errors["name"] = _("Give your name, or choose to complain anonymously.")
            if not (post.get("email") or post.get("phone") or post.get("address")):
                errors["email"] = _(
                    "Give at least one way to reach you (email, phone or address), "
                    "or choose to complain anonymously."
                )
        errors.update(self._validate_on_behalf(post, errors))
        errors.update(self._validate_child(post))
        if (
            post.get("email")
            and not anonymous
            and "email" not in errors
            and not email_normalize(post["email"], strict=True)
        ):
            errors["email"] = _("Enter an email address like name@example.org.")
        preference = post.get("contact_preference")
        needs = {"email": "email", "phone": "phone", "letter": "address"}
        if preference and preference not in needs:
            errors["contact_preference"] = _("Choose how we should contact you.")
        elif not anonymous and preference and not post.get(needs[preference]):
            errors["contact_preference"] = _(
                "Give the contact details for the way you prefer to be contacted."
            )
        file_error = self._validate_files(files)
        if file_error:
            errors["attachments"] = file_error
        return errors

    @staticmethod
    def _validate_on_behalf(post, errors):
        """Someone complaining for another person names them, says they
        agreed, and gives their own name and contact (we reply to them)."""
        if not post.get("on_behalf"):
            if post.get("behalf_name") and "behalf_name" not in errors:
                return {
                    "on_behalf": _(
                        "You gave someone else's name: tick “I am complaining on behalf of "
                        "someone else”, or leave their name empty."
                    )
                }
            return {}
        found = {}
        if post.get("anonymous"):
            found["anonymous"] = _(
                "To complain for someone else, give your own name and contact: we reply to you. "
                "Untick “I want to complain anonymously”."
            )
        if not post.get("behalf_name") and "behalf_name" not in errors:
            found["behalf_name"] = _("Give the name of the person you are complaining for.")
        if not post.get("behalf_consent"):
            found["behalf_consent"] = _(
                "Confirm that they agreed that you complain for them (or that you have the "
                "right to act for them)."
            )
        return found

    @staticmethod
    def _validate_child(post):
        """The answers about a child or young person: one of the choices
        (none when not answered), an age from the list only for a child."""
        found = {}
        involvement = post.get("child_involvement") or "none"
        if involvement not in CHILD_CHOICES:
            found["child_involvement"] = _(
                "Choose one of the answers to “Is this about a child or young person?”."
            )
        band = post.get("child_age_band")
        if band and band not in CHILD_BANDS:
            found["child_age_band"] = _("Choose an age from the list, or leave it empty.")
        elif band and involvement == "none":
            found["child_age_band"] = _(
                "You answered “No” to “Is this about a child or young person?”: leave the age "
                "empty, or choose another answer."
            )
        preference = post.get("child_contact_preference")
        if preference and preference not in CHILD_CONTACTS:
            found["child_contact_preference"] = _(
                "Choose a way to keep in touch from the list, or leave it empty."
            )
        return found

    def _validate_files(self, files):
        if len(files) > MAX_FILES:
            return _("Attach at most %s files.", MAX_FILES)
        for filename, data in files:
            ext = os.path.splitext(filename)[1].lower()
            if ext not in ALLOWED_TYPES:
                return _(
                    "%(file)s: this type of file can't be accepted. Use %(types)s.",
                    file=filename,
                    types=", ".join(sorted(ALLOWED_TYPES)),
                )
            if len(data) > MAX_FILE_SIZE:
                return _(
                    "%(file)s is larger than %(size)s MB.",
                    file=filename,
                    size=MAX_FILE_SIZE // (1024 * 1024),
                )
            if not data:
                return _("%s is empty.", filename)
            if guess_mimetype(data, default="application/octet-stream") not in ALLOWED_TYPES[ext]:
                return _("%s does not hold what its name says.", filename)
        return None

    @staticmethod
    def _read_files():
        """The uploaded files as (name, content), names cleaned of control
        characters."""
        files = []
        for upload in request.httprequest.files.getlist("attachments"):
            filename = clean_text(upload.filename or "") if upload else ""
            if not filename:
                continue
            # Read one byte more than allowed: enough to refuse it.
            files.append((filename, upload.read(MAX_FILE_SIZE + 1)))
        return files

    # --- submission ----------------------------------------------------------------
    def _complaint_values(self, post):
        anonymous = bool(post.get("anonymous"))
        description = post["description"]
        if post.get("remedy"):
            description += "\n\n" + _("What would make it better: %s", post["remedy"])
        involvement = post.get("child_involvement") or "none"
        values = {
            "subject": post["subject"],
            "description": plaintext2html(description),
            "channel": "web",
            "service_id": int(post["service_id"]) if post.get("service_id") else False,
            "company_id": request.env.company.id,
            "date_received": fields.Datetime.now(),
            "user_id": False,
            "is_anonymous": anonymous,
            "child_involvement": involvement,
        }
        if involvement != "none":
            values["child_age_band"] = post.get("child_age_band") or False
            if not anonymous:
                values["child_contact_preference"] = post.get("child_contact_preference") or False
        if not anonymous:
            values.update(
                customer_name=post.get("name") or False,
                customer_email=post.get("email") or False,
                customer_phone=post.get("phone") or False,
                customer_address=post.get("address") or False,
                contact_preference=post.get("contact_preference") or False,
                partner_id=self._customer_partner(post).id,
            )
            if post.get("on_behalf"):
                values.update(
                    on_behalf_of=post["behalf_name"],
                    on_behalf_consent=bool(post.get("behalf_consent")),
                )
        return values

    def _customer_partner(self, post):
        """The logged-in customer's own contact (a company's contact is not
        the person who complained). An anonymous visitor's typed email is a
        claim, not an identity: it gets a new contact holding what was typed,
        never an existing contact or user found by that address (staff link
        it to an existing contact deliberately). None without an email."""
        if not request.env.user._is_public():
            return request.env.user.partner_id
        return (
            request.env["chp.complaint"]
            .sudo()
            ._chp_new_customer_contact(post.get("email"), post.get("name"), post.get("phone"))
        )

    @http.route(FORM_URL, type="http", auth="public", methods=["POST"], website=True, sitemap=False)
    def complaint_submit(self, **post):
        post = clean_post(post)
        address = request.httprequest.remote_addr
        Submission = request.env["chp.complaint.form.submission"].sudo()
        if post.get(HONEYPOT):
            # A robot filled in the field people never see: thank it, keep nothing.
            Submission.chp_check_and_record(address)
            return request.render(
                "chp_complaints.chp_complaint_public_thanks",
                {"complaint": None, "no_breadcrumbs": True},
            )
        files = self._read_files()
        errors = self._validate(post, files)
        if errors:
            return self._render_form(post, errors, status=400)
        if not Submission.chp_check_and_record(address):
            errors = {
                "form": _(
                    "We have received several complaints from your connection in the last "
                    "hour. Please try again later, or phone us."
                )
            }
            return self._render_form(post, errors, status=429)
        complaint = request.env["chp.complaint"].sudo().create(self._complaint_values(post))
        for filename, data in files:
            request.env["ir.attachment"].sudo().create(
                {
                    "name": filename,
                    "datas": base64.b64encode(data),
                    "res_model": complaint._name,
                    "res_id": complaint.id,
                }
            )
        complaint._chp_send_received_confirmation()
        return request.render(
            "chp_complaints.chp_complaint_public_thanks",
            {
                "complaint": complaint,
                "tracking_url": complaint.chp_tracking_url(),
                "young": post.get("young") == "1",
                "no_breadcrumbs": True,
            },
        )
