from odoo.tests import tagged

from .customer_common import ChpCustomerHttpCase


@tagged("post_install", "-at_install")
class TestTracking(ChpCustomerHttpCase):
    """The tracking link and /my/complaints: the owner, another portal user,
    an anonymous visitor, a wrong token. Only messages sent to or by the
    customer are shown, never internal notes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Complaint = cls.env["chp.complaint"].with_context(tracking_disable=True)
        cls.complaint = Complaint.create(
            {
                "subject": "Rent account wrong",
                "service_id": cls.service.id,
                "partner_id": cls.portal_user.partner_id.id,
                "customer_name": "Alice Customer",
                "customer_email": "alice@example.org",
                "user_id": cls.staff.id,
            }
        )
        cls.complaint.message_post(
            body="We are looking at your rent account.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=cls.portal_user.partner_id.ids,
        )
        cls.complaint.message_post(
            body="INTERNAL: the customer is difficult.", subtype_xmlid="mail.mt_note"
        )
        cls.other = Complaint.create(
            {
                "subject": "Noise from neighbours",
                "partner_id": cls.other_portal_user.partner_id.id,
                "customer_email": "bob@example.org",
            }
        )
        cls.token = cls.complaint._portal_ensure_token()

    def test_token_link_anonymous_visitor(self):
        response = self.url_open(f"/my/complaints/{self.complaint.id}?access_token={self.token}")
        self.assertEqual(response.status_code, 200)
        html = response.text
        self.assertIn(self.complaint.name, html)
        self.assertIn("Received: we are deciding how to handle it", html)
        self.assertIn("We aim to reply by", html)
        self.assertIn("We are looking at your rent account.", html)
        self.assertNotIn("INTERNAL", html)
        # Staff names are hidden by default: the organisation speaks.
        self.assertNotIn(self.env.user.name + "</span>", html)
        self.assertIn(self.company.name, html)

    def test_stage_in_plain_words(self):
        self.complaint.action_start_stage1()
        response = self.url_open(f"/my/complaints/{self.complaint.id}?access_token={self.token}")
        self.assertIn("Stage 1 (frontline response)", response.text)

    def test_bad_token_and_no_token(self):
        for url in (
            f"/my/complaints/{self.complaint.id}?access_token=wrong",
            f"/my/complaints/{self.complaint.id}",
            f"/my/complaints/{self.other.id}?access_token={self.token}",
            "/my/complaints/999999",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("Rent account wrong", response.text)

    def test_owner_portal(self):
        self.authenticate("chp_portal_alice", "chp_portal_alice")
        response = self.url_open("/my/complaints")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.complaint.name, response.text)
        self.assertNotIn(self.other.name, response.text)
        response = self.url_open(f"/my/complaints/{self.complaint.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Rent account wrong", response.text)
        self.assertEqual(self.url_open(f"/my/complaints/{self.other.id}").status_code, 404)

    def test_other_portal_user(self):
        self.authenticate("chp_portal_bob", "chp_portal_bob")
        response = self.url_open("/my/complaints")
        self.assertNotIn(self.complaint.name, response.text)
        self.assertIn(self.other.name, response.text)
        self.assertEqual(self.url_open(f"/my/complaints/{self.complaint.id}").status_code, 404)
        # Portal users have no access right on complaints through RPC either.
        self.assertFalse(
            self.env["chp.complaint"].with_user(self.other_portal_user).has_access("read")
        )

    def test_my_complaints_needs_login(self):
        response = self.url_open("/my/complaints", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    def test_reply_with_token(self):
        url = f"/my/complaints/{self.complaint.id}?access_token={self.token}"
        csrf = self.csrf(url)
        response = self.url_open(
            f"/my/complaints/{self.complaint.id}/reply",
            data={"csrf_token": csrf, "access_token": self.token, "message": "Here is my letter."},
            files=[("attachments", ("letter.txt", b"Dear council", "text/plain"))],
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your message was sent.", response.text)
        self.assertIn("Here is my letter.", response.text)
        message = self.complaint.message_ids.filtered(lambda m: "Here is my letter" in m.body)
        self.assertEqual(message.author_id, self.portal_user.partner_id)
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertEqual(message.attachment_ids.mapped("name"), ["letter.txt"])
        # Wrong token: refused, nothing posted.
        count = len(self.complaint.message_ids)
        response = self.url_open(
            f"/my/complaints/{self.complaint.id}/reply",
            data={"csrf_token": csrf, "access_token": "wrong", "message": "Spam"},
        )
        self.assertEqual(response.status_code, 404)
        self.complaint.invalidate_recordset()
        self.assertEqual(len(self.complaint.message_ids), count)

    def test_empty_reply_refused(self):
        url = f"/my/complaints/{self.complaint.id}?access_token={self.token}"
        response = self.url_open(
            f"/my/complaints/{self.complaint.id}/reply",
            data={"csrf_token": self.csrf(url), "access_token": self.token, "message": " "},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn('id="chp_message_error"', response.text)


@tagged("post_install", "-at_install")
class TestMyComplaintsOnAPhone(ChpCustomerHttpCase):
    """Issue 21, item 6: /my/complaints fits a 390 px phone (and 320 px,
    WCAG reflow): no sideways scrolling, the subject and date still shown."""

    browser_size = "320x700"

    def test_my_complaints_reflow(self):
        self.env["chp.complaint"].create(
            {
                "subject": "A long subject about the heating in the flat upstairs",
                "partner_id": self.portal_user.partner_id.id,
                "user_id": False,
            }
        )
        check = """
        const box = document.querySelector(".o_portal_my_doc_table").parentElement;
        const detail = document.querySelector(".o_chp_my_complaint_detail");
        if (box.scrollWidth > box.clientWidth) {
            console.error("/my/complaints scrolls sideways at 320 px: " + box.scrollWidth);
        } else if (!detail || !detail.offsetParent || !detail.textContent.includes("heating")) {
            console.error("the subject is not shown on a phone");
        } else {
            console.log("test successful");
        }
        """
        self.browser_js("/my/complaints", check, timeout=60, login=self.portal_user.login)
