import base64
from datetime import date
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models import chp_complaint_import
from ..tools.transition import creating
from .common import ChpJourneyCase, role_user

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
        cls.admin = role_user(cls.env, "chp_admin", "admin")

    def run_import(self, rows, user=None, header=HEADER, write=True, **vals):
        """Validate the file with the wizard, then (``write``) write the
        queued import completely, chunk after chunk, as the cron would."""
        data = "\n".join([header, *rows]).encode()
        wizard = (
            self.env["chp.complaint.import.wizard"]
            .with_user(user or self.admin)
            .create(dict({"file": base64.b64encode(data), "filename": "h.csv"}, **vals))
        )
        wizard.action_import()
        if write and wizard.import_id:
            self.write_all(wizard.import_id)
        return wizard

    def write_all(self, imported):
        imported = imported.sudo()
        for _chunk in range(len(imported.chunk_ids) + 1):
            if imported.state in ("done", "failed"):
                break
            imported._chp_write_next_chunk()
        self.assertEqual(imported.state, "done", imported.error)

    def imported(self, wizard):
        return self.env["chp.complaint"].browse(
            [cid for chunk in wizard.import_id.sudo().chunk_ids for cid in chunk.complaint_ids]
        )

    def complaints(self):
        return self.env["chp.complaint"].search([("subject", "=", "Imported complaint")])

    def test_valid_file_imports_history_with_clocks(self):
        wizard = self.run_import(GOOD_ROWS)
        self.assertEqual(wizard.state, "queued", wizard.error_report)
        complaints = self.imported(wizard)
        self.assertEqual(len(complaints), 4)
        by_ref = {c.name: c for c in complaints}
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
        self.assertEqual(second.stage1_extension_user_id, self.admin)
        direct = complaints.filtered(lambda c: c.stage2_route == "direct")
        self.assertRegex(direct.name, r"^CMP/2026/\d{5}$")
        self.assertEqual(direct.state, "stage2")
        self.assertEqual(direct.stage2_ack_date, date(2026, 1, 6))
        self.assertEqual(direct.deadline, date(2026, 3, 31))
        waiting = complaints.filtered(lambda c: c.state == "new")
        self.assertTrue(waiting.is_anonymous)
        self.assertFalse(waiting.activity_ids)

    def test_stored_clocks_are_what_the_orm_computes(self):
        """The batched write stores, for every computed field, what the ORM
        computes for the complaint alone: stage 1 closed, escalated and
        extended, direct stage 2 extended, escalated still open, nothing done."""
        escalated_open = (
            "OLD/5,2025-11-03 16:45,phone,Cy Dee,,Repairs,,1,2025-11-04,resolved,,"
            "2025-11-05,2025-11-06,,,,,,"
        )
        wizard = self.run_import([*GOOD_ROWS, escalated_open])
        complaints = self.imported(wizard)
        self.assertEqual(
            sorted(complaints.mapped("state")), ["closed", "closed", "new", "stage2", "stage2"]
        )
        fnames = [
            name for name, field in complaints._fields.items() if field.store and field.compute
        ]
        self.assertIn("stage2_working_days", fnames)
        self.env.invalidate_all()
        stored = {c.id: c.read(fnames)[0] for c in complaints}
        for complaint in complaints:
            for fname in fnames:
                self.env.add_to_compute(complaints._fields[fname], complaint)
            complaint.flush_recordset(fnames)
        self.env.invalidate_all()
        for complaint in complaints:
            self.assertEqual(complaint.read(fnames)[0], stored[complaint.id], complaint.name)
        self.assertTrue(complaints.filtered(lambda c: c.name == "OLD/5").stage2_ack_deadline)

    def test_a_batch_keeps_the_company_check_of_every_complaint(self):
        """Complaints of one batch are checked per distinct company and links:
        one complaint naming another company's service refuses the batch."""
        other = self.env["res.company"].create({"name": "Other council"})
        foreign = self.env["chp.service"].create({"name": "Parks", "company_id": other.id})
        vals = {"subject": "Batch", "service_id": self.service.id, "channel": "phone"}
        with self.assertRaises(UserError), creating(self.env, "chp.complaint"):
            self.env["chp.complaint"].create(
                [vals, dict(vals), dict(vals, service_id=foreign.id), dict(vals)]
            )
        created = self.env["chp.complaint"].create([vals, dict(vals, subject="Batch 2")])
        self.assertEqual(created.mapped("service_id"), self.service)
        self.assertEqual([c.state for c in created], ["new", "new"])
        self.assertEqual(len(set(created.mapped("name"))), 2)

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
            "X12,2031-02-03,phone,,,Repairs,,1,,,,,,,,,,,",
            "X13,2025-10-01,phone,,,Repairs,,1,2031-02-03,upheld,,,,,,,,,",
        ]
        before = self.env["chp.complaint"].search_count([])
        wizard = self.run_import(GOOD_ROWS + bad_rows)
        self.assertEqual(wizard.state, "errors")
        self.assertEqual(self.env["chp.complaint"].search_count([]), before)
        report = wizard.error_report.splitlines()
        self.assertEqual(len(report), 14, wizard.error_report)
        self.assertFalse(wizard.import_id)
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
            (18, "received 2031-02-03 is in the future"),
            (19, "stage1_closed 2031-02-03 is in the future"),
        ]
        for line_text, (line, reason) in zip(report, expected, strict=True):
            self.assertTrue(line_text.startswith(f"Line {line}:"), line_text)
            self.assertIn(reason, line_text)

    def test_equalities_child_and_return_columns(self):
        """The sector columns (issue 23): yes/no and the child's involvement,
        by key or label; empty means no and "none"."""
        header = HEADER + ",equalities,child,arc_excluded"
        rows = [
            "E1,2025-10-01,phone,,,Repairs,,1,,,,,,,,,,,,yes,child,no",
            "E2,2025-10-01,phone,,,Repairs,,1,,,,,,,,,,,,No,About matters that affect a child,",
            "E3,2025-10-01,phone,,,Repairs,,1,,,,,,,,,,,,,,YES",
        ]
        wizard = self.run_import(rows, header=header)
        self.assertEqual(wizard.state, "queued", wizard.error_report)
        by_ref = {c.name: c for c in self.imported(wizard)}
        self.assertEqual(
            [
                (by_ref[ref].equalities, by_ref[ref].child_involvement, by_ref[ref].arc_excluded)
                for ref in ("E1", "E2", "E3")
            ],
            [(True, "child", False), (False, "affects_child", False), (False, "none", True)],
        )

    def test_bad_sector_values_are_row_errors(self):
        header = HEADER + ",equalities,child,arc_excluded"
        rows = [
            "F1,2025-10-01,phone,,,Repairs,,1,,,,,,,,,,,,maybe,,",
            "F2,2025-10-01,phone,,,Repairs,,1,,,,,,,,,,,,,teenager,",
            "F3,2025-10-01,phone,,,Repairs,,1,,,,,,,,,,,,,,perhaps",
        ]
        wizard = self.run_import(rows, header=header)
        self.assertEqual(wizard.state, "errors")
        report = wizard.error_report.splitlines()
        self.assertEqual(len(report), 3, wizard.error_report)
        self.assertIn("Line 2: equalities “maybe” must be yes or no", report[0])
        self.assertIn("Line 3: child “teenager” is not one of none, child, on_behalf", report[1])
        self.assertIn("Line 4: arc_excluded “perhaps” must be yes or no", report[2])
        self.assertFalse(self.complaints())

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
        self.assertEqual(wizard.state, "queued", wizard.error_report)
        complaint = self.imported(wizard)
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

    def wizard_for(self, data):
        return (
            self.env["chp.complaint.import.wizard"]
            .with_user(self.admin)
            .create({"file": base64.b64encode(data) if data else False})
        )

    def test_bad_headers_and_missing_file_are_file_errors(self):
        cases = [
            (b"received,entry_stage,received\n2025-10-01,1,2025-10-02\n", "repeats “received”"),
            (b"received,,entry_stage\n2025-10-01,x,1\n", "column 2 has no name"),
            (b"\n", "The file is empty"),
            (b"received\n2025-10-01\n", "Missing: entry_stage"),
            (None, "Choose the CSV file"),
            (b"\xff\xfe\x00", "not UTF-8"),
        ]
        for data, message in cases:
            with self.subTest(message=message), self.assertRaisesRegex(UserError, message):
                self.wizard_for(data).action_import()
        self.assertFalse(self.env["chp.complaint.import"].sudo().search([]))

    def test_row_longer_than_the_header_is_an_error(self):
        wizard = self.run_import([GOOD_ROWS[0] + ",surplus"])
        self.assertEqual(wizard.state, "errors")
        self.assertIn("Line 2: the row has more values", wizard.error_report)

    def next_number(self, day="2024-05-01"):
        name = self.env["chp.complaint"]._chp_next_references(
            [(self.env.company, date.fromisoformat(day))]
        )[0]
        return int(name.rsplit("/", 1)[1])

    def test_a_refused_file_draws_no_reference(self):
        """References are drawn after every row validated: a refused file
        leaves no gap in the year's numbering, a valid one draws exactly one
        number per row without a reference."""
        before = self.next_number()
        rows = [",2024-05-02,phone,,,Repairs,,1,,,,,,,,,,,"] * 5 + [
            ",2024-05-02,pigeon,,,Repairs,,1,,,,,,,,,,,"
        ]
        self.assertEqual(self.run_import(rows).state, "errors")
        self.assertEqual(self.next_number(), before + 1)
        wizard = self.run_import(rows[:5])
        numbers = sorted(int(c.name.rsplit("/", 1)[1]) for c in self.imported(wizard))
        self.assertEqual(numbers, list(range(before + 2, before + 7)))
        self.assertEqual(self.next_number(), before + 7)

    def many_rows(self, count, year=2024):
        return [
            f"H/{year}/{i:05d},{year}-0{1 + i % 9}-1{i % 10},phone,Customer {i},,Repairs,,1,"
            f"{year}-0{1 + i % 9}-2{i % 8},upheld,,,,,,,,,"
            for i in range(count)
        ]

    def test_a_bad_row_among_a_thousand_writes_nothing(self):
        rows = self.many_rows(1000)
        rows[637] = rows[637].replace(",phone,", ",pigeon,")
        before = self.env["chp.complaint"].search_count([])
        wizard = self.run_import(rows)
        self.assertEqual(wizard.state, "errors")
        self.assertEqual(
            wizard.error_report.splitlines(),
            [
                "Line 639: channel “pigeon” is not one of in_person, phone, email, letter, web, "
                "social_media, other."
            ],
        )
        self.assertEqual(self.env["chp.complaint"].search_count([]), before)
        self.assertFalse(self.env["chp.complaint.import"].sudo().search([]))

    def test_an_interrupted_write_resumes_without_duplicates(self):
        with patch.object(chp_complaint_import, "CHUNK_SIZE", 400):
            wizard = self.run_import(self.many_rows(1000), write=False)
        imported = wizard.import_id.sudo()
        self.assertEqual((imported.state, imported.row_count), ("queued", 1000))
        self.assertEqual(len(imported.chunk_ids), 3)
        imported._chp_write_next_chunk()
        imported._chp_write_next_chunk()
        self.assertEqual((imported.state, imported.done_count), ("writing", 800))
        self.assertEqual(imported.progress, 80)
        # The worker died after creating the second chunk's complaints but
        # before its progress was saved: the chunk is written again.
        imported.chunk_ids[1].done = False
        imported.done_count = 400
        self.write_all(imported)
        names = self.env["chp.complaint"].search([("name", "=like", "H/2024/%")]).mapped("name")
        self.assertEqual(len(names), 1000)
        self.assertEqual(len(set(names)), 1000)
        self.assertEqual(imported.done_count, 1000)

    def test_the_scheduled_action_writes_the_import_and_tells_the_user(self):
        cron = self.env.ref("chp_complaints.ir_cron_chp_complaint_import")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        with patch.object(chp_complaint_import, "CHUNK_SIZE", 2):
            wizard = self.run_import(GOOD_ROWS + self.many_rows(3), write=False)
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), len(triggers)
        )
        progress = []
        for _run in range(10):
            job, report = cron._add_progress()
            job._callback(cron.cron_name, cron.ir_actions_server_id.id)
            progress.append((report.done, report.remaining))
            if not report.remaining:
                break
        self.assertEqual(progress, [(2, 5), (2, 3), (2, 1), (1, 0)])
        imported = wizard.import_id
        self.assertEqual((imported.state, imported.done_count), ("done", 7))
        self.assertEqual(len(self.imported(wizard)), 7)
        message = imported.message_ids.filtered(lambda m: self.admin.partner_id in m.partner_ids)
        self.assertIn("7 complaints of h.csv are imported", message.body)

    def test_another_administrator_cannot_read_the_import(self):
        wizard = self.run_import(GOOD_ROWS, write=False)
        other = role_user(self.env, "chp_admin2", "admin")
        self.assertFalse(self.env["chp.complaint.import"].with_user(other).search([]))
        self.assertTrue(self.env["chp.complaint.import"].with_user(self.admin).search([]))
        self.assertEqual(wizard.import_id.with_user(self.admin).row_count, 4)
