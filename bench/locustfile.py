"""Load scenario of the complaints suite for locust (make load).

Every user signs in once over HTTP (/web/session/authenticate), as a real
user signs in once a day and not per task, and then talks JSON-RPC to
/web/dataset/call_kw as the web client does, so the figures include routing,
session handling, access rules and serialisation:

- staff open the kanban (web_read_group by stage, the progress bars and one
  web_search_read per unfolded column) of their caseload, open a form
  (web_read with the specification the web client derives from the form
  view the server gives the user's role), and now and then
  record a complaint (web_save), write its stage 1 response and close it;
- investigators acknowledge a stage 2 complaint assigned to them;
- senior managers sign off and close an answered stage 2 complaint;
- the liaison officer exports last quarter (the workbook and the CSV).

The users, their caseloads and the stage 2 pools come from
bench/load_setup.py. Every JSON-RPC error counts as a failed request. Only
ever point it at 127.0.0.1.

Measurement window: users start at the spawn rate (scripts/load.sh: one a
second by default), each signing in as it starts. When every user has
started and signed in, every figure is reset except the sign-ins, and locust
stops CHP_LOAD_MEASURE seconds later: the other figures are measured with
all users working, and the sign-in figure covers every user's sign-in under
the load of the users already working.
"""

import copy
import itertools
import json
import os
import random
import time
import xml.etree.ElementTree as ET

import gevent
from locust import HttpUser, between, events, task
from locust.exception import RescheduleTask

DB = os.environ.get("CHP_LOAD_DB", "chp_load_bench")
PASSWORD = "load-test-only"
PER_ROLE = int(os.environ.get("CHP_LOAD_PER_ROLE", "20"))
MEASURE = int(os.environ.get("CHP_LOAD_MEASURE", "0"))
# The kanban card's fields, with those the kanban_activity widget depends on
# (mail/static/src/views/web/fields/kanban_activity/kanban_activity.js).
KANBAN_SPEC = {
    f: {}
    for f in (
        "activity_ids",
        "activity_exception_decoration",
        "activity_exception_icon",
        "activity_summary",
        "activity_type_icon",
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
KANBAN_SPEC["activity_type_id"] = {"fields": {"display_name": {}}}
X2MANY = ("one2many", "many2many")
COUNTERS = {}
POOLS = {}
FORM_SPECS = {}


def view_spec(node, model, models):
    """The ``specification`` the web client sends for a view's fields, as
    Odoo 18's getFieldsSpec builds it (web/static/src/model/relational_model/
    utils.js): every field of the arch (invisible ones too), many2ones with
    their display_name unless always invisible, x2manys with the fields of
    their inline list (or the tags' display_name) and a limit of 40."""
    fields = models[model]["fields"]
    spec = {}
    for child in node:
        if child.tag != "field":
            spec.update(view_spec(child, model, models))
            continue
        name = child.get("name")
        field = fields[name]
        always_invisible = child.get("invisible") in ("1", "True")
        entry = spec.setdefault(name, {})
        if field["type"] in ("many2one", "reference"):
            entry["fields"] = {} if always_invisible else {"display_name": {}}
        elif field["type"] in X2MANY and not always_invisible:
            sub = child.find("list")
            if sub is not None:
                entry["fields"] = view_spec(sub, field["relation"], models)
                entry["limit"] = 40
            elif child.get("widget") == "many2many_tags":
                entry["fields"] = {"display_name": {}}
    return spec


ENVIRONMENT = []
SIGNED_IN = [0]


@events.init.add_listener
def remember_environment(environment, **_kwargs):
    ENVIRONMENT.append(environment)


@events.spawning_complete.add_listener
def start_measuring(user_count, **_kwargs):
    gevent.spawn(measure, ENVIRONMENT[-1], user_count)


def measure(environment, user_count):
    """The measurement window: once every user has started and signed in
    (at most 5 minutes after the last start), every figure but the sign-ins
    is reset; ``CHP_LOAD_MEASURE`` seconds later locust stops. The sign-ins,
    all made during the ramp, keep their figures."""
    deadline = time.monotonic() + 300
    while SIGNED_IN[0] < user_count and time.monotonic() < deadline:
        gevent.sleep(0.5)
    stats = environment.stats
    login = stats.entries.get(("login", "POST"))
    saved = login and {k: copy.copy(v) for k, v in vars(login).items() if k != "stats"}
    stats.reset_all()
    if login:
        vars(login).update(saved)
    if MEASURE:
        gevent.sleep(MEASURE)
        environment.runner.quit()


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
        SIGNED_IN[0] += 1

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

    def form_spec(self):
        """The complaint form's specification for this user's role, from the
        form view the server gives this user (get_views strips the fields of
        groups the user lacks), fetched once per role as the browser caches
        views."""
        if self.prefix not in FORM_SPECS:
            views = self.call(
                "chp.complaint", "get_views", [[[False, "form"]]], {"options": {}}, "setup"
            )
            arch = ET.fromstring(views["views"]["form"]["arch"])
            spec = view_spec(arch, "chp.complaint", views["models"])
            spec["display_name"] = {}
            FORM_SPECS[self.prefix] = spec
        return FORM_SPECS[self.prefix]

    def open_form(self, model, rec_id):
        spec = self.form_spec()
        return self.call(model, "web_read", [[rec_id]], {"specification": spec}, "form")

    def open_and_press(self, pool_key, method, name):
        """Open the form of the next complaint of pool ``pool_key`` and press
        the button ``method`` on it (one complaint per press: the step can't
        be repeated)."""
        ids = self.pool(pool_key)
        if ids:
            rec_id = ids.pop()
            self.open_form("chp.complaint", rec_id)
            self.call("chp.complaint", method, [[rec_id]], name=name)

    @staticmethod
    def pool(key):
        """Ids of complaints to act on (bench/load_setup.py wrote them for this
        run), each consumed once; none when the pool is used up."""
        if not POOLS and os.environ.get("CHP_LOAD_POOLS"):
            with open(os.environ["CHP_LOAD_POOLS"]) as fh:
                POOLS.update(json.load(fh))
            for ids in POOLS.values():
                random.shuffle(ids)
        return POOLS.setdefault(key, [])


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
            services = self.call("chp.service", "search", [[]], {"limit": 1}, "setup")
            causes = self.call("chp.root.cause", "search", [[]], {"limit": 1}, "setup")
            if not (services and causes):  # the failed call is counted; try again later
                return
            self.service, self.cause = services[0], causes[0]
        vals = {
            "subject": "Load test: repair not done",
            "channel": "phone",
            "customer_name": "Load customer",
            "service_id": self.service,
            "root_cause_id": self.cause,
        }
        saved = self.call(
            "chp.complaint",
            "web_save",
            [[], vals],
            {"specification": self.form_spec()},
            "save: create",
        )
        if not saved:
            return
        rec_id = saved[0]["id"]
        response = {"stage1_outcome": "upheld", "stage1_action": "Repair booked."}
        if not self.call(
            "chp.complaint",
            "web_save",
            [[rec_id], response],
            {"specification": self.form_spec()},
            "save: stage 1 response",
        ):
            return  # counted as a failed save; closing would fail for want of it
        self.call("chp.complaint", "action_close_stage1", [[rec_id]], name="close stage 1")


class Investigator(OdooUser):
    weight = 1
    wait_time = between(2, 5)
    prefix = "load_investigator"

    @task
    def acknowledge(self):
        self.open_and_press(self.login, "action_acknowledge", "acknowledge")


class Senior(OdooUser):
    weight = 1
    wait_time = between(2, 5)
    prefix = "load_senior"

    @task
    def signoff(self):
        self.open_and_press("signoff", "action_signoff_close", "sign off")


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
