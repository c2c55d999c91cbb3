import base64
import io
import json
import zipfile

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..tools.transition import transition
from .retention_common import ChpRetentionCase


@tagged("post_install", "-at_install")
class TestSubjectAccessRequest(ChpRetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.env["res.partner"].create({"name": "Other Person"})

    def setUp(self):
        super().setUp()
        self.by_partner = self.add_chatter(self.closed_stage1())
        self.by_email = self.closed_direct(
            partner_id=False, customer_name="M. Customer", customer_email="MORAG@example.org"
        )
        self.by_name = self.closed_escalated(
            partner_id=False, customer_name="morag customer", customer_email=False
        )
        self.someone_else = self.closed_stage1(
            partner_id=self.other.id,
            customer_name="Other Person",
            customer_email="other@example.org",
        )
        self.mine = self.by_partner | self.by_email | self.by_name

    def _request(self, user=None, **vals):
        return self.env["chp.subject.access.request"].with_user(user or self.admin).create(vals)

    def test_only_complaints_administrator(self):
        for user in (self.staff, self.senior):
            with self.assertRaises(AccessError):
                self._request(user, customer_email="morag@example.org")
        request = self._request(customer_email="morag@example.org")
        for method in ("action_find", "action_export", "action_anonymise"):
            with self.assertRaises(AccessError):
                getattr(request.with_user(self.senior), method)()
        self.assertFalse(any(self.mine.mapped("anonymised")))

    def test_finds_by_contact_name_or_email(self):
        request = self._request(
            partner_id=self.customer.id,
            customer_name="Morag Customer",
            customer_email="morag@example.org",
        )
        request.action_find()
        self.assertEqual(request.complaint_ids, self.mine)
        only_email = self._request(customer_email=" Morag@Example.org ")
        only_email.action_find()
        self.assertEqual(only_email.complaint_ids, self.by_partner | self.by_email)
        with self.assertRaises(UserError):
            self._request().action_find()

    def test_export_holds_all_fields_messages_and_files(self):
        request = self._request(partner_id=self.customer.id, customer_name="Morag Customer")
        request.action_export()
        self.assertTrue(request.export_filename.endswith(".zip"))
        archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(request.export_file)))
        data = json.loads(archive.read("complaints.json"))
        by_ref = {c["name"]: c for c in data["complaints"]}
        self.assertEqual(set(by_ref), set((self.by_partner | self.by_name).mapped("name")))
        exported = by_ref[self.by_partner.name]
        self.assertEqual(exported["customer_phone"], "0131 000 0000")
        self.assertEqual(exported["customer_address"], "1 High Street, Edinburgh")
        self.assertEqual(exported["service_id"], "Repairs")
        self.assertEqual(exported["stage1_outcome"], "upheld")
        bodies = " ".join(m["body"] or "" for m in exported["messages"])
        self.assertIn("my boiler is broken", bodies)
        self.assertEqual(len(exported["attachments"]), 2)
        for path in exported["attachments"]:
            self.assertIn("Morag", archive.read(path).decode())

    def test_anonymise_on_request(self):
        request = self._request(customer_email="morag@example.org", customer_name="Morag Customer")
        request.action_anonymise()
        self.assertTrue(all(self.mine.mapped("anonymised")))
        self.assertEqual(set(self.mine.mapped("anonymised_reason")), {"request"})
        self.assertFalse(any(self.mine.mapped("customer_email")))
        self.assertFalse(self.someone_else.anonymised)
        self.assertEqual(self.someone_else.customer_name, "Other Person")

    def test_anonymise_refused_while_held(self):
        self.by_email.with_user(self.senior)._chp_place_hold("Legal claim")
        with transition(self.by_name):
            self.by_name.write({"spso_referred": True, "spso_date_referred": "2022-05-02"})
        request = self._request(
            partner_id=self.customer.id,
            customer_name="Morag Customer",
            customer_email="morag@example.org",
        )
        request.action_find()
        self.assertIn(self.by_email.name, request.held_refs)
        with self.assertRaisesRegex(UserError, self.by_email.name) as caught:
            request.action_anonymise()
        self.assertIn(self.by_name.name, str(caught.exception))
        self.assertFalse(any(self.mine.mapped("anonymised")))
        self.assertEqual(self.by_partner.customer_name, "Morag Customer")
