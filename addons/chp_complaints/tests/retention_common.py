import base64
from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user

from .common import ChpJourneyCase


class ChpRetentionCase(ChpJourneyCase):
    """Closed complaints built through the real transitions, a customer
    contact and a complaints administrator."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env, login="chp_retention_admin", groups="chp_complaints.group_chp_admin"
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Morag Customer", "email": "morag@example.org", "phone": "0131 000 0000"}
        )
        cls.root_cause = cls.env["chp.root.cause"].create({"name": "Missed appointment"})
        cls.contractor = cls.env["res.partner"].create({"name": "Fixit Ltd", "is_company": True})
        cls.company.write({"chp_retention_years": 6, "chp_retention_action": "anonymise"})

    def _new(self, received, **vals):
        return self.env["chp.complaint"].create(
            dict(
                {
                    "subject": "Morag's boiler not repaired",
                    "description": "<p>Morag Customer of 1 High Street says ...</p>",
                    "date_received": received,
                    "user_id": self.staff.id,
                    "service_id": self.service.id,
                    "root_cause_id": self.root_cause.id,
                    "contractor_id": self.contractor.id,
                    "partner_id": self.customer.id,
                    "customer_name": "Morag Customer",
                    "customer_email": "morag@example.org",
                    "customer_phone": "0131 000 0000",
                    "customer_address": "1 High Street, Edinburgh",
                    "remedial_action": "Call Morag before each visit",
                },
                **vals,
            )
        )

    def closed_stage1(self, received="2022-03-07 10:00:00", closed="2022-03-11", **vals):
        complaint = self._new(received, **vals)
        complaint.write(
            {
                "stage1_outcome": "upheld",
                "stage1_action": "Apologised to Morag, repair booked",
            }
        )
        complaint.action_close_stage1(closed)
        return complaint

    def _close_stage2(self, complaint, ack, closed):
        complaint.action_acknowledge(ack)
        complaint.write(
            {
                "stage2_outcome": "partially_upheld",
                "stage2_action": "Investigated Morag's account",
            }
        )
        complaint._signoff_close(self.senior2, date_closed=fields.Date.to_date(closed))
        return complaint

    def closed_direct(self, received="2022-03-07 10:00:00", closed="2022-03-25", **vals):
        complaint = self._new(received, investigator_id=self.senior.id, **vals)
        complaint.action_start_stage2_direct()
        ack = complaint.date_received_day + timedelta(days=1)
        return self._close_stage2(complaint, ack, closed)

    def closed_escalated(
        self, received="2022-03-07 10:00:00", escalated="2022-03-10", closed="2022-04-01", **vals
    ):
        complaint = self._new(received, investigator_id=self.senior.id, **vals)
        complaint.write({"stage1_outcome": "not_upheld", "stage1_action": "Explained policy"})
        escalated = fields.Date.to_date(escalated)
        complaint.action_escalate(date_start=escalated)
        return self._close_stage2(complaint, escalated + timedelta(days=1), closed)

    def refer_to_spso(self, complaint, referred, outcome=None, decided=None):
        """The liaison officer's steps: the referral, then the decision."""
        complaint._chp_refer_spso(referred, "SPSO-TEST", "The customer went to the SPSO")
        if outcome:
            complaint.write({"spso_outcome": outcome, "spso_decision_date": decided})
        return complaint

    def add_chatter(self, complaint):
        """A customer email with an attachment, a note, and a file attached
        to the record itself."""
        attachment = self.env["ir.attachment"].create(
            {
                "name": "photo.txt",
                "raw": b"Morag's kitchen",
                "res_model": "chp.complaint",
                "res_id": complaint.id,
            }
        )
        complaint.message_post(
            body="Dear council, I am Morag and my boiler is broken.",
            subject="My boiler",
            author_id=self.customer.id,
            email_from="morag@example.org",
            message_type="email",
            attachment_ids=[attachment.id],
        )
        complaint.message_post(body="Called Morag on 0131 000 0000.", subtype_xmlid="mail.mt_note")
        self.env["ir.attachment"].create(
            {
                "name": "letter.txt",
                "datas": base64.b64encode(b"Letter to Morag"),
                "res_model": "chp.complaint",
                "res_id": complaint.id,
            }
        )
        return complaint

    def messages(self, complaint):
        return self.env["mail.message"].search(
            [("model", "=", "chp.complaint"), ("res_id", "=", complaint.id)]
        )

    def attachments(self, complaint):
        return self.env["ir.attachment"].search(
            [("res_model", "=", "chp.complaint"), ("res_id", "=", complaint.id)]
        )
