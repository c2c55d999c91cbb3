from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTraining(TransactionCase):
    """CHP training records: induction on account creation, refresher
    schedule, indicator 3 figures and the once-only overdue reminders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.write({"chp_training_induction_days": 30, "chp_training_refresher_months": 12})
        cls.Record = cls.env["chp.training.record"]
        cls.officer = new_test_user(
            cls.env,
            login="chp_training_officer",
            groups="chp_complaints.group_chp_training_officer",
        )

    def _new_user(self, login, groups="chp_complaints.group_chp_staff"):
        return new_test_user(self.env, login=login, groups=groups)

    def _records(self, user):
        return self.Record.search([("user_id", "=", user.id)], order="date_due, id")

    @freeze_time("2025-03-10")
    def test_new_internal_user_owes_induction(self):
        user = self._new_user("chp_new_starter")
        induction = self._records(user)
        self.assertEqual(len(induction), 1)
        self.assertEqual(induction.training_type, "induction")
        self.assertEqual(induction.state, "due")
        self.assertEqual(induction.date_due, date(2025, 4, 9))
        portal = self._new_user("chp_portal_customer", groups="base.group_portal")
        self.assertFalse(self._records(portal), "portal users are not staff")

    @freeze_time("2025-03-10")
    def test_users_of_other_apps_owe_nothing_and_nothing_is_sent(self):
        """A good neighbour: a user created for another app gets no record
        and no mail; given a role later, they owe the induction, recorded
        without a message or an "assigned to you" email."""
        # As in another app's database: mail tracking on (this class turns
        # it off for the other tests).
        env = self.env(context={"tracking_disable": False})
        mails = env["mail.mail"].search([])
        messages = env["mail.message"].search([])
        notifications = env["mail.notification"].search([])
        user = new_test_user(env, login="chp_sales_person", groups="base.group_user")
        self.assertFalse(self._records(user))
        user.groups_id = [Command.link(env.ref("chp_complaints.group_chp_staff").id)]
        self.assertEqual(self._records(user).date_due, date(2025, 4, 9))
        self.assertFalse(env["mail.mail"].search([]) - mails)
        self.assertFalse(env["mail.notification"].search([]) - notifications)
        self.assertFalse(
            (env["mail.message"].search([]) - messages).filtered(
                lambda m: m.model == "chp.training.record"
            )
        )

    @freeze_time("2025-03-10")
    def test_portal_user_made_internal_owes_induction(self):
        user = self._new_user("chp_promoted", groups="base.group_portal")
        user.groups_id = [Command.set(self.env.ref("chp_complaints.group_chp_staff").ids)]
        self.assertFalse(user.share)
        self.assertEqual(self._records(user).date_due, date(2025, 4, 9))

    @freeze_time("2025-03-10")
    def test_induction_delay_is_a_setting(self):
        self.company.chp_training_induction_days = 10
        user = self._new_user("chp_quick_starter")
        self.assertEqual(self._records(user).date_due, date(2025, 3, 20))

    @freeze_time("2025-03-10")
    def test_completion_schedules_refresher(self):
        user = self._new_user("chp_completer")
        induction = self._records(user)
        induction.date_completed = date(2025, 3, 5)
        self.assertEqual(induction.state, "done")
        self.assertEqual(induction.date_next_due, date(2026, 3, 5))
        refresher = self._records(user) - induction
        self.assertEqual(refresher.training_type, "refresher")
        self.assertEqual(refresher.state, "due")
        self.assertEqual(refresher.date_due, date(2026, 3, 5))
        # a correction of the completion date schedules nothing more
        induction.date_completed = date(2025, 3, 6)
        self.assertEqual(len(self._records(user)), 2)

    @freeze_time("2025-03-10")
    def test_refresher_interval_is_a_setting(self):
        self.company.chp_training_refresher_months = 6
        user = self._new_user("chp_six_monthly")
        induction = self._records(user)
        induction.action_mark_done()
        self.assertEqual(induction.date_completed, date(2025, 3, 10))
        self.assertEqual(induction.date_next_due, date(2025, 9, 10))

    @freeze_time("2025-03-10")
    def test_completion_cannot_be_in_the_future(self):
        induction = self._records(self._new_user("chp_time_traveller"))
        with self.assertRaises(ValidationError):
            induction.date_completed = date(2025, 3, 11)

    def test_training_figures(self):
        with freeze_time("2025-03-10"):
            before = self.Record.get_training_figures()
            users = self._new_user("chp_fig_a") | self._new_user("chp_fig_b")
            after = self.Record.get_training_figures()
            self.assertEqual(after["staff"], before["staff"] + 2)
            self.assertEqual(after["trained"], before["trained"])
            self._records(users[0]).action_mark_done()
            done = self.Record.get_training_figures()
            self.assertEqual(done["trained"], before["trained"] + 1)
            self.assertAlmostEqual(done["pct"], round(100.0 * done["trained"] / done["staff"], 1))
        with freeze_time("2025-04-20"):
            # chp_fig_b's induction (due 9 April) is now overdue
            self.assertEqual(self.Record.get_training_figures()["overdue"], before["overdue"] + 1)
        with freeze_time("2026-03-11"):
            # the training of chp_fig_a expired the day before
            self.assertEqual(self.Record.get_training_figures()["trained"], before["trained"])

    def test_training_figures_of_an_empty_company(self):
        other = self.env["res.company"].create({"name": "Empty Housing Association"})
        figures = self.Record.get_training_figures(company=other)
        self.assertEqual(figures, {"staff": 0, "trained": 0, "pct": None, "overdue": 0})

    def test_training_figures_of_a_foreign_company_are_refused(self):
        other = self.env["res.company"].create({"name": "Someone Else's Council"})
        staff = self._new_user("chp_nosy")
        with self.assertRaises(AccessError):
            self.Record.with_user(staff).get_training_figures(company=other)

    def _officer_messages(self, record):
        return self.env["mail.message"].search(
            [
                ("model", "=", "chp.training.record"),
                ("res_id", "=", record.id),
                ("partner_ids", "in", self.officer.partner_id.ids),
            ]
        )

    def test_overdue_training_is_notified_once(self):
        with freeze_time("2025-03-10"):
            late = self._records(self._new_user("chp_late"))
            on_time = self._records(self._new_user("chp_on_time"))
            on_time.date_due = date(2025, 5, 1)
        with freeze_time("2025-04-15"):
            self.Record._cron_notify_overdue()
            self.assertEqual(len(self._officer_messages(late)), 1)
            self.assertEqual(late.date_overdue_notified, date(2025, 4, 15))
            self.assertFalse(self._officer_messages(on_time))
        with freeze_time("2025-04-16"):
            self.Record._cron_notify_overdue()
            self.assertEqual(len(self._officer_messages(late)), 1, "told once, not every day")

    def test_overdue_notice_waits_for_a_training_officer(self):
        with freeze_time("2025-03-10"):
            late = self._records(self._new_user("chp_late_no_officer"))
        officers = self.env.ref("chp_complaints.group_chp_training_officer")
        appointed = officers.users
        officers.users = [(5,)]
        with freeze_time("2025-04-15"):
            self.Record._cron_notify_overdue()
            self.assertFalse(late.date_overdue_notified, "nobody was told: not marked")
        officers.users = appointed
        with freeze_time("2025-04-16"):
            self.Record._cron_notify_overdue()
            self.assertEqual(len(self._officer_messages(late)), 1)
            self.assertEqual(late.date_overdue_notified, date(2025, 4, 16))

    def test_overdue_refresher_is_notified(self):
        with freeze_time("2025-03-10"):
            user = self._new_user("chp_refresh_me")
            self._records(user).action_mark_done()
            refresher = self._records(user).filtered(lambda r: r.state == "due")
        with freeze_time("2026-03-11"):
            self.assertTrue(refresher.is_overdue)
            self.assertIn(refresher, self.Record.search([("is_overdue", "=", True)]))
            self.Record._cron_notify_overdue()
            self.assertEqual(len(self._officer_messages(refresher)), 1)

    def test_staff_read_own_records_only(self):
        mine = self._records(self._new_user("chp_me"))
        theirs = self._records(self._new_user("chp_them"))
        me = mine.user_id
        visible = self.Record.with_user(me).search([("id", "in", (mine | theirs).ids)])
        self.assertEqual(visible, mine)
        with self.assertRaises(AccessError):
            mine.with_user(me).date_completed = date.today()
        theirs.with_user(self.officer).action_mark_done()
        self.assertEqual(theirs.state, "done")
