from odoo.tests import HttpCase, tagged

from .axe import axe_check

# At the viewport's width: nothing wider than the screen (WCAG 2.2 reflow,
# 1.4.10), no text in ``root`` smaller than 12 px, and what must be read
# still on screen.
_REFLOW_CHECK = """
const root = document.querySelector(%(root)r);
const width = document.documentElement.clientWidth;
const tooSmall = [...root.querySelectorAll("*")].filter((el) =>
    el.offsetParent !== null
    && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())
    && parseFloat(getComputedStyle(el).fontSize) < 12
);
const missing = %(texts)r.filter((text) => !root.innerText.includes(text));
if (width > 320) {
    console.error("The viewport is " + width + " px wide, not 320");
} else if (document.documentElement.scrollWidth > width) {
    console.error("The page scrolls sideways at 320 px: " + document.documentElement.scrollWidth);
} else if (tooSmall.length) {
    const names = tooSmall.map((el) => el.outerHTML.slice(0, 80));
    console.error("Text under 12 px: " + names.join(" | "));
} else if (missing.length) {
    console.error("Not shown at 320 px: " + missing.join(", "));
} else {
    console.log("test successful");
}
"""


def reflow_check(root, texts):
    return _REFLOW_CHECK % {"root": root, "texts": list(texts)}


@tagged("post_install", "-at_install")
class TestCustomerPagesAt320(HttpCase):
    """Issue 21: the public form and the tracking page on a 320 px screen
    (WCAG 2.2 reflow): no sideways scrolling, text at least 12 px, nothing
    lost, and axe-core finds no violation at that width either."""

    browser_size = "320x800"

    def tracking_url(self):
        complaint = self.env["chp.complaint"].create(
            {
                "subject": "Heating broken in the flat upstairs since October",
                "customer_email": "reflow@example.org",
                "user_id": False,
            }
        )
        complaint.message_post(
            body="We are looking into it.", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        return complaint.get_portal_url()

    def test_public_form_reflows(self):
        texts = ["What happens next", "on behalf of someone else", "Your personal data"]
        self.browser_js("/complaints/new", reflow_check(".o_chp_complaint_form", texts), timeout=60)

    def test_public_form_axe_at_320(self):
        check = axe_check('{include: [".o_chp_complaint_form"]}')
        self.browser_js("/complaints/new", check, timeout=120)

    def test_tracking_page_reflows(self):
        texts = ["Heating broken", "We are looking into it."]
        self.browser_js(self.tracking_url(), reflow_check(".o_chp_tracking", texts), timeout=60)

    def test_tracking_page_axe_at_320(self):
        check = axe_check('{include: [".o_chp_tracking"]}')
        self.browser_js(self.tracking_url(), check, timeout=120)
