import json

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import RoleUsersMixin
from .http_common import JsonRpcMixin


@tagged("post_install", "-at_install", "is_tour")
class TestComplaintTour(HttpCase):
    """The kanban in a real browser: create, close stage 1, see the card move."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(
            cls.env,
            login="chp_tour_staff",
            password="chp_tour_staff",
            groups="chp_complaints.group_chp_staff",
        )
        cls.env["chp.service"].create({"name": "Waste services"})
        cls.env["chp.root.cause"].create({"name": "Missed collection"})

    def test_journey_tour(self):
        self.start_tour(
            "/odoo/action-chp_complaints.chp_complaint_action",
            "chp_complaint_journey_tour",
            login="chp_tour_staff",
        )
        complaint = self.env["chp.complaint"].search(
            [("subject", "=", "Tour: bins missed three weeks running")]
        )
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(complaint.stage1_outcome, "upheld")
        self.assertTrue(complaint.stage1_date_closed)


@tagged("post_install", "-at_install", "is_tour")
class TestRoleTours(RoleUsersMixin, HttpCase):
    """Each role that works a complaint, in a real browser, on a complaint
    prepared for it."""

    role_users = {
        "staff": ("chp_tour_staff", "staff"),
        "investigator": ("chp_tour_investigator", "investigator"),
        "senior": ("chp_tour_senior_manager", "senior_manager"),
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Complaint = cls.env["chp.complaint"]
        cls.service = cls.env["chp.service"].create({"name": "Repairs"})
        cls.cause = cls.env["chp.root.cause"].create({"name": "Delay"})

    def complaint(self, **vals):
        return self.Complaint.create(
            dict(
                {
                    "subject": "Tour complaint",
                    "user_id": self.staff.id,
                    "service_id": self.service.id,
                    "root_cause_id": self.cause.id,
                },
                **vals,
            )
        )

    def tour(self, complaint, name, login):
        self.start_tour(
            f"/odoo/action-chp_complaints.chp_complaint_action/{complaint.id}", name, login=login
        )
        complaint.invalidate_recordset()

    def test_staff_escalates_and_cannot_close_stage2(self):
        complaint = self.complaint(stage1_outcome="not_upheld", stage1_action="Explained")
        complaint.action_start_stage1()
        self.tour(complaint, "chp_staff_tour", self.staff.login)
        self.assertEqual(complaint.state, "stage2")
        self.assertEqual(complaint.stage2_route, "escalated")
        self.assertFalse(complaint.signoff_user_id)

    def test_investigator_acknowledges_and_requests_signoff(self):
        complaint = self.complaint(investigator_id=self.investigator.id)
        complaint.action_start_stage2_direct()
        self.tour(complaint, "chp_investigator_tour", self.investigator.login)
        self.assertTrue(complaint.stage2_ack_date)
        self.assertEqual(complaint.stage2_outcome, "upheld")
        signoff = self.env.ref("chp_complaints.mail_activity_type_chp_signoff")
        self.assertIn(
            self.senior,
            complaint.activity_ids.filtered(lambda a: a.activity_type_id == signoff).user_id,
        )

    def test_senior_manager_extends(self):
        complaint = self.complaint()
        complaint.action_start_stage1()
        self.tour(complaint, "chp_senior_extend_tour", self.senior.login)
        self.assertTrue(complaint.stage1_extended)
        self.assertEqual(complaint.stage1_extension_user_id, self.senior)

    def test_senior_manager_declines_to_investigate(self):
        customer = self.env["res.partner"].create(
            {"name": "Morag Tenant", "email": "morag@example.org"}
        )
        complaint = self.complaint(
            partner_id=customer.id,
            customer_name="Morag Tenant",
            customer_email="morag@example.org",
            stage1_outcome="not_upheld",
            stage1_action="Explained",
            stage1_customer_summary="We explained the repair plan.",
        )
        complaint.action_close_stage1()
        self.env.company.email = "complaints@council.example"
        self.tour(complaint, "chp_senior_decline_tour", self.senior.login)
        self.assertEqual(complaint.state, "closed")
        self.assertFalse(complaint.stage2_route)
        self.assertEqual(complaint.stage2_declined_user_id, self.senior)
        self.assertIn("nothing our stage 1 response", complaint.stage2_declined_reason)
        letter = complaint.message_ids.filtered(lambda m: customer in m.partner_ids)
        self.assertTrue(letter.filtered(lambda m: "investigation" in (m.subject or "")))

    def test_senior_manager_signs_off_and_reopens(self):
        complaint = self.complaint(investigator_id=self.investigator.id)
        complaint.action_start_stage2_direct()
        complaint.action_acknowledge()
        complaint.write({"stage2_outcome": "partially_upheld", "stage2_action": "Repaired"})
        self.tour(complaint, "chp_senior_signoff_tour", self.senior.login)
        self.assertEqual(complaint.state, "stage2")
        self.assertFalse(complaint.signoff_user_id)
        self.assertTrue(any("new evidence" in (m.body or "") for m in complaint.message_ids))


@tagged("post_install", "-at_install", "is_tour")
class TestContractManagerTour(RoleUsersMixin, JsonRpcMixin, HttpCase):
    """The contract manager lists the complaints about their contractor and
    opens one: no error dialog, the matter and the message to the
    contractor, no customer details, not the customer's own words."""

    role_users = {
        "staff": ("chp_cm_tour_staff", "staff"),
        "manager": ("chp_cm_tour_manager", "contract_manager"),
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contractor = cls.env["res.partner"].create(
            {
                "name": "Door Systems Ltd",
                "is_company": True,
                "email": "doors@example.org",
                "chp_is_contractor": True,
                "chp_contract_manager_id": cls.manager.id,
            }
        )
        customer = cls.env["res.partner"].create(
            {"name": "Morag Tenant", "email": "morag@example.org"}
        )
        cls.complaint = cls.env["chp.complaint"].create(
            {
                "subject": "Tour: broken door entry",
                "user_id": cls.staff.id,
                "contractor_id": cls.contractor.id,
                "partner_id": customer.id,
                "customer_name": "Morag Tenant",
                "customer_email": "morag@example.org",
            }
        )
        cls.complaint.message_post(
            body="Please repair the door entry within 5 days.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=cls.contractor.ids,
        )
        cls.complaint.sudo()._chp_post_customer_reply(
            "<p>My phone is 07700 900123.</p>", [("morag-lease.txt", b"Morag's lease")]
        )

    def test_contract_manager_reads_no_customer_file(self):
        evidence = self.env["ir.attachment"].search(
            [("res_model", "=", "chp.complaint"), ("res_id", "=", self.complaint.id)]
        )
        self.assertEqual(evidence.mapped("name"), ["morag-lease.txt"])
        self.authenticate(self.manager.login, self.manager.login)
        found = self.rpc(
            "ir.attachment",
            "search_read",
            [("res_model", "=", "chp.complaint"), ("res_id", "=", self.complaint.id)],
            ["name"],
        )
        self.assertEqual(found, [])
        self.assertRpcRefused(
            AccessError, "Attachment", "ir.attachment", "read", evidence.ids, ["name"]
        )
        self.assertEqual(self.url_open(f"/web/content/{evidence.id}").status_code, 404)

    def test_contract_manager_opens_a_contractor_complaint(self):
        self.start_tour(
            "/odoo/action-chp_complaints.chp_complaint_action",
            "chp_contract_manager_open_tour",
            login=self.manager.login,
        )

    def test_contract_manager_chatter_over_rpc(self):
        self.authenticate(self.manager.login, self.manager.login)
        fields, record = self.form_read("chp.complaint", self.complaint.id)
        self.assertNotIn("partner_id", fields)
        self.assertNotIn("customer_email", record)
        answer = self.json_route(
            "/mail/thread/data",
            {
                "thread_model": "chp.complaint",
                "thread_id": self.complaint.id,
                "request_list": ["activities", "attachments", "followers", "suggestedRecipients"],
            },
        )
        self.assertNotIn("error", answer, answer.get("error"))
        self.assertNotIn("morag", json.dumps(answer).lower())
        messages = self.json_route(
            "/mail/thread/messages",
            {"thread_model": "chp.complaint", "thread_id": self.complaint.id},
        )
        self.assertNotIn("error", messages, messages.get("error"))
        text = json.dumps(messages)
        self.assertIn("Please repair the door entry", text)
        self.assertNotIn("07700", text)
        self.assertNotIn("Morag", text)
