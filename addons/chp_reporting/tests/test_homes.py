from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestReportingHomes(TransactionCase):
    """The chief executive and the committee land on the Complaints
    dashboard, the SPSO liaison officer on the SPSO export."""

    def test_reporting_role_homes(self):
        dashboard = self.env.ref("spreadsheet_dashboard.ir_actions_dashboard_action")
        export = self.env.ref("chp_reporting.chp_spso_export_home_action")
        for group, home in (
            ("group_chp_chief_executive", dashboard),
            ("group_chp_committee", dashboard),
            ("group_chp_spso_liaison", export),
        ):
            user = new_test_user(self.env, login=f"home_{group}", groups=f"chp_complaints.{group}")
            self.assertEqual(user.action_id.id, home.id, group)
        self.assertEqual(export.target, "current")

    def test_install_gives_existing_users_their_home(self):
        user = new_test_user(
            self.env, login="home_old_committee", groups="chp_complaints.group_chp_committee"
        )
        user.action_id = False
        self.env["res.users"]._chp_update_homes()
        self.assertEqual(
            user.action_id.id,
            self.env.ref("spreadsheet_dashboard.ir_actions_dashboard_action").id,
        )
