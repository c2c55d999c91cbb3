import base64
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import make_role_users
from .http_common import JsonRpcMixin

USER_ERRORS = (
    "odoo.exceptions.AccessError",
    "odoo.exceptions.MissingError",
    "odoo.exceptions.UserError",
)


@tagged("post_install", "-at_install")
class TestSubjectAccessExportOwnership(JsonRpcMixin, HttpCase):
    """Issue 12, point 1: the subject access export (a zip with a
    complainant's name, email and description) is read only by the
    administrator who made it, and only while working in its company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Other Housing Association"})
        both = [cls.company_a.id, cls.company_b.id]
        admins = {"admin": ("chp_sar_admin", "admin"), "other_admin": ("chp_sar_admin2", "admin")}
        make_role_users(cls, admins, company_id=cls.company_a.id, company_ids=both)
        cls.complaint_b = cls.env["chp.complaint"].create(
            {
                "subject": "Window",
                "company_id": cls.company_b.id,
                "customer_name": "Isla Private",
                "customer_email": "isla@example.org",
            }
        )
        request = (
            cls.env["chp.subject.access.request"]
            .with_user(cls.admin)
            .with_company(cls.company_b)
            .create({"customer_email": "isla@example.org"})
        )
        request.action_export()
        cls.request = request

    def test_export_made_in_company_b(self):
        self.assertEqual(self.request.company_id, self.company_b)
        self.assertEqual(self.request.complaint_ids, self.complaint_b)
        self.assertTrue(self.request.export_file)

    def test_author_reads_it_only_in_its_company(self):
        self.authenticate("chp_sar_admin", "chp_sar_admin")
        rid = self.request.id
        answer = self.call_kw(
            "chp.subject.access.request",
            "read",
            [[rid], ["export_file"]],
            company_ids=[self.company_b.id],
        )
        self.assertTrue(self.assert_rpc_ok(answer)[0]["export_file"])
        answer = self.call_kw(
            "chp.subject.access.request",
            "read",
            [[rid], ["export_file"]],
            company_ids=[self.company_a.id],
        )
        self.assert_rpc_refused(answer, USER_ERRORS)
        found = self.call_kw(
            "chp.subject.access.request",
            "search_read",
            [[], ["export_filename"]],
            company_ids=[self.company_a.id],
        )
        self.assertEqual(self.assert_rpc_ok(found), [])

    def test_other_administrator_never_reads_it(self):
        self.authenticate("chp_sar_admin2", "chp_sar_admin2")
        both = [self.company_b.id, self.company_a.id]
        answer = self.call_kw(
            "chp.subject.access.request",
            "read",
            [[self.request.id], ["export_file"]],
            company_ids=both,
        )
        self.assert_rpc_refused(answer, USER_ERRORS)
        found = self.call_kw(
            "chp.subject.access.request",
            "search_read",
            [[], ["export_filename"]],
            company_ids=both,
        )
        self.assertEqual(self.assert_rpc_ok(found), [])
        response = self.url_open(
            f"/web/content/chp.subject.access.request/{self.request.id}/export_file?download=true"
        )
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(b"PK", response.content[:2])

    def test_cannot_answer_for_a_company_one_is_not_working_in(self):
        request = (
            self.env["chp.subject.access.request"]
            .with_user(self.admin)
            .with_company(self.company_b)
            .create({"customer_email": "isla@example.org"})
        )
        in_a = request.with_context(allowed_company_ids=[self.company_a.id])
        with self.assertRaises(UserError):  # AccessError or MissingError, not a crash
            in_a.action_find()

    def test_exports_expire(self):
        """A scheduled action deletes export wizards 30 minutes after their
        last change, whoever made them."""
        fresh = (
            self.env["chp.subject.access.request"]
            .with_user(self.other_admin)
            .create({"customer_email": "isla@example.org"})
        )
        fresh.action_export()
        self.env.flush_all()
        old = fields.Datetime.now() - timedelta(minutes=31)
        self.env.cr.execute(
            "UPDATE chp_subject_access_request SET write_date = %s WHERE id = %s",
            [old, self.request.id],
        )
        self.env.invalidate_all()
        cron = self.env.ref("chp_complaints.ir_cron_chp_purge_exports")
        self.assertLessEqual(cron.interval_number, 30)
        cron.method_direct_trigger()
        self.assertFalse(self.request.exists())
        self.assertTrue(fresh.exists(), "a file made a minute ago is still there to download")
        self.assertTrue(base64.b64decode(fresh.sudo().export_file))
        # every transient model that holds an export is purged by the same action
        models = self.env.registry.descendants(["chp.export.mixin"], "_inherit")
        self.assertIn("chp.subject.access.request", models)
