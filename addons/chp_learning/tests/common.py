import json

from odoo.tests import TransactionCase, new_test_user


class ChpLearningCase(TransactionCase):
    """Class-level fixtures of the learning tests: one user per role, a
    service, a root cause, a team and a complaint; no demo data, no tracking
    noise. Actions are created and moved through their transitions as the
    real users would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company

        def user(login, group):
            return new_test_user(
                cls.env,
                login=login,
                groups=f"chp_complaints.{group}",
                email=f"{login}@example.org",
                tz="Europe/London",
            )

        cls.staff = user("chp_l_staff", "group_chp_staff")
        cls.other_staff = user("chp_l_other", "group_chp_staff")
        cls.owner = user("chp_l_owner", "group_chp_staff")
        cls.senior = user("chp_l_senior", "group_chp_senior_manager")
        cls.other_senior = user("chp_l_senior2", "group_chp_senior_manager")
        cls.committee = user("chp_l_committee", "group_chp_committee")
        cls.chief = user("chp_l_chief", "group_chp_chief_executive")
        cls.team = cls.env["chp.improvement.team"].create(
            {"name": "Repairs team", "leader_id": cls.other_staff.id}
        )
        cls.service = cls.env["chp.service"].create({"name": "Repairs"})
        cls.root_cause = cls.env["chp.root.cause"].create({"name": "Poor communication"})
        cls.complaint = cls.env["chp.complaint"].create(
            {
                "subject": "Repair appointment missed",
                "service_id": cls.service.id,
                "root_cause_id": cls.root_cause.id,
                "user_id": cls.staff.id,
                "customer_name": "Jane Tenant",
            }
        )
        cls.Action = cls.env["chp.improvement.action"]

    def propose(self, user=None, **vals):
        values = {
            "name": "Confirm repair appointments by text",
            "complaint_ids": [(6, 0, self.complaint.ids)],
            "service_id": self.service.id,
            "root_cause_id": self.root_cause.id,
        }
        values.update(vals)
        return self.Action.with_user(user or self.staff).create(values)

    def authorised(self, target_date="2025-06-30", **vals):
        vals.setdefault("owner_user_id", self.owner.id)
        action = self.propose(target_date=target_date, **vals)
        action.with_user(self.senior).action_authorise()
        return action

    def completed(self, completion_date=None, **vals):
        action = self.authorised(**vals)
        as_owner = action.with_user(self.owner)
        as_owner.action_start()
        as_owner.write({"evidence": "<p>Texts sent since May</p>"})
        if completion_date:
            as_owner.completion_date = completion_date
        as_owner.action_done()
        return action


class RpcRefused(Exception):
    """A JSON-RPC call the server answered with an error: ``name`` is the
    exception's class path (e.g. "odoo.exceptions.UserError"), ``message``
    what the user reads."""

    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


class ChpRpcMixin:
    """Calls the server as the web client and RPC callers do: JSON-RPC to
    ``/web/dataset/call_kw`` with the session of ``self.authenticate(login,
    login)`` (``new_test_user`` gives each user their login as password).
    For ``HttpCase`` classes."""

    def call_kw(self, model, method, *args, **kwargs):
        """The result of ``model.method(*args, **kwargs)`` over HTTP, or
        :class:`RpcRefused` with the server's error."""
        payload = json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "id": 0,
                "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
            }
        )
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=payload,
            headers={"Content-Type": "application/json"},
        )
        response.raise_for_status()
        body = response.json()
        if "error" in body:
            raise RpcRefused(body["error"]["data"]["name"], body["error"]["data"]["message"])
        return body["result"]

    def assertRpcRefused(self, exception, pattern, model, method, *args, **kwargs):
        """The call is refused with ``exception`` (a class of
        odoo.exceptions) and a message matching ``pattern``."""
        with self.assertRaises(RpcRefused) as caught:
            self.call_kw(model, method, *args, **kwargs)
        expected = f"{exception.__module__}.{exception.__name__}"
        self.assertEqual(caught.exception.name, expected, caught.exception.message)
        self.assertRegex(caught.exception.message, pattern)
        return caught.exception

    def form_read(self, model, res_id):
        """Open the form of ``res_id`` as the web client does: the fields of
        the form view the user gets (``get_views``), read with
        ``web_read``."""
        views = self.call_kw(model, "get_views", [[False, "form"]], options={})
        models = views["models"]
        fields = models[model]["fields"]
        spec = {}
        for name, desc in fields.items():
            if desc["type"] in ("one2many", "many2many") and desc["relation"] in models:
                sub = models[desc["relation"]]["fields"]
                spec[name] = {"fields": {sub_name: {} for sub_name in sub}}
            elif desc["type"] == "many2one":
                spec[name] = {"fields": {"display_name": {}}}
            else:
                spec[name] = {}
        [record] = self.call_kw(model, "web_read", [res_id], specification=spec)
        return fields, record
