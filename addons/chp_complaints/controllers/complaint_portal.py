"""The customer's side of a complaint after it is made: the tokenised
tracking page (anyone with the link) and ``/my/complaints`` for a logged-in
portal user. Portal users get no access right on ``chp.complaint``: every
read here is done as superuser after checking the token or that the
complaint is the user's own, and shows only what the customer may see."""

from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.http import request
from odoo.tools import consteq, plaintext2html

from .complaint_form import ChpComplaintForm, clean_text

MY_URL = "/my/complaints"


def _own_domain(user):
    """The complaints of a logged-in customer: those whose customer is their
    own contact. A complaint is personal: not the business of the company
    (employer, care provider, factor) the contact belongs to."""
    return [("partner_id", "=", user.partner_id.id), ("anonymised", "=", False)]


class ChpComplaintPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "chp_complaint_count" in counters:
            values["chp_complaint_count"] = (
                request.env["chp.complaint"].sudo().search_count(_own_domain(request.env.user))
                if not request.env.user._is_public()
                else 0
            )
        return values

    def _chp_complaint(self, complaint_id, access_token=None):
        """The complaint as superuser when the token is right or it is the
        logged-in customer's own; otherwise 404 (never say it exists). An
        anonymised complaint is no longer anyone's: its link ends with its
        data."""
        complaint = request.env["chp.complaint"].sudo().browse(complaint_id).exists()
        if not complaint or complaint.anonymised:
            raise NotFound()
        if (
            access_token
            and complaint.access_token
            and consteq(complaint.access_token, access_token)
        ):
            return complaint
        user = request.env.user
        if not user._is_public() and complaint.filtered_domain(_own_domain(user)):
            return complaint
        raise NotFound()

    @http.route([MY_URL, f"{MY_URL}/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_complaints(self, page=1, **kwargs):
        Complaint = request.env["chp.complaint"].sudo()
        domain = _own_domain(request.env.user)
        total = Complaint.search_count(domain)
        pager = portal_pager(url=MY_URL, total=total, page=page, step=self._items_per_page)
        complaints = Complaint.search(domain, limit=self._items_per_page, offset=pager["offset"])
        values = self._prepare_portal_layout_values()
        values.update(
            complaints=complaints, pager=pager, page_name="chp_complaints", default_url=MY_URL
        )
        return request.render("chp_complaints.portal_my_complaints", values)

    @http.route(f"{MY_URL}/<int:complaint_id>", type="http", auth="public", website=True)
    def portal_my_complaint(self, complaint_id, access_token=None, **kwargs):
        complaint = self._chp_complaint(complaint_id, access_token)
        return self._chp_complaint_page(complaint, access_token, sent=kwargs.get("sent"))

    def _chp_complaint_page(self, complaint, access_token, status=200, errors=None, **values):
        """The tracking page of ``complaint``, as shown and as re-shown with
        the errors of a refused reply."""
        page = self._prepare_portal_layout_values()
        page.update(
            complaint=complaint,
            messages=complaint.chp_customer_messages(),
            access_token=access_token,
            page_name="chp_complaint",
            no_breadcrumbs=request.env.user._is_public(),
            errors=errors or {},
            **values,
        )
        return request.render("chp_complaints.portal_my_complaint", page, status=status)

    @http.route(
        f"{MY_URL}/<int:complaint_id>/reply",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_complaint_reply(self, complaint_id, access_token=None, message="", **kwargs):
        """The customer's reply, with files, into the complaint's chatter: the
        handler and the followers are told as for any message."""
        complaint = self._chp_complaint(complaint_id, access_token)
        message = clean_text(message or "")
        form = ChpComplaintForm()
        files = form._read_files()
        errors = {}
        if not message and not files:
            errors["message"] = _("Write your message, or attach a file.")
        file_error = form._validate_files(files)
        if file_error:
            errors["attachments"] = file_error
        if errors:
            return self._chp_complaint_page(
                complaint, access_token, status=400, errors=errors, reply=message
            )
        complaint._chp_post_customer_reply(plaintext2html(message), files)
        url = complaint.get_portal_url() if access_token else complaint.access_url
        sep = "&" if "?" in url else "?"
        return request.redirect(f"{url}{sep}sent=1#chp_reply")
