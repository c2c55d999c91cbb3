"""The one way the test suites call the server as a logged-in role.

JSON-RPC to ``/web/dataset/call_kw/<model>/<method>``, as the web client and
RPC callers send it, with the session of the last ``self.authenticate(login,
password)`` (``new_test_user`` gives each user their login as password). For
``HttpCase`` classes of every chp addon (it lives here because a lower addon
may not import a higher one)."""

import json


class RpcRefused(Exception):
    """A JSON-RPC call the server answered with an error: ``name`` is the
    exception's class path (e.g. "odoo.exceptions.UserError"), ``message``
    what the user reads."""

    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


class JsonRpcMixin:
    """Two ways to look at one call: :meth:`call_kw` returns the answer whole,
    so a test can check that an error is one the user understands
    (``data.name``), not a traceback; :meth:`rpc` returns the result or raises
    :class:`RpcRefused`."""

    def call_kw(self, model, method, args, kwargs=None, company_ids=None):
        """The JSON-RPC answer (``result`` or ``error``) of
        ``model.method(*args, **kwargs)``, in ``company_ids`` if given."""
        kwargs = dict(kwargs or {})
        if company_ids:
            context = dict(kwargs.get("context") or {}, allowed_company_ids=company_ids)
            kwargs["context"] = context
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 0,
            "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        }
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def json_route(self, url, params):
        """The JSON-RPC answer of a JSON route other than call_kw (the
        chatter's ``/mail/...`` routes, say) with ``params``."""
        response = self.url_open(
            url,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 0, "params": params}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def rpc(self, model, method, *args, **kwargs):
        """The result of ``model.method(*args, **kwargs)`` over HTTP, or
        :class:`RpcRefused` with the server's error."""
        answer = self.call_kw(model, method, args, kwargs)
        if "error" in answer:
            raise RpcRefused(answer["error"]["data"]["name"], answer["error"]["data"]["message"])
        return answer["result"]

    def rpc_as(self, user, model, method, *args, **kwargs):
        """:meth:`rpc` in a session of ``user`` (password = login)."""
        self.authenticate(user.login, user.login)
        return self.rpc(model, method, *args, **kwargs)

    def assert_rpc_ok(self, answer):
        self.assertNotIn("error", answer, answer.get("error"))
        return answer["result"]

    def assert_rpc_refused(self, answer, names=("odoo.exceptions.AccessError",)):
        """The call failed with one of the exception classes ``names``."""
        self.assertIn("error", answer, f"expected a refusal, got {answer.get('result')!r}")
        self.assertIn(answer["error"]["data"]["name"], names, answer["error"]["data"]["message"])
        return answer["error"]["data"]["message"]

    def assertRpcRefused(self, exception, pattern, model, method, *args, **kwargs):
        """The call is refused with ``exception`` (a class of
        odoo.exceptions) and a message matching ``pattern``."""
        with self.assertRaises(RpcRefused) as caught:
            self.rpc(model, method, *args, **kwargs)
        expected = f"{exception.__module__}.{exception.__name__}"
        self.assertEqual(caught.exception.name, expected, caught.exception.message)
        self.assertRegex(caught.exception.message, pattern)
        return caught.exception

    def form_read(self, model, res_id):
        """Open the form of ``res_id`` as the web client does: the fields of
        the form view the user gets (``get_views``), read with
        ``web_read``."""
        views = self.rpc(model, "get_views", [[False, "form"]], options={})
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
        [record] = self.rpc(model, "web_read", [res_id], specification=spec)
        return fields, record
