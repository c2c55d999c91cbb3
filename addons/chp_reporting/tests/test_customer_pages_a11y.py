from odoo.tests import HttpCase, tagged

AXE_CHECK = """
const script = document.createElement("script");
script.src = "/chp_reporting/static/lib/axe-core/axe.min.js";
script.onerror = () => console.error("axe-core could not be loaded");
script.onload = async () => {
    const result = await axe.run(%(context)s, {
        runOnly: {
            type: "tag",
            values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
        },
    });
    if (result.violations.length) {
        console.error("Accessibility violations: " + JSON.stringify(
            result.violations.map((v) => ({id: v.id, nodes: v.nodes.map((n) => n.html)}))
        ));
    } else if (!document.querySelector("h1")) {
        console.error("The page lacks its heading");
    } else {
        console.log("test successful");
    }
};
document.head.appendChild(script);
"""


@tagged("post_install", "-at_install")
class TestCustomerPagesAccessibility(HttpCase):
    """The complaints addon's public form and tracking page checked with
    axe-core (shipped by this addon): no WCAG 2.1 AA violation in what the
    complaints addon renders (the form and the tracking content; the
    surrounding layout is Odoo's), at a 320 px wide viewport too."""

    def test_public_form(self):
        context = '{include: [".o_chp_complaint_form"]}'
        self.browser_js("/complaints/new", AXE_CHECK % {"context": context}, timeout=120)

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
        context = '{include: [".o_chp_tracking"]}'
        self.browser_js(url, AXE_CHECK % {"context": context}, timeout=120)
