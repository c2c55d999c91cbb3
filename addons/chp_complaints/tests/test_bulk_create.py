from datetime import date

from odoo.tests import tagged

from .common import ChpJourneyCase

ACTIVITY_STAGE1 = "chp_complaints.mail_activity_type_chp_stage1"


@tagged("post_install", "-at_install")
class TestBulkCreate(ChpJourneyCase):
    """Creating many complaints in one call (imports, bulk creation) gives
    each one what a complaint created alone gets: its own reference in the
    year of receipt, its clocks and one deadline activity for its handler."""

    def vals(self, received, user=None, **extra):
        return dict(
            {
                "subject": "Repair not done",
                "date_received": received,
                "user_id": (user or self.staff).id,
                "service_id": self.service.id,
            },
            **extra,
        )

    def test_references_in_order_and_in_the_year_of_receipt(self):
        complaints = self.env["chp.complaint"].create(
            [
                self.vals("2026-11-25 10:00:00"),
                self.vals("2025-03-02 10:00:00"),
                self.vals("2026-11-26 10:00:00"),
                self.vals("2025-03-03 10:00:00"),
            ]
        )
        names = complaints.mapped("name")
        self.assertEqual([n[:9] for n in names], ["CMP/2026/", "CMP/2025/"] * 2)
        numbers = [int(n[9:]) for n in names]
        self.assertEqual(numbers[2], numbers[0] + 1)
        self.assertEqual(numbers[3], numbers[1] + 1)
        single = self.env["chp.complaint"].create(self.vals("2026-11-27 10:00:00"))
        self.assertEqual(single.name, f"CMP/2026/{numbers[2] + 1:05d}")

    def test_each_complaint_gets_its_clocks_and_one_activity(self):
        complaints = self.env["chp.complaint"].create(
            [
                self.vals("2026-11-25 10:00:00"),
                self.vals("2026-11-25 11:00:00", user=self.senior),
                self.vals("2026-11-26 10:00:00", user=self.senior),
            ]
        )
        self.assertEqual(complaints.mapped("state"), ["new"] * 3)
        self.assertEqual(
            complaints.mapped("stage1_deadline"),
            [date(2026, 12, 3), date(2026, 12, 3), date(2026, 12, 4)],
        )
        for complaint in complaints:
            activity = complaint.activity_search([ACTIVITY_STAGE1])
            self.assertEqual(len(activity), 1)
            self.assertEqual(activity.user_id, complaint.user_id)
            self.assertEqual(activity.date_deadline, complaint.stage1_deadline)
        # Scheduling again (as the journey does) keeps the existing ones.
        (complaints + complaints)._chp_schedule_clock_activities()
        self.assertEqual(len(complaints.activity_ids), 3)

    def test_handler_emailed_unless_the_caller_says_not_to_notify(self):
        Message = self.env["mail.message"]
        domain = [
            ("partner_ids", "in", self.staff.partner_id.ids),
            ("subject", "ilike", "assigned to you"),
        ]
        before = Message.search_count(domain)
        self.env["chp.complaint"].create([self.vals("2026-11-25 10:00:00")])
        after = Message.search_count(domain)
        self.assertEqual(after, before + 1, "the handler is told of the new activity")
        self.env["chp.complaint"].with_context(mail_auto_subscribe_no_notify=True).create(
            [self.vals("2026-11-25 10:00:00")]
        )
        self.assertEqual(Message.search_count(domain), after)
