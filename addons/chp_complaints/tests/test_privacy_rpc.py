from odoo.tests import HttpCase, tagged

from .common import RoleUsersMixin
from .http_common import JsonRpcMixin


@tagged("post_install", "-at_install")
class TestMinimumNecessaryOverRpc(RoleUsersMixin, JsonRpcMixin, HttpCase):
    """Issue 12, points 3 and 5, as found: JSON-RPC calls with each role's
    session."""

    role_users = {
        "staff": ("chp_rpc_staff", "staff"),
        "other_staff": ("chp_rpc_staff2", "staff"),
        "manager": ("chp_rpc_contract", "contract_manager"),
        "board": ("chp_rpc_board", "committee"),
        "training": ("chp_rpc_training", "training_officer"),
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        contractor = Partner.create(
            {
                "name": "Fixit Repairs Ltd",
                "is_company": True,
                "chp_is_contractor": True,
                "chp_contract_manager_id": cls.manager.id,
            }
        )
        cls.mine = Partner.create({"name": "Ailsa Mine", "email": "ailsa@example.org"})
        cls.theirs = Partner.create({"name": "Hamish Theirs", "email": "hamish@example.org"})
        Complaint = cls.env["chp.complaint"]
        cls.complaint = Complaint.create(
            {
                "subject": "Leaking roof",
                "user_id": cls.staff.id,
                "contractor_id": contractor.id,
                "partner_id": cls.mine.id,
                "customer_name": "Ailsa Mine",
                "customer_email": "ailsa@example.org",
            }
        )
        other = Complaint.create(
            {"subject": "Noise", "user_id": cls.other_staff.id, "partner_id": cls.theirs.id}
        )
        for complaint, partner in ((cls.complaint, cls.mine), (other, cls.theirs)):
            complaint.message_subscribe(partner_ids=partner.ids)
            complaint.message_post(
                body="We are on it", partner_ids=partner.ids, subtype_xmlid="mail.mt_comment"
            )

    def test_contract_manager_reads_the_work_not_the_customer(self):
        self.authenticate("chp_rpc_contract", "chp_rpc_contract")
        cid = self.complaint.id
        work = self.call_kw(
            "chp.complaint", "read", [[cid], ["subject", "service_id", "description", "deadline"]]
        )
        self.assertEqual(self.assert_rpc_ok(work)[0]["subject"], "Leaking roof")
        for name in ("customer_name", "customer_email", "customer_phone", "partner_id"):
            answer = self.call_kw("chp.complaint", "read", [[cid], [name]])
            self.assert_rpc_refused(answer)
        answer = self.call_kw(
            "res.partner", "search_read", [[("chp_is_complainant", "=", True)], ["name"]]
        )
        self.assertEqual(self.assert_rpc_ok(answer), [])
        answer = self.call_kw(
            "mail.followers",
            "search_read",
            [[("res_model", "=", "chp.complaint")], ["name", "email"]],
        )
        names = {row["name"] for row in self.assert_rpc_ok(answer)}
        self.assertFalse(names & {"Ailsa Mine", "Hamish Theirs"})

    def test_staff_and_training_officer_list_only_their_complainants(self):
        domain = [[("chp_is_complainant", "=", True)], ["name"]]
        self.authenticate("chp_rpc_staff", "chp_rpc_staff")
        answer = self.call_kw("res.partner", "search_read", domain)
        self.assertEqual([row["name"] for row in self.assert_rpc_ok(answer)], ["Ailsa Mine"])
        answer = self.call_kw("res.partner", "read", [[self.theirs.id], ["email"]])
        self.assert_rpc_refused(answer, ("odoo.exceptions.AccessError",))
        self.authenticate("chp_rpc_training", "chp_rpc_training")
        answer = self.call_kw("res.partner", "search_read", domain)
        self.assertEqual(self.assert_rpc_ok(answer), [])

    def test_board_reads_no_followers_nor_notifications_of_complaints(self):
        self.authenticate("chp_rpc_board", "chp_rpc_board")
        followers = self.call_kw(
            "mail.followers",
            "search_read",
            [[("res_model", "=", "chp.complaint")], ["name", "email"]],
        )
        self.assertEqual(self.assert_rpc_ok(followers), [])
        notifications = self.call_kw(
            "mail.notification",
            "search_read",
            [[("mail_message_id.model", "=", "chp.complaint")], ["res_partner_id"]],
        )
        self.assertEqual(self.assert_rpc_ok(notifications), [])
        answer = self.call_kw("res.partner", "read", [[self.mine.id], ["name"]])
        self.assert_rpc_refused(answer, ("odoo.exceptions.AccessError",))
