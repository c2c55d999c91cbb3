import json


class JsonRpcMixin:
    """JSON-RPC calls to /web/dataset/call_kw with the session of the last
    ``authenticate``: the answer is returned whole, so a test can check that
    an error is one the user understands (``data.name``), not a traceback."""

    def call_kw(self, model, method, args, kwargs=None, company_ids=None):
        kwargs = dict(kwargs or {})
        if company_ids:
            context = dict(kwargs.get("context") or {}, allowed_company_ids=company_ids)
            kwargs["context"] = context
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs},
        }
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def assert_rpc_ok(self, answer):
        self.assertNotIn("error", answer, answer.get("error"))
        return answer["result"]

    def assert_rpc_refused(self, answer, names=("odoo.exceptions.AccessError",)):
        """The call failed with one of the exception classes ``names``."""
        self.assertIn("error", answer, f"expected a refusal, got {answer.get('result')!r}")
        self.assertIn(answer["error"]["data"]["name"], names, answer["error"]["data"]["message"])
        return answer["error"]["data"]["message"]
