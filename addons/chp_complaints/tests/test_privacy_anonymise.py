from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from ..tools.transition import transition
from .retention_common import ChpRetentionCase

NAME = "Zebedee Quibble"
EMAIL = "zebedee.quibble@example.net"
PHONE = "0131 555 0199"
# Every table Odoo's mail stack writes, and the complaint itself.
MAIL_TABLES = (
    "mail_message",
    "mail_notification",
    "mail_tracking_value",
    "mail_followers",
    "mail_mail",
    "ir_attachment",
    "bus_bus",
    "res_partner",
    "chp_complaint",
)


@tagged("post_install", "-at_install")
class TestAnonymisationLeavesNothing(ChpRetentionCase):
    """Issue 12, point 2: after anonymisation, no table of the mail stack
    holds the customer's name, email or phone, and their contact is gone
    (or blank and hidden from the board)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colleague = new_test_user(
            cls.env,
            login="chp_privacy_colleague",
            groups="chp_complaints.group_chp_staff",
            notification_type="inbox",
        )
        cls.committee = new_test_user(
            cls.env, login="chp_privacy_board", groups="chp_complaints.group_chp_committee"
        )

    def setUp(self):
        super().setUp()
        self.person = self.env["res.partner"].create(
            {"name": NAME, "email": EMAIL, "phone": PHONE, "street": "7 Quibble Lane"}
        )

    def _complaint_with_history(self):
        """A complaint whose customer received and sent messages, with
        tracked changes naming them, an attachment and a colleague who got
        the messages in their inbox (notifications and bus rows)."""
        complaint = self._new(
            "2022-03-07 10:00:00",
            partner_id=self.person.id,
            customer_name=NAME,
            customer_email=EMAIL,
            customer_phone=PHONE,
            subject="Window",
        )
        # mails stay queued (not sent and auto-deleted at once, as in tests)
        tracked = complaint.with_context(
            tracking_disable=False, mail_notrack=False, mail_notify_force_send=False
        )
        tracked.write({"subject": f"{NAME}: window not fixed"})
        tracked.message_subscribe(partner_ids=[self.person.id, self.colleague.partner_id.id])
        tracked.message_post(
            body=f"Dear {NAME}, we will repair the window.",
            partner_ids=self.person.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=[("letter.txt", f"Letter to {NAME}, {EMAIL}".encode())],
        )
        tracked.message_post(
            body=f"From {NAME}: thank you",
            author_id=self.person.id,
            email_from=f'"{NAME}" <{EMAIL}>',
            message_type="email",
            subtype_xmlid="mail.mt_comment",
        )
        with transition(complaint):
            complaint.write(
                {
                    "stage1_outcome": "upheld",
                    "stage1_action": f"Phoned {NAME}",
                    "stage1_date_closed": "2022-03-11",
                }
            )
        complaint.action_close_stage1()
        self.env.cr.flush()  # precommit: the bus rows are written
        return complaint

    def _tables_naming_the_customer(self):
        self.env.flush_all()
        self.env.cr.flush()
        patterns = [f"%{NAME}%", "%Quibble%", f"%{EMAIL}%", f"%{PHONE}%"]
        found = {}
        for table in MAIL_TABLES:
            self.env.cr.execute(
                f"SELECT count(*) FROM {table} t WHERE t::text ILIKE ANY(%s)",
                [patterns],
            )
            count = self.env.cr.fetchone()[0]
            if count:
                found[table] = count
        return found

    def test_nothing_left_in_the_mail_stack(self):
        complaint = self._complaint_with_history()
        before = self._tables_naming_the_customer()
        for table in ("mail_message", "mail_notification", "mail_mail", "ir_attachment", "bus_bus"):
            # mail_notification rows name nobody but tie the customer to messages
            if table != "mail_notification":
                self.assertIn(table, before, f"the fixture puts the customer in {table}")
        self.assertTrue(
            self.env["mail.notification"].search([("res_partner_id", "=", self.person.id)])
        )
        request = self.env["chp.subject.access.request"].with_user(self.admin)
        request.create({"partner_id": self.person.id}).action_anonymise()
        self.assertTrue(complaint.anonymised)
        self.assertEqual(self._tables_naming_the_customer(), {})
        self.assertFalse(self.person.exists(), "a contact nothing else needs is deleted")
        self.assertFalse(
            self.env["mail.notification"]
            .search([("mail_message_id.res_id", "=", complaint.id)])
            .filtered(lambda n: n.res_partner_id.id == self.person.id)
        )

    def test_contact_kept_while_another_complaint_needs_it(self):
        first = self._complaint_with_history()
        second = self.closed_direct(partner_id=self.person.id, customer_name=NAME)
        first._chp_anonymise()
        self.assertEqual(self.person.name, NAME, "their other complaint still needs the contact")
        second._chp_anonymise()
        self.assertFalse(self.person.exists())

    def test_contact_that_cannot_go_is_blank_and_hidden_from_the_board(self):
        complaint = self._complaint_with_history()
        Partner = type(self.env["res.partner"])
        with patch.object(Partner, "unlink", side_effect=UserError("still referred to")):
            complaint._chp_anonymise()
        partner = self.person.with_context(active_test=False)
        self.assertTrue(partner.exists())
        self.assertFalse(partner.chp_is_complainant)
        self.assertTrue(partner.chp_was_complainant)
        self.assertFalse(partner.active)
        self.assertFalse(partner.email or partner.phone or partner.street)
        self.assertNotIn(NAME, partner.name)
        self.assertEqual(self._tables_naming_the_customer(), {})
        with self.assertRaises(AccessError):
            partner.with_user(self.committee).read(["name"])

    def test_colleague_contact_is_never_erased(self):
        complaint = self.closed_stage1(
            partner_id=self.colleague.partner_id.id, customer_name=self.colleague.name
        )
        complaint._chp_anonymise()
        self.assertEqual(self.colleague.partner_id.name, self.colleague.name)
        self.assertTrue(self.colleague.partner_id.active)

    def test_deletion_erases_the_contact_too(self):
        complaint = self._complaint_with_history()
        complaint._chp_delete()
        self.assertFalse(complaint.exists())
        self.assertFalse(self.person.exists())
        self.assertEqual(self._tables_naming_the_customer(), {})

    def test_board_never_reads_a_complainant(self):
        """Not while they complain, nor once the complaint names another
        contact (``chp_is_complainant`` flips to False)."""
        complaint = self._complaint_with_history()
        Partner = self.env["res.partner"].with_user(self.committee)
        with self.assertRaises(AccessError):
            self.person.with_user(self.committee).read(["name"])
        other = self.env["res.partner"].create({"name": "Someone Else"})
        with transition(complaint):
            complaint.write({"partner_id": other.id})
        self.assertFalse(self.person.chp_is_complainant)
        with self.assertRaises(AccessError):
            self.person.with_user(self.committee).read(["name"])
        self.assertFalse(Partner.search([("name", "ilike", "Quibble")]))
