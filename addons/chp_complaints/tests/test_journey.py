from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..tools.transition import transition
from .common import ChpJourneyCase

ACTIVITY_STAGE1 = "chp_complaints.mail_activity_type_chp_stage1"


@tagged("post_install", "-at_install")
class TestJourney(ChpJourneyCase):
    """Every transition and every refusal, as the users who would do them.
    Received Wednesday 25 November 2026: stage 1 deadline Thursday 3 December
    (Monday 30 November is St Andrew's Day)."""

    def close_stage1(self, complaint, stage1_date_closed=None, **vals):
        complaint.write(dict({"stage1_outcome": "upheld", "stage1_action": "Fixed"}, **vals))
        if stage1_date_closed:
            # A past closing date is recorded by a complaints administrator.
            complaint = complaint.sudo()
        complaint.action_close_stage1(stage1_date_closed)

    def to_stage2(self, complaint):
        """Escalate on 1 December as the handler, then assign an investigator."""
        with freeze_time("2026-12-01 09:00:00"):
            self.close_stage1(complaint)
            complaint.action_escalate()
        complaint.sudo().investigator_id = self.senior2
        return complaint.with_user(self.senior2)

    # --- Creation and stage 1 -----------------------------------------------------
    def test_new_complaint_clocks_and_activity(self):
        complaint = self.make_complaint()
        self.assertEqual(complaint.state, "new")
        self.assertRegex(complaint.name, r"^CMP/2026/\d{5}$")
        self.assertEqual(complaint.date_received_day, date(2026, 11, 25))
        self.assertEqual(complaint.stage1_deadline, date(2026, 12, 3))
        self.assertEqual(complaint.deadline, date(2026, 12, 3))
        self.assertFalse(complaint.date_closed)
        activity = complaint.sudo().activity_search([ACTIVITY_STAGE1])
        self.assertEqual(activity.user_id, self.staff)
        self.assertEqual(activity.date_deadline, date(2026, 12, 3))

    def test_late_evening_receipt_counts_in_company_timezone(self):
        # 23:30 UTC on 30 June is 00:30 on 1 July in Scotland (BST).
        complaint = self.make_complaint(received="2026-06-30 23:30:00")
        self.assertEqual(complaint.date_received_day, date(2026, 7, 1))

    def test_start_stage1_only_from_new(self):
        complaint = self.make_complaint()
        complaint.action_start_stage1()
        self.assertEqual(complaint.state, "stage1")
        with self.assertRaisesRegex(UserError, "does not apply"):
            complaint.action_start_stage1()

    @freeze_time("2026-12-02 15:00:00")
    def test_close_stage1_needs_outcome_and_action(self):
        complaint = self.make_complaint()
        with self.assertRaisesRegex(UserError, "Stage 1 outcome"):
            complaint.action_close_stage1()
        self.assertEqual(complaint.state, "new")
        self.close_stage1(complaint)
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(complaint.stage1_date_closed, date(2026, 12, 2))
        self.assertEqual(complaint.date_closed, date(2026, 12, 2))
        self.assertEqual(complaint.stage1_working_days, 4)
        self.assertTrue(complaint.stage1_within_timescale)
        self.assertFalse(complaint.deadline)
        self.assertFalse(complaint.sudo().activity_search([ACTIVITY_STAGE1]))

    @freeze_time("2026-12-10 10:00:00")
    def test_late_stage1_is_not_within_timescale(self):
        complaint = self.make_complaint()
        self.close_stage1(complaint)
        self.assertEqual(complaint.stage1_working_days, 10)
        self.assertFalse(complaint.stage1_within_timescale)

    @freeze_time("2026-12-10 10:00:00")
    def test_dates_out_of_order_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "before receipt"):
            self.close_stage1(self.make_complaint(), stage1_date_closed="2026-11-20")
        with self.assertRaisesRegex(UserError, "future"):
            self.close_stage1(self.make_complaint(), stage1_date_closed="2026-12-11")

    @freeze_time("2026-12-10 10:00:00")
    def test_stored_clocks_follow_date_edits(self):
        complaint = self.make_complaint()
        self.close_stage1(complaint, stage1_date_closed="2026-12-03")
        self.assertEqual(complaint.stage1_working_days, 5)
        self.assertTrue(complaint.stage1_within_timescale)
        # As "Correct dates" does: inside a step of the procedure.
        with transition(complaint):
            complaint.date_received = "2026-11-27 09:00:00"
        self.assertEqual(complaint.stage1_deadline, date(2026, 12, 7))
        self.assertEqual(complaint.stage1_working_days, 3)
        with transition(complaint):
            complaint.stage1_date_closed = "2026-12-08"
        self.assertEqual(complaint.stage1_working_days, 6)
        self.assertFalse(complaint.stage1_within_timescale)
        self.env.flush_all()
        found = self.env["chp.complaint"].search(
            [("id", "=", complaint.id), ("stage1_working_days", "=", 6)]
        )
        self.assertEqual(found, complaint)

    # --- Escalation and direct stage 2 ---------------------------------------------
    def test_escalate_after_stage1(self):
        complaint = self.make_complaint()
        with freeze_time("2026-12-01 09:00:00"):
            self.close_stage1(complaint)
        with freeze_time("2026-12-04 09:00:00"):
            complaint.action_escalate()
        self.assertEqual(complaint.state, "stage2")
        self.assertEqual(complaint.stage2_route, "escalated")
        self.assertEqual(complaint.stage2_date_start, date(2026, 12, 4))
        self.assertEqual(complaint.stage2_ack_deadline, date(2026, 12, 9))
        # Christmas, Boxing Day (observed), New Year and its substitute day.
        self.assertEqual(complaint.stage2_deadline, date(2027, 1, 7))
        self.assertEqual(complaint.deadline, date(2027, 1, 7))
        self.assertEqual(complaint.stage1_date_closed, date(2026, 12, 1))
        self.assertFalse(complaint.date_closed)
        with self.assertRaisesRegex(UserError, "does not apply"):
            complaint.action_escalate()

    @freeze_time("2026-12-01 09:00:00")
    def test_escalating_open_stage1_closes_it_the_same_day(self):
        complaint = self.make_complaint()
        with self.assertRaisesRegex(UserError, "Stage 1 outcome"):
            complaint.action_escalate()
        complaint.write({"stage1_outcome": "not_upheld", "stage1_action": "Explained"})
        complaint.action_escalate()
        self.assertEqual(complaint.stage1_date_closed, date(2026, 12, 1))
        self.assertEqual(complaint.stage2_date_start, date(2026, 12, 1))
        self.assertEqual(complaint.stage1_working_days, 3)

    def test_escalation_before_stage1_closed_is_refused(self):
        complaint = self.make_complaint()
        with freeze_time("2026-12-03 09:00:00"):
            self.close_stage1(complaint)
        with (
            freeze_time("2026-12-05 09:00:00"),
            self.assertRaisesRegex(ValidationError, "escalation"),
        ):
            complaint.sudo().action_escalate(date_start=date(2026, 12, 2))

    def test_direct_stage2(self):
        complaint = self.make_complaint()
        complaint.action_start_stage2_direct()
        self.assertEqual(complaint.stage2_route, "direct")
        self.assertEqual(complaint.stage2_date_start, date(2026, 11, 25))
        self.assertFalse(complaint.stage1_deadline)
        self.assertEqual(complaint.stage2_ack_deadline, date(2026, 12, 1))
        self.assertEqual(complaint.stage2_deadline, date(2026, 12, 24))
        self.assertEqual(complaint.investigator_id, self.staff)
        with self.assertRaisesRegex(UserError, "does not apply"):
            complaint.action_close_stage1()

    # --- Acknowledgement and sign-off ------------------------------------------------
    def test_signoff_rules(self):
        complaint = self.to_stage2(self.make_complaint())
        complaint.write({"stage2_outcome": "partially_upheld", "stage2_action": "Repaired"})
        with self.assertRaisesRegex(UserError, "acknowledged on"):
            complaint.action_signoff_close()
        with freeze_time("2026-12-03 09:00:00"):
            complaint.action_acknowledge()
        self.assertEqual(complaint.stage2_ack_date, date(2026, 12, 3))
        staff_view = complaint.with_user(self.staff)
        with self.assertRaisesRegex(UserError, "Only users with the role “Senior manager"):
            staff_view.action_signoff_close()
        with self.assertRaisesRegex(UserError, "investigator can't sign off"):
            complaint.action_signoff_close()
        self.assertEqual(complaint.state, "stage2")
        with freeze_time("2026-12-22 16:00:00"):
            complaint.with_user(self.senior).action_signoff_close()
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(complaint.signoff_user_id, self.senior)
        self.assertEqual(complaint.stage2_date_closed, date(2026, 12, 22))
        self.assertEqual(complaint.date_closed, date(2026, 12, 22))
        self.assertEqual(complaint.stage2_working_days, 15)
        self.assertTrue(complaint.stage2_within_timescale)

    def test_investigator_may_sign_off_when_settings_allow(self):
        self.company.chp_signoff_allow_investigator = True
        complaint = self.to_stage2(self.make_complaint())
        complaint.write({"stage2_outcome": "upheld", "stage2_action": "Repaired"})
        with freeze_time("2026-12-03 09:00:00"):
            complaint.action_acknowledge()
            complaint.action_signoff_close()
        self.assertEqual(complaint.signoff_user_id, self.senior2)

    def test_acknowledge_before_start_is_refused(self):
        complaint = self.to_stage2(self.make_complaint())
        with (
            freeze_time("2026-12-05 09:00:00"),
            self.assertRaisesRegex(ValidationError, "acknowledged before it started"),
        ):
            complaint.sudo().action_acknowledge(date_ack=date(2026, 11, 30))

    # --- Extensions -------------------------------------------------------------------
    def test_stage1_extension(self):
        complaint = self.make_complaint()
        with self.assertRaisesRegex(UserError, "Only users with the role “Senior manager"):
            complaint._apply_extension(date(2026, 12, 8), "Site visit", self.staff)
        with self.assertRaisesRegex(UserError, "at most 5 working days"):
            complaint._apply_extension(date(2026, 12, 11), "Site visit", self.senior)
        with self.assertRaisesRegex(UserError, "reason"):
            complaint._apply_extension(date(2026, 12, 10), " ", self.senior)
        complaint.with_user(self.senior)._apply_extension(
            date(2026, 12, 10), "Site visit needed", self.senior, date(2026, 12, 1)
        )
        self.assertTrue(complaint.stage1_extended)
        self.assertEqual(complaint.deadline, date(2026, 12, 10))
        self.assertEqual(complaint.stage1_extension_user_id, self.senior)
        activity = complaint.sudo().activity_search([ACTIVITY_STAGE1])
        self.assertEqual(activity.date_deadline, date(2026, 12, 10))
        with freeze_time("2026-12-09 10:00:00"):
            self.close_stage1(complaint)
        self.assertFalse(complaint.stage1_within_timescale)

    def test_stage1_extension_through_wizard_as_senior_manager(self):
        complaint = self.make_complaint()
        wizard = (
            self.env["chp.complaint.extension.wizard"]
            .with_user(self.senior)
            .with_context(active_model="chp.complaint", active_id=complaint.id)
            .create({"new_deadline": "2026-12-09", "reason": "Waiting for the contractor"})
        )
        self.assertEqual(wizard.standard_deadline, date(2026, 12, 3))
        wizard.action_apply()
        self.assertEqual(complaint.stage1_extended_deadline, date(2026, 12, 9))

    def test_stage2_extension_any_later_date(self):
        complaint = self.to_stage2(self.make_complaint())
        with self.assertRaisesRegex(UserError, "later than the standard deadline"):
            complaint._apply_extension(date(2026, 12, 20), "More time", self.senior)
        complaint._apply_extension(date(2027, 3, 31), "Independent survey", self.senior)
        self.assertTrue(complaint.stage2_extended)
        self.assertEqual(complaint.deadline, date(2027, 3, 31))

    # --- Reopening --------------------------------------------------------------------
    @freeze_time("2026-12-02 15:00:00")
    def test_reopen_by_senior_manager_with_reason(self):
        complaint = self.make_complaint()
        self.close_stage1(complaint)
        with self.assertRaisesRegex(UserError, "Only users with the role “Senior manager"):
            complaint._reopen("Customer sent new evidence")
        wizard = (
            self.env["chp.complaint.reopen.wizard"]
            .with_user(self.senior)
            .create({"complaint_id": complaint.id, "reason": "Customer sent new evidence"})
        )
        wizard.action_reopen()
        self.assertEqual(complaint.state, "stage1")
        self.assertFalse(complaint.stage1_date_closed)
        self.assertFalse(complaint.date_closed)
        self.assertIn("Customer sent new evidence", complaint.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "does not apply"):
            complaint.with_user(self.senior)._reopen("again")

    # --- Kanban drag ----------------------------------------------------------------------
    @freeze_time("2026-12-02 15:00:00")
    def test_kanban_drag_runs_the_same_checks(self):
        Stage = self.env["chp.complaint.stage"]
        stage2 = Stage.search([("state", "=", "stage2")], limit=1)
        complaint = self.make_complaint()
        with self.assertRaisesRegex(UserError, "Close stage 1"):
            complaint.write({"stage_id": self.stage_closed.id})
        self.assertEqual(complaint.state, "new")
        complaint.write(
            {
                "stage_id": self.stage_closed.id,
                "stage1_outcome": "resolved",
                "stage1_action": "Apologised",
            }
        )
        self.assertEqual(complaint.stage1_date_closed, date(2026, 12, 2))
        with self.assertRaisesRegex(UserError, "Reopen"):
            complaint.write({"stage_id": self.stage_new.id})
        complaint.write({"stage_id": stage2.id})
        self.assertEqual(complaint.stage2_route, "escalated")
        direct = self.make_complaint()
        direct.write({"stage_id": stage2.id})
        self.assertEqual(direct.stage2_route, "direct")
        with self.assertRaisesRegex(UserError, "can't go back"):
            direct.write({"stage_id": self.stage_new.id})

    def test_signoff_and_authority_fields_only_through_transitions(self):
        complaint = self.to_stage2(self.make_complaint())
        with self.assertRaisesRegex(UserError, "Signed off by"):
            complaint.write({"signoff_user_id": self.senior.id})
        with self.assertRaisesRegex(UserError, "Extend"):
            complaint.with_context(chp_transition=True).write(
                {"stage2_extended_deadline": "2027-06-01"}
            )
        self.assertFalse(complaint.signoff_user_id)

    def test_quick_create_in_stage2_column_goes_direct(self):
        stage2 = self.env["chp.complaint.stage"].search([("state", "=", "stage2")], limit=1)
        complaint = self.make_complaint(stage_id=stage2.id)
        self.assertEqual(complaint.stage2_route, "direct")

    # --- Overdue ------------------------------------------------------------------------------
    def test_overdue_flag_notifies_once_per_episode(self):
        complaint = self.make_complaint()
        Complaint = self.env["chp.complaint"]

        def overdue_notes():
            return complaint.message_ids.filtered(lambda m: "is overdue" in (m.body or ""))

        with freeze_time("2026-12-03 10:00:00"):
            Complaint._cron_check_overdue()
            self.assertFalse(complaint.is_overdue)
            self.assertEqual(complaint.days_left, 0)
            complaint.invalidate_recordset(["time_left"])
            self.assertEqual(complaint.time_left, "Due today")
        with freeze_time("2026-12-07 10:00:00"):
            Complaint._cron_check_overdue()
            self.assertTrue(complaint.is_overdue)
            self.assertEqual(complaint.days_left, -2)
            complaint.invalidate_recordset(["time_left"])
            # As staff say it (issue 21, item 8), not "Days Left -2".
            self.assertEqual(complaint.time_left, "2 working days overdue")
            self.assertEqual(len(overdue_notes()), 1)
            self.assertEqual(overdue_notes().partner_ids, (self.staff | self.senior).partner_id)
        with freeze_time("2026-12-08 10:00:00"):
            Complaint._cron_check_overdue()
            self.assertEqual(len(overdue_notes()), 1)
            complaint._apply_extension(date(2026, 12, 10), "Waiting for parts", self.senior)
            Complaint._cron_check_overdue()
            self.assertFalse(complaint.is_overdue)
            self.assertFalse(complaint.overdue_notified)
        with freeze_time("2026-12-11 10:00:00"):
            Complaint._cron_check_overdue()
            self.assertEqual(len(overdue_notes()), 2)
