from odoo.tests import HttpCase, tagged

from .common import role_user
from .http_common import JsonRpcMixin


@tagged("post_install", "-at_install")
class TestProcedureSettingsOverHttp(JsonRpcMixin, HttpCase):
    """The settings screen as the web client saves it (``web_save`` with
    every field of the form), and what a complaints administrator cannot
    reach around it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.admin = role_user(cls.env, "chp_settings_http_admin", "admin")
        cls.staff = role_user(cls.env, "chp_settings_http_staff", "staff")

    def _form_values(self):
        """What the form holds when it opens: the web client's onchange."""
        views = self.rpc("chp.procedure.settings", "get_views", [[False, "form"]], options={})
        spec = {name: {} for name in views["models"]["chp.procedure.settings"]["fields"]}
        for name, desc in views["models"]["chp.procedure.settings"]["fields"].items():
            if desc["type"] == "many2one":
                spec[name] = {"fields": {"display_name": {}}}
        result = self.rpc("chp.procedure.settings", "onchange", [], {}, [], spec)
        values = result["value"]
        return {
            name: (value["id"] if isinstance(value, dict) else value)
            for name, value in values.items()
            if name != "company_id"
        }, spec

    def test_admin_saves_the_form(self):
        self.authenticate(self.admin.login, self.admin.login)
        values, spec = self._form_values()
        self.assertEqual(values["chp_stage1_days"], 5)
        self.assertEqual(values["chp_retention_action"], "anonymise")
        values["chp_stage1_days"] = 7
        [record] = self.rpc("chp.procedure.settings", "web_save", [], values, specification=spec)
        self.assertEqual(record["chp_stage1_days"], 7)
        self.company.invalidate_recordset()
        self.assertEqual(self.company.chp_stage1_days, 7)
        action = self.rpc("chp.procedure.settings", "action_save", [record["id"]])
        self.assertEqual(action["params"]["type"], "success")

    def test_invalid_value_saves_nothing(self):
        self.authenticate(self.admin.login, self.admin.login)
        values, spec = self._form_values()
        values.update(chp_stage1_days=6, chp_stage2_days=0)
        answer = self.call_kw(
            "chp.procedure.settings", "web_save", [[], values], {"specification": spec}
        )
        self.assert_rpc_refused(answer, ("odoo.exceptions.ValidationError",))
        self.company.invalidate_recordset()
        self.assertEqual((self.company.chp_stage1_days, self.company.chp_stage2_days), (5, 20))

    def test_no_way_around_the_screen(self):
        other = self.env["res.company"].create({"name": "Other landlord"})
        self.authenticate(self.admin.login, self.admin.login)
        # the company itself stays Odoo's administrators' to change
        answer = self.call_kw("res.company", "write", [[self.company.id], {"chp_stage1_days": 2}])
        self.assert_rpc_refused(answer)
        answer = self.call_kw("res.company", "write", [[self.company.id], {"name": "Renamed"}])
        self.assert_rpc_refused(answer)
        # a company that is not the administrator's
        answer = self.call_kw(
            "chp.procedure.settings", "create", [{"company_id": other.id, "chp_stage1_days": 2}]
        )
        self.assert_rpc_refused(answer)
        # a staff member
        self.authenticate(self.staff.login, self.staff.login)
        answer = self.call_kw("chp.procedure.settings", "create", [{"chp_stage1_days": 2}])
        self.assert_rpc_refused(answer)
        self.env.invalidate_all()
        self.assertEqual((self.company.chp_stage1_days, other.chp_stage1_days), (5, 5))
        self.assertNotEqual(self.company.name, "Renamed")
