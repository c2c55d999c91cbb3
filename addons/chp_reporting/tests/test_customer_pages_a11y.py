from odoo.tests import HttpCase, tagged

from .axe import axe_check


@tagged("post_install", "-at_install")
class TestCustomerPagesAccessibility(HttpCase):
    """The complaints addon's public form and tracking page checked with
    axe-core (shipped by this addon): no WCAG 2.1 AA violation in what the
    complaints addon renders (the form and the tracking content; the
    surrounding layout is Odoo's), at a 320 px wide viewport too."""

    def test_public_form(self):
        check = axe_check('{include: [".o_chp_complaint_form"]}')
        self.browser_js("/complaints/new", check, timeout=120)

    def test_public_form_reflows_at_320px(self):
        check = """
        document.body.style.width = "320px";
        const form = document.querySelector(".o_chp_complaint_form");
        if (form.scrollWidth > 320) {
            console.error("The form needs horizontal scrolling at 320 px: " + form.scrollWidth);
        } else {
            console.log("test successful");
        }
        """
        self.browser_js("/complaints/new", check, timeout=60)

    def test_tracking_page(self):
        complaint = self.env["chp.complaint"].create(
            {"subject": "Axe check", "customer_email": "axe@example.org", "user_id": False}
        )
        complaint.message_post(
            body="We are looking into it.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        url = complaint.get_portal_url()
        self.browser_js(url, axe_check('{include: [".o_chp_tracking"]}'), timeout=120)
