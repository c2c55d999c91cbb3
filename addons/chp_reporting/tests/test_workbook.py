import base64
import csv
import io
from datetime import date, datetime

from openpyxl import load_workbook

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import P_FROM, P_TO, ChpReportingCase


@tagged("post_install", "-at_install")
class TestWorkbook(ChpReportingCase):
    """The SPSO export read back with openpyxl: sheets, typed cells and no
    personal data in the case rows."""

    def _export(self, user):
        wizard = (
            self.env["chp.spso.export.wizard"]
            .with_user(user)
            .create({"date_from": P_FROM, "date_to": P_TO})
        )
        wizard.action_export()
        return wizard

    def test_workbook_sheets_and_typed_cells(self):
        wizard = self._export(self.liaison)
        self.assertEqual(wizard.state, "done")
        book = load_workbook(io.BytesIO(base64.b64decode(wizard.workbook)))
        self.assertEqual(
            book.sheetnames,
            [
                "Cover",
                "1 Learning",
                "2 Experience",
                "3 Training",
                "4 Received",
                "5 Closed",
                "6 Outcomes",
                "7 Average times",
                "8 Within timescale",
                "9 Extensions",
                "Open at period end",
                "Breakdown",
                "Cases",
            ],
        )
        cover = book["Cover"]
        self.assertEqual(cover["B4"].value, datetime(2026, 7, 1))
        self.assertEqual(cover["B5"].value, datetime(2026, 9, 30))
        self.assertIn("Indicator 5", book["5 Closed"]["A1"].value)
        closed = book["5 Closed"]
        # Row 5 = stage 1: 4 closed, 66.7% - numbers, not text.
        self.assertEqual(
            (closed["A5"].value, closed["B5"].value, closed["C5"].value), ("Stage 1", 4, 66.7)
        )
        self.assertEqual(book["7 Average times"]["B5"].value, 6.3)
        cases = book["Cases"]
        header = [cell.value for cell in cases[1]]
        rows = [
            dict(zip(header, [cell.value for cell in row], strict=True))
            for row in cases.iter_rows(min_row=2)
        ]
        # Complaints with a stage closed in the quarter: c1 c2 c3 c4 c7 c9.
        self.assertEqual(
            sorted(row["Reference"] for row in rows),
            sorted(self.c[i].name for i in (1, 2, 3, 4, 7, 9)),
        )
        c3 = next(row for row in rows if row["Reference"] == self.c[3].name)
        self.assertEqual(c3["Date received"], datetime(2026, 6, 22))
        self.assertEqual(c3["Stage 2 closed"], datetime(2026, 8, 5))
        self.assertEqual(c3["Stage 2 working days"], 23)
        self.assertIs(c3["Escalated"], True)
        self.assertIs(c3["Stage 2 within timescale"], False)
        self.assertEqual(c3["Stage 2 outcome"], "Partially upheld")
        everything = " ".join(
            str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row
        )
        for personal in self.PERSONAL:
            self.assertNotIn(personal, everything)

    def test_case_csv(self):
        wizard = self._export(self.senior)
        text = base64.b64decode(wizard.case_csv).decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
        self.assertEqual(len(rows), 6)
        c1 = next(row for row in rows if row["Reference"] == self.c[1].name)
        self.assertEqual(c1["Stage 1 closed"], "2026-08-07")
        self.assertEqual(c1["Stage 1 working days"], "5")
        self.assertEqual(c1["Stage 1 within timescale"], "yes")
        for personal in self.PERSONAL:
            self.assertNotIn(personal, text)

    def test_exports_limited_to_liaison_senior_chief(self):
        self._export(self.chief)
        for user in (self.staff, self.committee, self.training_officer):
            with self.assertRaises(AccessError):
                self._export(user)

    def test_case_file(self):
        complaint = self.c[3]
        complaint.with_context(tracking_disable=False).message_post(
            body="Called the customer back."
        )
        self.env["ir.attachment"].create(
            {
                "name": "photo.txt",
                "raw": b"x",
                "res_model": "chp.complaint",
                "res_id": complaint.id,
            }
        )
        wizard = (
            self.env["chp.case.file.wizard"]
            .with_user(self.liaison)
            .with_context(active_model="chp.complaint", active_id=complaint.id)
            .create({})
        )
        self.assertEqual(wizard.complaint_id, complaint)
        action = wizard.action_export()
        self.assertIn("/web/content/", action["url"])
        book = load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))
        self.assertEqual(book.sheetnames, ["Record", "Stage history", "Messages", "Attachments"])
        record = {row[0].value: row[1].value for row in book["Record"].iter_rows(min_row=2)}
        self.assertEqual(record["Reference"], complaint.name)
        self.assertEqual(record["Stage 2 outcome"], "Partially upheld")
        self.assertEqual(
            record[complaint._fields["stage1_date_closed"].string], datetime(2026, 6, 26)
        )
        history = [
            [cell.value for cell in row] for row in book["Stage history"].iter_rows(min_row=2)
        ]
        self.assertIn(
            [datetime(2026, 7, 2), None, complaint._fields["stage2_date_start"].string, None, None],
            history,
        )
        messages = " ".join(str(cell.value) for row in book["Messages"].iter_rows() for cell in row)
        self.assertIn("Called the customer back.", messages)
        self.assertEqual(book["Attachments"]["A2"].value, "photo.txt")
        with self.assertRaises(AccessError):
            self.env["chp.case.file.wizard"].with_user(self.staff).create(
                {"complaint_id": complaint.id}
            ).action_export()

    def test_dates_are_real_dates(self):
        rows = self.env["chp.spso.indicator"].get_case_rows(P_FROM, P_TO, self.company)
        self.assertIsInstance(rows[0]["date_received"], date)
