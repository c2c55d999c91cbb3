from freezegun import freeze_time

from odoo.addons.chp_complaints.tools.transition import creating, transition
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ChpLearningCase


@tagged("post_install", "-at_install")
class TestWritePath(ChpLearningCase):
    """Outside a step of the procedure, a save changes only descriptive
    fields; the steps mark their records on the cursor, which neither the
    context nor sudo can forge."""

    def stage(self, state):
        return self.Action._stage_for_state(state)

    def snapshot(self, action, names=("state", "authorised_by_id", "is_published")):
        action.invalidate_recordset()
        return action.sudo().read(list(names))

    def test_every_stored_field_is_classified(self):
        """A new stored field is refused by a plain save until someone puts
        it in the descriptive set on purpose, or lists it as written by the
        steps only."""
        descriptive = self.Action._chp_descriptive_fields
        steps_only = self.Action._chp_transition_fields
        stored = {name for name, field in self.Action._fields.items() if field.store}
        self.assertFalse(stored - descriptive - steps_only, "stored fields nobody classified")
        self.assertFalse(descriptive & steps_only, "a field can't be both")
        self.assertLessEqual(self.Action._chp_creation_fields - descriptive, steps_only)

    def test_plain_write_refuses_what_the_steps_write(self):
        action = self.completed()
        before = self.snapshot(action)
        forged = {
            "is_published": True,
            "published_on": "2025-05-01",
            "authorised_by_id": self.other_senior.id,
            "confirmed_by_id": self.senior.id,
            "state": "closed",
            "reference": "IMP/1999/0001",
            "date_raised": "2020-01-01",
            "target_reminder_sent": True,
            "monitoring_result": "resolved",
        }
        for user in (self.owner, self.senior):
            for name, value in forged.items():
                with (
                    self.subTest(user=user.login, field=name),
                    self.assertRaisesRegex(UserError, "can't be changed by saving it: use"),
                ):
                    action.with_user(user).write({name: value})
        with self.assertRaisesRegex(UserError, "Publish 'you said, we did'"):
            action.sudo().write({"is_published": True})
        self.assertEqual(self.snapshot(action), before)

    def test_context_key_is_no_longer_a_way_round(self):
        action = self.authorised()
        closed = self.stage("closed")
        for user in (self.owner, self.senior):
            with self.assertRaisesRegex(UserError, "directly"):
                action.with_user(user).with_context(chp_learning_transition=True).write(
                    {"stage_id": closed.id}
                )
        self.assertEqual(action.state, "authorised")
        self.assertFalse(action.confirmed_by_id)

    def test_a_transition_mark_covers_only_its_records(self):
        marked = self.Action.browse(self.authorised().id)
        other = self.Action.browse(self.authorised().id)
        with transition(marked):
            with self.assertRaisesRegex(UserError, "Publish"):
                (marked | other).write({"is_published": True})
            marked.write({"target_reminder_sent": True})
        self.assertTrue(marked.target_reminder_sent)
        self.assertFalse(other.target_reminder_sent)
        with self.assertRaisesRegex(UserError, "daily reminders"):
            marked.write({"target_reminder_sent": False})

    def test_create_refuses_what_the_steps_write(self):
        for vals in (
            {"is_published": True},
            {"authorised_by_id": self.senior.id},
            {"reference": "IMP/1999/0001"},
            {"completion_date": "2025-01-01"},
            {"origin_action_id": self.propose().id},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(UserError, "can't be changed by saving it"),
            ):
                self.propose(**vals)
        with freeze_time("2025-05-10"), self.assertRaisesRegex(UserError, "future"):
            self.propose(date_raised="2025-05-11")
        with freeze_time("2025-05-10"):
            self.assertEqual(str(self.propose(date_raised="2025-05-02").date_raised), "2025-05-02")
        with creating(self.env, "chp.improvement.action"):
            history = self.Action.create({"name": "Imported", "is_published": True})
        self.assertTrue(history.is_published)

    def test_completion_date_is_recorded_while_in_progress(self):
        action = self.authorised()
        with self.assertRaisesRegex(UserError, "Mark done"):
            action.with_user(self.owner).completion_date = "2025-06-01"
        action.with_user(self.owner).action_start()
        action.with_user(self.owner).completion_date = "2025-06-01"
        action.with_user(self.owner).evidence = "<p>Done</p>"
        action.with_user(self.owner).action_done()
        with self.assertRaisesRegex(UserError, "Mark done"):
            action.with_user(self.senior).completion_date = "2025-06-20"
        self.assertEqual(str(action.completion_date), "2025-06-01")

    def test_only_senior_managers_publish_and_change_a_published_summary(self):
        action = self.completed()
        as_owner = action.with_user(self.owner)
        as_owner.write({"public_you_said": "Repairs missed", "public_we_did": "We text"})
        with self.assertRaises(AccessError):
            as_owner.action_publish()
        with self.assertRaisesRegex(UserError, "Publish"):
            as_owner.write({"is_published": True})
        action.with_user(self.senior).action_publish()
        with self.assertRaisesRegex(AccessError, "published"):
            as_owner.write({"public_we_did": "Something else"})
        action.with_user(self.senior).public_we_did = "We text a reminder"
        self.assertEqual(action.public_we_did, "We text a reminder")
        with self.assertRaises(AccessError):
            as_owner.action_unpublish()
        self.assertTrue(action.is_published)

    def test_the_proposer_does_not_authorise(self):
        action = self.propose(
            user=self.senior, owner_user_id=self.owner.id, target_date="2025-06-30"
        )
        with self.assertRaisesRegex(AccessError, "another senior manager"):
            action.with_user(self.senior).action_authorise()
        with self.assertRaisesRegex(AccessError, "another senior manager"):
            action.with_user(self.senior).stage_id = self.stage("authorised")
        self.assertEqual(action.state, "proposed")
        action.with_user(self.other_senior).action_authorise()
        self.assertEqual(action.authorised_by_id, self.other_senior)

    def test_new_stage_and_new_target_date_together_rearm_the_reminders(self):
        """Saving a stage change and a new target date at once re-arms the
        reminders and moves the owner's activity, like a target date alone."""
        action = self.authorised(target_date="2025-06-30")
        with freeze_time("2025-07-20 06:00:00"):
            self.Action._cron_target_reminders()
        self.assertTrue(action.target_reminder_sent and action.late_escalation_sent)
        vals = {"stage_id": self.stage("in_progress").id, "target_date": "2025-09-30"}
        action.with_user(self.senior).write(vals)
        self.assertEqual(
            vals, {"stage_id": self.stage("in_progress").id, "target_date": "2025-09-30"}
        )
        self.assertEqual(action.state, "in_progress")
        self.assertFalse(action.target_reminder_sent or action.late_escalation_sent)
        target_activity = action.sudo().activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("chp_learning.mail_activity_type_improvement_target")
            )
        )
        self.assertEqual(str(target_activity.date_deadline), "2025-09-30")


@tagged("post_install", "-at_install")
class TestStageDeletion(ChpLearningCase):
    """A column holding improvement actions can't be deleted by anyone (the
    rule steps aside only for Odoo uninstalling the addon); an empty one
    can."""

    def test_used_stage_is_kept(self):
        action = self.authorised()
        stage = action.stage_id
        with self.assertRaisesRegex(UserError, "holds improvement actions"):
            stage.sudo().unlink()
        self.assertTrue(stage.exists())
        empty = self.env["chp.improvement.stage"].create({"name": "Spare", "state": "done"})
        empty.unlink()
        self.assertFalse(empty.exists())
