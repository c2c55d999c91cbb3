import base64
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from ..tools.transition import creating
from .common import ChpJourneyCase

HEADER = (
    "reference,received,channel,customer_name,customer_email,service,contractor,"
    "entry_stage,stage1_closed,stage1_outcome,stage1_extended_to,escalated_on,"
    "stage2_acknowledged,stage2_closed,stage2_outcome,stage2_extended_to,"
    "signed_off_by,root_cause,spso_outcome"
)
GOOD_ROWS = [
    # closed at stage 1 within timescale (Wed 1 Oct 2025 -> deadline Wed 8 Oct)
    "OLD/1,2025-10-01 09:30,phone,Ann Bell,ann@example.com,Repairs,,1,2025-10-07,upheld,,,,,,,,,",
    # stage 1 extended, then escalated, acknowledged, signed off; went to the SPSO
    "OLD/2,2025-10-02,email,Bob Carr,,Repairs,,1,2025-10-15,not_upheld,2025-10-15,"
    "2025-10-20,2025-10-22,2025-11-14,partially_upheld,,chp_senior,,not_upheld",
    # direct stage 2, extended, still open
    ",2026-01-05,letter,,,Repairs,,2,,,,,2026-01-06,,,2026-03-31,,,",
    # received, nothing done yet; anonymous
    ",2026-02-02,web,,,,,1,,,,,,,,,,,",
]


@tagged("post_install", "-at_install")
class TestImport(ChpJourneyCase):
    """The history import: every row valid, or nothing imported."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env, login="chp_admin", groups="chp_complaints.group_chp_admin"
        )

    def run_import(self, rows, user=None, **vals):
        data = "\n".join([HEADER, *rows]).encode()
        wizard = (
            self.env["chp.complaint.import.wizard"]
            .with_user(user or self.admin)
            .create(dict({"file": base64.b64encode(data), "filename": "h.csv"}, **vals))
        )
        wizard.action_import()
        return wizard

    def complaints(self):
        return self.env["chp.complaint"].search([("subject", "=", "Imported complaint")])

    def test_valid_file_imports_history_with_clocks(self):
        wizard = self.run_import(GOOD_ROWS)
        self.assertEqual(wizard.state, "done", wizard.error_report)
        self.assertEqual(len(wizard.complaint_ids), 4)
        by_ref = {c.name: c for c in wizard.complaint_ids}
        first = by_ref["OLD/1"]
        self.assertEqual(first.state, "closed")
        self.assertEqual(first.stage1_working_days, 4)
        self.assertTrue(first.stage1_within_timescale)
        self.assertEqual(first.date_closed, date(2025, 10, 7))
        second = by_ref["OLD/2"]
        self.assertEqual(second.stage2_route, "escalated")
        self.assertTrue(second.stage1_extended)
        self.assertFalse(second.stage1_within_timescale)
        self.assertEqual(second.stage2_date_start, date(2025, 10, 20))
        self.assertEqual(second.stage2_working_days, 19)
        self.assertTrue(second.stage2_within_timescale)
        self.assertEqual(second.signoff_user_id, self.senior)
        self.assertEqual(second.spso_outcome, "not_upheld")
        self.assertTrue(second.spso_referred)
        direct = wizard.complaint_ids.filtered(lambda c: c.stage2_route == "direct")
        self.assertRegex(direct.name, r"^CMP/2026/\d{5}$")
        self.assertEqual(direct.state, "stage2")
        self.assertEqual(direct.stage2_ack_date, date(2026, 1, 6))
        self.assertEqual(direct.deadline, date(2026, 3, 31))
        waiting = wizard.complaint_ids.filtered(lambda c: c.state == "new")
        self.assertTrue(waiting.is_anonymous)
        self.assertFalse(waiting.activity_ids)

    def test_bad_rows_are_listed_and_nothing_is_imported(self):
        bad_rows = [
            "X1,2025-13-01,phone,,,Repairs,,1,,,,,,,,,,,",
            "X2,2025-10-01,pigeon,,,Repairs,,1,,,,,,,,,,,",
            "X3,2025-10-01,phone,,,Housing,,1,,,,,,,,,,,",
            "X4,2025-10-01,phone,,,Repairs,,3,,,,,,,,,,,",
            "X5,2025-10-01,phone,,,Repairs,,1,2025-09-30,upheld,,,,,,,,,",
            "X6,2025-10-01,phone,,,Repairs,,1,2025-10-02,upheld,2025-10-20,,,,,,,,",
            "X7,2025-10-01,phone,,,Repairs,,2,,,,,2025-10-02,2025-10-20,upheld,,nobody,,",
            "X8,2025-10-01,phone,,,Repairs,,2,,,,,2025-10-02,2025-10-20,upheld,,chp_staff,,",
            "X9,2025-10-01,phone,,,Repairs,,2,,,,,,2025-10-20,upheld,,chp_senior,,",
            "X10,2025-10-01,phone,,,Repairs,,1,,,,,,,,,,,upheld",
            "X11,2025-10-01,phone,,,Repairs,,1,2025-10-02,maybe,,,,,,,,,",
            "X1,2025-10-01,phone,,,Repairs,,1,,,,,,,,,,,",
        ]
        before = self.env["chp.complaint"].search_count([])
        wizard = self.run_import(GOOD_ROWS + bad_rows)
        self.assertEqual(wizard.state, "errors")
        self.assertEqual(self.env["chp.complaint"].search_count([]), before)
        report = wizard.error_report.splitlines()
        self.assertEqual(len(report), 12, wizard.error_report)
        expected = [
            (6, "not a date"),
            (7, "channel"),
            (8, "service “Housing” does not exist"),
            (9, "entry_stage"),
            (10, "before receipt"),
            (11, "at most 5 working days"),
            (12, "no user with login"),
            (13, "Only users with the role “Senior manager"),
            (14, "acknowledged on"),
            (15, "SPSO outcome needs a closed complaint"),
            (16, "stage1_outcome"),
            (17, "also on line 6"),
        ]
        for line_text, (line, reason) in zip(report, expected, strict=True):
            self.assertTrue(line_text.startswith(f"Line {line}:"), line_text)
            self.assertIn(reason, line_text)

    def test_existing_reference_is_refused(self):
        with creating(self.env, "chp.complaint"):
            self.make_complaint(name="OLD/1")
        wizard = self.run_import(GOOD_ROWS)
        self.assertEqual(wizard.state, "errors")
        self.assertIn("Line 2: reference OLD/1 already exists", wizard.error_report)
        self.assertFalse(self.complaints())

    def test_missing_names_created_only_when_asked(self):
        rows = ["N1,2025-10-01,phone,,,Housing / Gardens,Acme Roofing,1,,,,,,,,,,Delay,"]
        self.assertEqual(self.run_import(rows).state, "errors")
        wizard = self.run_import(rows, create_missing=True)
        self.assertEqual(wizard.state, "done", wizard.error_report)
        complaint = wizard.complaint_ids
        self.assertEqual(complaint.service_id.name, "Housing / Gardens")
        self.assertEqual(complaint.contractor_id.name, "Acme Roofing")
        self.assertEqual(complaint.root_cause_id.name, "Delay")

    def test_only_administrators_import(self):
        with self.assertRaises(UserError):
            self.run_import(GOOD_ROWS, user=self.senior)

    def test_unknown_columns_are_refused(self):
        data = base64.b64encode(b"received,colour\n2025-10-01,red\n")
        wizard = (
            self.env["chp.complaint.import.wizard"].with_user(self.admin).create({"file": data})
        )
        with self.assertRaisesRegex(UserError, "Unknown: colour"):
            wizard.action_import()
