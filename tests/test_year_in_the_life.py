"""A year in the life of the complaints procedure, across the three addons.

History imported, complaints worked through every step by the users whose
role it is, an improvement action raised, authorised, done and confirmed,
the quarterly and annual reports built, then every complaint's personal data
removed by the retention run: every figure of the year stays the same."""

import base64
import json
from datetime import date

from freezegun import freeze_time

from odoo.tests import TransactionCase, new_test_user, tagged

HEADER = (
    "reference,received,channel,customer_name,customer_email,service,contractor,"
    "entry_stage,stage1_closed,stage1_outcome,stage1_extended_to,escalated_on,"
    "stage2_acknowledged,stage2_closed,stage2_outcome,stage2_extended_to,"
    "signed_off_by,root_cause,spso_outcome"
)
HISTORY = [
    # Wed 2 April 2025, closed Mon 7 April at stage 1: 3 working days, upheld
    "H/1,2025-04-02 10:00,phone,Ann Bell,ann@example.com,Repairs,,1,2025-04-07,upheld,"
    ",,,,,,,Delay,",
    # Tue 8 April, closed at stage 1 on 10 April, escalated 14 April,
    # acknowledged 15 April, signed off 9 May (18 working days: Easter)
    "H/2,2025-04-08 10:00,email,Bob Carr,bob@example.com,Repairs,,1,2025-04-10,not_upheld,"
    ",2025-04-14,2025-04-15,2025-05-09,partially_upheld,,yil_senior,Delay,",
]
YEAR = (date(2025, 4, 1), date(2026, 3, 31))


@tagged("post_install", "-at_install")
class TestYearInTheLife(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        calendar = env["resource.calendar"].create(
            {"name": "Complaints (Scotland)", "tz": "Europe/London"}
        )
        for year in (2025, 2026):
            calendar.chp_load_scottish_holidays(year)
        env.company.chp_calendar_id = calendar

        def user(login, group):
            return new_test_user(env, login=login, groups=f"chp_complaints.group_chp_{group}")

        cls.admin = user("yil_admin", "admin")
        cls.staff = user("yil_staff", "staff")
        cls.investigator = user("yil_investigator", "investigator")
        cls.senior = user("yil_senior", "senior_manager")
        cls.senior2 = user("yil_senior2", "senior_manager")
        cls.repairs = env["chp.service"].create({"name": "Repairs"})
        cls.delay = env["chp.root.cause"].create({"name": "Delay"})

    def as_user(self, user, records):
        return records.with_user(user)

    def new_complaint(self, subject, **vals):
        return (
            self.env["chp.complaint"]
            .with_user(self.staff)
            .create(
                dict(
                    {
                        "subject": subject,
                        "user_id": self.staff.id,
                        "service_id": self.repairs.id,
                        "root_cause_id": self.delay.id,
                        "customer_name": f"Customer of {subject}",
                        "customer_email": "customer@example.org",
                    },
                    **vals,
                )
            )
        )

    def import_history(self):
        data = "\n".join([HEADER, *HISTORY]).encode()
        wizard = (
            self.env["chp.complaint.import.wizard"]
            .with_user(self.admin)
            .create({"file": base64.b64encode(data), "filename": "history.csv"})
        )
        wizard.action_import()
        self.assertEqual(wizard.state, "queued", wizard.error_report)
        imported = wizard.import_id.sudo()
        while imported.state not in ("done", "failed"):
            imported._chp_write_next_chunk()
        self.assertEqual(imported.state, "done", imported.error)

    def work_the_year(self):
        with freeze_time("2025-06-02 09:00:00"):
            self.import_history()
        with freeze_time("2025-07-01 10:00:00"):
            quick = self.new_complaint("Bins missed")
            slow = self.new_complaint("Repair not done")
            quick.action_start_stage1()
            slow.action_start_stage1()
        with freeze_time("2025-07-04 10:00:00"):
            quick.write({"stage1_outcome": "upheld", "stage1_action": "Bins collected"})
            quick.action_close_stage1()
        with freeze_time("2025-07-07 10:00:00"):
            self.as_user(self.senior, slow)._chp_extend_by(
                2, "Waiting for the contractor", self.senior, date(2025, 7, 7)
            )
        with freeze_time("2025-07-10 10:00:00"):
            slow.write({"stage1_outcome": "not_upheld", "stage1_action": "Explained the delay"})
            slow.action_escalate()
        self.as_user(self.senior, slow).write({"investigator_id": self.investigator.id})
        with freeze_time("2025-07-11 10:00:00"):
            as_investigator = self.as_user(self.investigator, slow)
            as_investigator.action_acknowledge()
            as_investigator.write({"stage2_outcome": "upheld", "stage2_action": "Repaired"})
            as_investigator.action_request_signoff()
        with freeze_time("2025-08-01 10:00:00"):
            self.as_user(self.senior, slow).action_signoff_close()
        with freeze_time("2025-10-06 10:00:00"):
            direct = self.new_complaint("Flooded flat", investigator_id=self.investigator.id)
            direct.action_start_stage2_direct()
            self.as_user(self.investigator, direct).action_acknowledge()
        with freeze_time("2025-11-03 10:00:00"):
            self.as_user(self.investigator, direct).write(
                {"stage2_outcome": "resolved", "stage2_action": "Dried out, rehoused"}
            )
            self.as_user(self.senior2, direct).action_signoff_close()
        with freeze_time("2026-01-12 10:00:00"):
            self.new_complaint("Still open at the year end")
        with freeze_time("2025-08-04 10:00:00"):
            Action = self.env["chp.improvement.action"]
            action = Action.with_user(self.staff).create(
                {
                    "name": "Book repairs with the contractor's supervisor",
                    "source": "complaint",
                    "complaint_ids": [(6, 0, slow.ids)],
                    "service_id": self.repairs.id,
                    "root_cause_id": self.delay.id,
                    "owner_user_id": self.staff.id,
                    "target_date": "2025-09-30",
                }
            )
            self.as_user(self.senior, action).action_authorise()
            self.as_user(self.staff, action).action_start()
        with freeze_time("2025-09-15 10:00:00"):
            self.as_user(self.staff, action).write({"evidence": "<p>New booking rule</p>"})
            self.as_user(self.staff, action).action_done()
            self.as_user(self.senior, action).action_confirm()
        return action

    def test_a_year_then_retention_changes_no_figure(self):
        self.work_the_year()
        Indicator = self.env["chp.spso.indicator"]
        with freeze_time("2026-04-20 09:00:00"):
            figures = Indicator.compute(*YEAR, self.env.company)
            annual = self.env["chp.report"]._build_report(self.env.company, "annual", *YEAR)
        self.assertEqual(figures["received"], {"total": 6, "stage1": 5, "stage2_direct": 1})
        # Escalated complaints count as closed at stage 1 too.
        self.assertEqual(
            figures["closed"],
            {"stage1": 4, "stage2_direct": 1, "stage2_escalated": 2, "total": 7},
        )
        self.assertEqual(
            figures["extensions"], {"stage1": 1, "stage2_direct": 0, "stage2_escalated": 0}
        )
        before = json.dumps(figures, sort_keys=True, default=str)
        frozen = json.dumps(annual.figures, sort_keys=True, default=str)
        complaints = self.env["chp.complaint"].search([])
        self.assertTrue(any(complaints.mapped("customer_name")))
        with freeze_time("2032-06-01 09:00:00"):
            self.env["chp.retention.log"]._cron_apply_retention()
        closed_complaints = complaints.filtered(lambda c: c.state == "closed")
        self.assertTrue(all(closed_complaints.mapped("anonymised")))
        self.assertFalse(any(closed_complaints.mapped("customer_name")))
        with freeze_time("2026-04-20 09:00:00"):
            after = Indicator.compute(*YEAR, self.env.company)
        self.assertEqual(json.dumps(after, sort_keys=True, default=str), before)
        self.assertEqual(json.dumps(annual.figures, sort_keys=True, default=str), frozen)
