"""Load scenario of the complaints suite for locust (make load).

Every user signs in over HTTP (/web/session/authenticate) and then talks
JSON-RPC to /web/dataset/call_kw as the web client does, so the figures
include routing, session handling, access rules and serialisation:

- staff open the kanban (web_read_group by stage, the progress bars and one
  web_search_read per column), open a form (web_read), and now and then
  record a complaint (web_save), write its stage 1 response and close it;
- investigators acknowledge a stage 2 complaint assigned to them;
- senior managers sign off and close an answered stage 2 complaint;
- the liaison officer exports last quarter (the workbook and the CSV).

The users and the stage 2 pools come from bench/load_setup.py. Every
JSON-RPC error counts as a failed request. Only ever point it at 127.0.0.1.
"""

import itertools
import os
import random

from locust import HttpUser, between, task
from locust.exception import RescheduleTask

DB = os.environ.get("CHP_LOAD_DB", "chp_load_bench")
PASSWORD = "load-test-only"
PER_ROLE = int(os.environ.get("CHP_LOAD_PER_ROLE", "20"))
KANBAN_SPEC = {
    f: {}
    for f in (
        "stage_id",
        "state",
        "is_overdue",
        "days_left",
        "name",
        "subject",
        "customer_name",
        "deadline",
        "activity_state",
        "kanban_color",
    )
}
KANBAN_SPEC["service_id"] = {"fields": {"display_name": {}}}
KANBAN_SPEC["user_id"] = {"fields": {"display_name": {}}}
FORM_SPEC = {
    f: {}
    for f in (
        "name",
        "subject",
        "description",
        "state",
        "channel",
        "date_received",
        "customer_name",
        "deadline",
        "stage1_outcome",
        "stage1_action",
        "stage2_outcome",
        "stage2_action",
        "stage2_ack_date",
    )
}
for _m2o in ("stage_id", "service_id", "root_cause_id", "user_id", "investigator_id"):
    FORM_SPEC[_m2o] = {"fields": {"display_name": {}}}
COUNTERS = {}
POOLS = {}


def next_login(prefix):
    """Logins in turn: load_staff_000, _001, ... (shared when there are more
    locust users than logins)."""
    counter = COUNTERS.setdefault(prefix, itertools.count())
    return f"{prefix}_{next(counter) % PER_ROLE:03d}"


class OdooUser(HttpUser):
    abstract = True
    host = "http://127.0.0.1:8069"
    prefix = None

    def on_start(self):
        self.login = next_login(self.prefix)
        self.sign_in()

    def sign_in(self):
        """A failed sign-in counts once, as "login"; the user tries again
        before its next task instead of sending requests without a session."""
        result = self.rpc(
            "/web/session/authenticate",
            {"db": DB, "login": self.login, "password": PASSWORD},
            "login",
        )
        self.uid = result and result.get("uid")
        self.odoo_context = {"lang": "en_US", "tz": "Europe/London", "uid": self.uid}

    def rpc(self, path, params, name):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        with self.client.post(path, json=payload, name=name, catch_response=True) as response:
            try:
                body = response.json()
            except ValueError:
                response.failure(f"HTTP {response.status_code}, not JSON")
                return None
            if "error" in body:
                error = body["error"].get("data", {}).get("message") or body["error"]
                response.failure(str(error)[:200])
                return None
            return body.get("result")

    def call(self, model, method, args, kwargs=None, name=None):
        if not self.uid:
            self.sign_in()
            if not self.uid:
                raise RescheduleTask()
        kwargs = dict(kwargs or {}, context=self.odoo_context)
        params = {"model": model, "method": method, "args": args, "kwargs": kwargs}
        return self.rpc("/web/dataset/call_kw", params, name or method)

    def open_form(self, model, rec_id):
        return self.call(model, "web_read", [[rec_id]], {"specification": FORM_SPEC}, "form")

    def pool(self, key, domain):
        """The ids this login may act on, fetched once and consumed once."""
        if key not in POOLS:
            POOLS[key] = []
            ids = self.call("chp.complaint", "search", [domain], {"limit": 2000}, "pool")
            POOLS[key] = list(ids or [])
            random.shuffle(POOLS[key])
        return POOLS[key]


class Staff(OdooUser):
    weight = 8
    wait_time = between(1, 3)
    prefix = "load_staff"

    def on_start(self):
        super().on_start()
        self.seen = []
        self.service = self.cause = None

    @task(5)
    def kanban(self):
        groups = self.call(
            "chp.complaint",
            "web_read_group",
            [[], ["stage_id"], ["stage_id"]],
            {"lazy": True, "limit": 80},
            "kanban: web_read_group",
        )
        self.call(
            "chp.complaint",
            "read_progress_bar",
            [],
            {
                "domain": [],
                "group_by": "stage_id",
                "progress_bar": {"field": "activity_state", "colors": {}},
            },
            "kanban: read_progress_bar",
        )
        for group in (groups or {}).get("groups", [])[:4]:
            if group.get("__fold"):
                continue
            result = self.call(
                "chp.complaint",
                "web_search_read",
                [group["__domain"], KANBAN_SPEC],
                {"limit": 40},
                "kanban: web_search_read",
            )
            self.seen = [r["id"] for r in (result or {}).get("records", [])] or self.seen

    @task(3)
    def form(self):
        if self.seen:
            self.open_form("chp.complaint", random.choice(self.seen))

    @task(1)
    def create_and_close(self):
        if not self.service:
            self.service = self.call("chp.service", "search", [[]], {"limit": 1}, "setup")[0]
            self.cause = self.call("chp.root.cause", "search", [[]], {"limit": 1}, "setup")[0]
        vals = {
            "subject": "Load test: repair not done",
            "channel": "phone",
            "customer_name": "Load customer",
            "service_id": self.service,
            "root_cause_id": self.cause,
        }
        saved = self.call(
            "chp.complaint", "web_save", [[], vals], {"specification": FORM_SPEC}, "save: create"
        )
        if not saved:
            return
        rec_id = saved[0]["id"]
        response = {"stage1_outcome": "upheld", "stage1_action": "Repair booked."}
        self.call(
            "chp.complaint",
            "web_save",
            [[rec_id], response],
            {"specification": FORM_SPEC},
            "save: stage 1 response",
        )
        self.call("chp.complaint", "action_close_stage1", [[rec_id]], name="close stage 1")


class Investigator(OdooUser):
    weight = 1
    wait_time = between(2, 5)
    prefix = "load_investigator"

    @task
    def acknowledge(self):
        ids = self.pool(
            self.login,
            [
                ("state", "=", "stage2"),
                ("stage2_ack_date", "=", False),
                ("investigator_id", "=", self.uid),
            ],
        )
        if ids:
            rec_id = ids.pop()
            self.open_form("chp.complaint", rec_id)
            self.call("chp.complaint", "action_acknowledge", [[rec_id]], name="acknowledge")


class Senior(OdooUser):
    weight = 1
    wait_time = between(2, 5)
    prefix = "load_senior"

    @task
    def signoff(self):
        ids = self.pool(
            "signoff",
            [
                ("state", "=", "stage2"),
                ("stage2_ack_date", "!=", False),
                ("stage2_outcome", "!=", False),
                ("subject", "=like", "Load stage 2 complaint %"),
            ],
        )
        if ids:
            rec_id = ids.pop()
            self.open_form("chp.complaint", rec_id)
            self.call("chp.complaint", "action_signoff_close", [[rec_id]], name="sign off")


class Liaison(OdooUser):
    fixed_count = 1
    wait_time = between(5, 10)
    prefix = "load_liaison"

    @task
    def export_quarter(self):
        saved = self.call(
            "chp.spso.export.wizard",
            "web_save",
            [[], {}],
            {"specification": {"date_from": {}, "date_to": {}}},
            "export: wizard",
        )
        if saved:
            self.call("chp.spso.export.wizard", "action_export", [[saved[0]["id"]]], name="export")
