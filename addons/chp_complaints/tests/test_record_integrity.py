"""The steps that stand for the procedure where a plain save may not: correct
dates, request sign-off, the investigator's hand-over, the SPSO referral,
and closed is closed."""

from datetime import date

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from ..tools.transition import in_transition, transition
from .common import ChpJourneyCase, role_user


@freeze_time("2026-11-30 12:00:00")
class TestRecordIntegrity(ChpJourneyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = role_user(cls.env, "chp_integrity_admin", "admin")
        cls.liaison = role_user(cls.env, "chp_integrity_liaison", "spso_liaison")

    def closed_stage1(self):
        complaint = self.make_complaint(
            "2026-11-16 10:00:00", stage1_outcome="upheld", stage1_action="Fixed"
        )
        complaint.with_user(self.admin).action_close_stage1(date(2026, 11, 20))
        return complaint

    def test_the_mark_is_scoped_to_records_and_block(self):
        one, two = self.make_complaint(), self.make_complaint()
        with transition(one):
            self.assertTrue(in_transition(one))
            self.assertFalse(in_transition(two))
            self.assertFalse(in_transition(one | two))
            with transition(one):
                self.assertTrue(in_transition(one))
            self.assertTrue(in_transition(one), "the mark is re-entrant")
        self.assertFalse(in_transition(one))

    def test_a_context_key_does_not_open_the_lock(self):
        complaint = self.make_complaint()
        for key in ("chp_transition", "chp_complaint_transition", "chp_learning_transition"):
            with self.assertRaises(UserError):
                complaint.with_context(**{key: True}).write({"state": "closed"})

    def test_closed_is_closed(self):
        complaint = self.closed_stage1()
        with self.assertRaises(UserError):
            complaint.with_user(self.staff).write({"subject": "Changed"})
        with self.assertRaises(UserError):
            complaint.with_user(self.senior).write({"stage1_outcome": "not_upheld"})
        self.assertEqual(complaint.stage1_outcome, "upheld")

    def test_back_dating_a_step_needs_a_complaints_administrator(self):
        complaint = self.make_complaint(stage1_outcome="upheld", stage1_action="Fixed")
        with self.assertRaises(AccessError):
            complaint.with_user(self.staff).action_close_stage1(date(2026, 11, 26))
        complaint.with_user(self.staff).action_close_stage1()
        self.assertEqual(complaint.stage1_date_closed, date(2026, 11, 30))

    def test_future_receipt_refused(self):
        with self.assertRaises(UserError):
            self.make_complaint("2026-12-05 10:00:00")

    def test_correct_dates_wizard(self):
        complaint = self.closed_stage1()
        self.assertTrue(complaint.stage1_within_timescale)
        wizard = Form(
            self.env["chp.complaint.correct.dates.wizard"]
            .with_user(self.admin)
            .with_context(active_model="chp.complaint", active_id=complaint.id)
        )
        self.assertEqual(wizard.stage1_date_closed, date(2026, 11, 20))
        wizard.stage1_date_closed = date(2026, 11, 27)
        wizard.reason = "The letter went out on the 27th"
        wizard.save().action_apply()
        self.assertEqual(complaint.stage1_date_closed, date(2026, 11, 27))
        self.assertEqual(complaint.stage1_working_days, 9)
        self.assertFalse(complaint.stage1_within_timescale)
        self.assertIn("The letter went out on the 27th", complaint.message_ids[0].body)
        self.assertIn("20/11/2026", complaint.message_ids[0].body)

    def test_correct_dates_keeps_the_rules(self):
        complaint = self.closed_stage1()
        Wizard = self.env["chp.complaint.correct.dates.wizard"]

        def correct(user, **vals):
            return (
                Wizard.with_user(user)
                .create(dict({"complaint_id": complaint.id, "reason": "Typo"}, **vals))
                .action_apply()
            )

        with self.assertRaises(AccessError):
            correct(self.senior, stage1_date_closed=date(2026, 11, 19))
        with self.assertRaises(UserError):
            correct(self.admin, stage1_date_closed=date(2026, 12, 3))
        with self.assertRaises(ValidationError):
            correct(self.admin, stage1_date_closed=date(2026, 11, 13))
        with self.assertRaises(UserError):
            correct(self.admin, stage2_date_start=date(2026, 11, 20))
        self.assertEqual(complaint.stage1_date_closed, date(2026, 11, 20))

    def test_correct_dates_checks_the_extension_limit(self):
        complaint = self.make_complaint("2026-11-16 10:00:00")
        complaint._apply_extension(date(2026, 11, 30), "Survey", self.senior)
        complaint.write({"stage1_outcome": "upheld", "stage1_action": "Fixed"})
        complaint.action_close_stage1()
        wizard = self.env["chp.complaint.correct.dates.wizard"].with_user(self.admin)
        with self.assertRaises(UserError):
            wizard.create(
                {
                    "complaint_id": complaint.id,
                    "reason": "Received a week later",
                    "date_received": "2026-11-24 10:00:00",
                }
            ).action_apply()
        self.assertEqual(complaint.date_received_day, date(2026, 11, 16))

    def test_request_signoff_and_investigator_handover(self):
        complaint = self.make_complaint(investigator_id=self.investigator.id)
        complaint.action_start_stage2_direct()
        stage2_types = [
            self.env.ref("chp_complaints.mail_activity_type_chp_stage2"),
            self.env.ref("chp_complaints.mail_activity_type_chp_stage2_ack"),
        ]
        other = role_user(self.env, "chp_integrity_inv2", "investigator")
        complaint.with_user(self.senior).write({"investigator_id": other.id})
        activities = complaint.activity_ids.filtered(lambda a: a.activity_type_id in stage2_types)
        self.assertEqual(len(activities), 2)
        self.assertEqual(activities.user_id, other)
        self.assertIn(other.partner_id, complaint.message_partner_ids)
        as_investigator = complaint.with_user(other)
        with self.assertRaises(UserError):
            as_investigator.action_request_signoff()
        as_investigator.action_acknowledge()
        as_investigator.write({"stage2_outcome": "upheld", "stage2_action": "Repaired"})
        as_investigator.action_request_signoff()
        signoff = self.env.ref("chp_complaints.mail_activity_type_chp_signoff")
        requested = complaint.activity_ids.filtered(lambda a: a.activity_type_id == signoff)
        self.assertIn(self.senior, requested.user_id)
        self.assertIn(self.senior2, requested.user_id)
        complaint.with_user(self.senior)._signoff_close(self.senior)
        self.assertFalse(complaint.activity_ids.filtered(lambda a: a.activity_type_id == signoff))

    def test_direct_stage2_clears_the_whole_stage1_extension(self):
        complaint = self.make_complaint("2026-11-23 10:00:00")
        complaint._chp_extend_by(2, "Waiting for a survey", self.senior, date(2026, 11, 24))
        complaint.action_start_stage2_direct()
        self.assertFalse(complaint.stage1_extended_deadline)
        self.assertFalse(complaint.stage1_extension_reason)
        self.assertFalse(complaint.stage1_extension_user_id)
        self.assertFalse(complaint.stage1_extension_customer_told)

    def test_spso_referral_is_a_step_with_a_reason(self):
        complaint = self.closed_stage1()
        with self.assertRaises(AccessError):
            complaint.with_user(self.senior)._chp_refer_spso(date(2026, 11, 25), "S1", "Asked")
        with self.assertRaises(UserError):
            complaint.with_user(self.liaison)._chp_refer_spso(date(2026, 11, 25), "S1", " ")
        complaint.with_user(self.liaison)._chp_refer_spso(date(2026, 11, 25), "S1", "Asked")
        self.assertTrue(complaint.retention_spso_hold)
        self.assertIn("Asked", complaint.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "on hold"):
            complaint.with_user(self.admin).unlink()
        with self.assertRaisesRegex(UserError, "on hold"):
            complaint.sudo().unlink()
        complaint.with_user(self.liaison)._chp_withdraw_spso("Recorded on the wrong complaint")
        self.assertFalse(complaint.retention_held)

    def test_anonymised_personal_data_cannot_come_back(self):
        complaint = self.make_complaint(customer_name="Morag")
        with transition(complaint):
            complaint.write({"anonymised": True, "customer_name": False})
        with self.assertRaises(UserError):
            complaint.with_user(self.staff).write({"customer_name": "Morag"})

    def test_only_new_complaints_are_deleted_by_hand(self):
        complaint = self.make_complaint()
        complaint.action_start_stage1()
        admin = complaint.with_user(self.admin)
        with self.assertRaises(UserError):
            admin.unlink()
        mistake = self.make_complaint()
        mistake.with_user(self.admin).unlink()
        self.assertFalse(mistake.exists())

    def test_kanban_quick_create_in_stage2_column(self):
        stage2 = self.env["chp.complaint.stage"].search([("state", "=", "stage2")], limit=1)
        complaint = self.make_complaint(stage_id=stage2.id)
        self.assertEqual(complaint.state, "stage2")
        self.assertEqual(complaint.stage2_route, "direct")
        self.assertEqual(complaint.stage2_date_start, complaint.date_received_day)
        self.assertEqual(fields.Date.to_string(complaint.stage2_date_start), "2026-11-25")

    def test_a_column_in_use_keeps_its_step(self):
        complaint = self.make_complaint()
        complaint.action_start_stage1()
        column = complaint.sudo().stage_id  # the complaints administrator's screen
        with self.assertRaises(UserError):
            column.write({"state": "closed"})
        with self.assertRaises(UserError):
            column.unlink()
        self.assertEqual(complaint.state, "stage1")
        self.assertFalse(complaint.date_closed)
        column.write({"name": "Frontline response"})
        self.assertEqual(complaint.stage_id.name, "Frontline response")
