"""The landlord's Annual Return on the Charter, complaints table (issue 23),
on a hand-made set of complaints of the reporting year 2025/26 (1 April
2025 to 31 March 2026), on a calendar of weekdays only. Every complaint goes
through the transition methods; the expected figures are worked out by hand:

ref  group  journey
a1   other  received Mon 24 Mar 2025 (before the year), S1 open on 1 April,
            closed Fri 4 Apr (9 wd)
a2   other  received Mon 2 Jun, S1 closed Mon 9 Jun (day 5: within)
a3   equal. received Mon 2 Jun, S1 closed Tue 10 Jun (day 6: late)
a4   other  received Mon 1 Sep, S1 extended to Mon 15 Sep, closed Thu 11 Sep
            (8 wd: within the extension)
a5   equal. direct S2 Mon 6 Oct, closed Mon 3 Nov (day 20: within)
a6   other  direct S2 Mon 6 Oct, closed Tue 4 Nov (day 21: late)
a7   other  received Mon 2 Mar 2026, S1 closed Mon 9 Mar (5 wd), escalated
            Mon 23 Mar, S2 still open when the year ends
a8   other  received Mon 3 Feb 2025, S1 closed 10 Feb, escalated Mon 17 Feb
            (S2 open on 1 April: carried forward), closed Fri 4 Apr (34 wd)
a9   equal. about a service of a subsidiary left out of the return
a10  other  itself left out of the return
a11  other  received Mon 30 Mar 2026, S1 still open
a12  equal. direct S2 Mon 6 Oct, extended to Mon 17 Nov, closed Wed 12 Nov
            (27 wd: within the extension)
"""

import csv
import io
from datetime import date, datetime

from freezegun import freeze_time

from odoo.addons.chp_complaints.tests.common import make_role_users
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from ..report.arc_csv import ARC_COLUMNS

D = date


@tagged("post_install", "-at_install")
class TestArcReturn(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.write({"chp_organisation_type": "landlord", "chp_require_breakdown": False})
        cls.company.chp_calendar_id = cls.env["resource.calendar"].create(
            {"name": "Weekdays", "tz": "Europe/London"}
        )
        make_role_users(
            cls,
            {
                "staff": ("arc_staff", "staff"),
                "senior": ("arc_senior", "senior_manager"),
                "liaison": ("arc_liaison", "spso_liaison"),
                "admin": ("arc_admin", "admin"),
            },
        )
        Service = cls.env["chp.service"]
        cls.repairs = Service.create({"name": "Repairs"})
        cls.subsidiary = Service.create({"name": "Factoring", "arc_excluded": True})
        cls.sub_service = Service.create({"name": "Common repairs", "parent_id": cls.subsidiary.id})
        with freeze_time("2026-06-01 12:00:00"):
            cls._make_complaints()
            cls.year = cls.env["chp.reporting.year"].create(
                {"date_start": D(2025, 4, 1), "date_end": D(2026, 3, 31)}
            )

    @classmethod
    def _complaint(cls, day, equalities=False, service=None, **vals):
        return cls.env["chp.complaint"].create(
            dict(
                {
                    "subject": f"Complaint of {day}",
                    "date_received": datetime.combine(day, datetime.min.time()).replace(hour=10),
                    "user_id": cls.staff.id,
                    "service_id": (service or cls.repairs).id,
                    "equalities": equalities,
                },
                **vals,
            )
        )

    @classmethod
    def _stage1(cls, complaint, closed=None, extend_to=None):
        complaint.action_start_stage1()
        if extend_to:
            complaint._apply_extension(extend_to, "Waiting for a report.", cls.senior)
        if closed:
            complaint.write({"stage1_outcome": "upheld", "stage1_action": "Answered."})
            complaint.action_close_stage1(closed)
        return complaint

    @classmethod
    def _stage2(cls, complaint, closed=None, escalate=None, extend_to=None):
        if escalate:
            complaint.action_escalate(escalate)
        else:
            complaint.action_start_stage2_direct()
        complaint.action_acknowledge(complaint.stage2_date_start)
        if extend_to:
            complaint._apply_extension(extend_to, "Waiting for a report.", cls.senior)
        if closed:
            complaint.write({"stage2_outcome": "not_upheld", "stage2_action": "Investigated."})
            complaint._signoff_close(cls.senior, date_closed=closed)
        return complaint

    @classmethod
    def _make_complaints(cls):
        a = {}
        a[1] = cls._stage1(cls._complaint(D(2025, 3, 24)), closed=D(2025, 4, 4))
        a[2] = cls._stage1(cls._complaint(D(2025, 6, 2)), closed=D(2025, 6, 9))
        a[3] = cls._stage1(cls._complaint(D(2025, 6, 2), True), closed=D(2025, 6, 10))
        a[4] = cls._stage1(
            cls._complaint(D(2025, 9, 1)), closed=D(2025, 9, 11), extend_to=D(2025, 9, 15)
        )
        a[5] = cls._stage2(cls._complaint(D(2025, 10, 6), True), closed=D(2025, 11, 3))
        a[6] = cls._stage2(cls._complaint(D(2025, 10, 6)), closed=D(2025, 11, 4))
        a[7] = cls._stage1(cls._complaint(D(2026, 3, 2)), closed=D(2026, 3, 9))
        cls._stage2(a[7], escalate=D(2026, 3, 23))
        a[8] = cls._stage1(cls._complaint(D(2025, 2, 3)), closed=D(2025, 2, 10))
        cls._stage2(a[8], escalate=D(2025, 2, 17), closed=D(2025, 4, 4))
        a[9] = cls._stage1(
            cls._complaint(D(2025, 6, 2), True, cls.sub_service), closed=D(2025, 6, 9)
        )
        a[10] = cls._stage1(cls._complaint(D(2025, 6, 2), arc_excluded=True), closed=D(2025, 6, 9))
        a[11] = cls._stage1(cls._complaint(D(2026, 3, 30)))
        a[12] = cls._stage2(
            cls._complaint(D(2025, 10, 6), True), closed=D(2025, 11, 12), extend_to=D(2025, 11, 17)
        )
        cls.a = a

    # rows[row] = (equalities stage 1, equalities stage 2, other stage 1, other stage 2)
    EXPECTED = {
        "carried_forward": (0, 0, 1, 1),
        "received": (1, 2, 4, 2),
        "responded": (1, 2, 4, 2),
        "within_timescale": (0, 1, 2, 0),
        "within_extension": (0, 1, 1, 0),
        "working_days": (6, 47, 27, 55),
    }

    def test_the_clocks_are_as_the_docstring_says(self):
        a = self.a
        self.assertEqual([a[n].stage1_working_days for n in (1, 2, 3, 4, 7)], [9, 5, 6, 8, 5])
        self.assertEqual([a[n].stage2_working_days for n in (5, 6, 8, 12)], [20, 21, 34, 27])
        self.assertTrue(self.sub_service.arc_left_out)

    def test_the_engine_counts_every_row(self):
        figures = (
            self.env["chp.arc.return"]
            .with_user(self.liaison)
            .compute(D(2025, 4, 1), D(2026, 3, 31), self.company)
        )
        rows = figures["rows"]
        for key, (eq1, eq2, other1, other2) in self.EXPECTED.items():
            self.assertEqual(
                (
                    rows[key]["equalities"]["stage1"],
                    rows[key]["equalities"]["stage2"],
                    rows[key]["other"]["stage1"],
                    rows[key]["other"]["stage2"],
                ),
                (eq1, eq2, other1, other2),
                key,
            )
            self.assertEqual(rows[key]["all"]["stage1"], eq1 + other1, key)
            self.assertEqual(rows[key]["all"]["stage2"], eq2 + other2, key)
        indicators = figures["indicators"]
        self.assertEqual(
            indicators["indicator_3"],
            {
                "equalities": {"stage1": 100.0, "stage2": 100.0},
                "other": {"stage1": 80.0, "stage2": 66.7},
                "all": {"stage1": 83.3, "stage2": 80.0},
            },
        )
        self.assertEqual(
            indicators["indicator_4"],
            {
                "equalities": {"stage1": 6.0, "stage2": 23.5},
                "other": {"stage1": 6.8, "stage2": 27.5},
                "all": {"stage1": 6.6, "stage2": 25.5},
            },
        )
        self.assertFalse(figures["provisional"])

    def test_the_csv_is_the_table_with_the_years_labels(self):
        label = self.year.arc_label_ids.filtered(lambda row: row.key == "received")
        self.year.with_user(self.admin).write(
            {"arc_label_ids": [(1, label.id, {"number": "C2", "name": "Complaints received"})]}
        )
        action = self.year.with_user(self.liaison).action_chp_arc_csv()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        lines = list(csv.reader(io.StringIO(attachment.raw.decode("utf-8-sig"))))
        self.assertEqual(lines[1][1], "1 April 2025 to 31 March 2026")
        by_number = {line[0]: line for line in lines[4:]}
        self.assertEqual(by_number["C2"][1], "Complaints received")
        self.assertEqual(by_number["C2"][2:6], ["1", "2", "4", "2"])
        self.assertEqual(by_number["5"][2:6], ["6", "47", "27", "55"])
        self.assertEqual(
            by_number["Indicator 3"][2:], ["100.0", "100.0", "80.0", "66.7", "83.3", "80.0"]
        )
        self.assertEqual(
            by_number["Indicator 4"][2:], ["6.0", "23.5", "6.8", "27.5", "6.6", "25.5"]
        )
        self.assertEqual(len(lines[3]), 2 + len(ARC_COLUMNS))
        # Downloading again replaces the year's file rather than adding one.
        again = self.year.with_user(self.liaison).action_chp_arc_csv()
        self.assertEqual(again["url"], action["url"])

    def test_the_screen_shows_the_table(self):
        html = str(self.year.with_user(self.senior).arc_html)
        self.assertIn("Equalities issues", html)
        self.assertIn("66.7%", html)
        self.assertNotIn("provisional", html)

    def test_a_year_not_ended_is_provisional(self):
        with freeze_time("2026-06-01 12:00:00"):
            year = self.env["chp.reporting.year"].create(
                {"date_start": D(2026, 4, 1), "date_end": D(2027, 3, 31)}
            )
            figures = self.env["chp.arc.return"].compute(
                year.date_start, year.date_end, self.company
            )
            self.assertTrue(figures["provisional"])
            self.assertEqual(figures["computed_on"], "2026-06-01")
            self.assertIn("provisional: the year has not ended", str(year.arc_html))
            self.assertEqual(year.name, "2026/27")
        # The new year takes the labels of the year before.
        self.assertEqual(
            year.arc_label_ids.mapped("number"), self.year.arc_label_ids.mapped("number")
        )

    def test_a_label_set_missing_a_row_is_refused(self):
        label = self.year.arc_label_ids[0]
        with self.assertRaisesRegex(UserError, "needs every row"):
            self.year.with_user(self.admin).write({"arc_label_ids": [(2, label.id)]})
        with self.assertRaisesRegex(ValidationError, "needs each of its 8 rows"):
            self.env["chp.reporting.year"].create(
                {
                    "date_start": D(2024, 4, 1),
                    "date_end": D(2025, 3, 31),
                    "arc_label_ids": [(0, 0, {"key": "received", "name": "Received"})],
                }
            )

    def test_only_the_administrator_edits_a_year_and_staff_see_none(self):
        with self.assertRaises(AccessError):
            self.year.with_user(self.liaison).write({"denominator_value": 10})
        with self.assertRaises(AccessError):
            self.env["chp.reporting.year"].with_user(self.staff).search([])
        with self.assertRaises(AccessError):
            self.env["chp.arc.return"].with_user(self.staff).compute(
                D(2025, 4, 1), D(2026, 3, 31), self.company
            )

    def test_a_public_body_has_no_landlords_return(self):
        self.company.chp_organisation_type = "council"
        self.assertFalse(self.year.arc_html)
        with self.assertRaisesRegex(UserError, "social landlord's return"):
            self.year.with_user(self.liaison).action_chp_arc_csv()

    def test_overlapping_years_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "overlaps"):
            self.env["chp.reporting.year"].create(
                {"date_start": D(2025, 10, 1), "date_end": D(2026, 9, 30)}
            )
