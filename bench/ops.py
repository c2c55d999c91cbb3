"""Benchmarks of operations: creation against project.task, the history
import against seeding, one form save over HTTP (web_save)."""

import json
import os
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta

import seed as bench_seed

ADMIN_LOGIN = "bench_admin"


def bench_admin(env):
    """A complaints administrator with a password (committed: the HTTP
    benchmark's server logs in as them)."""
    Users = env["res.users"].with_context(no_reset_password=True)
    user = Users.search([("login", "=", ADMIN_LOGIN)])
    if not user:
        user = Users.create(
            {
                "name": "Bench administrator",
                "login": ADMIN_LOGIN,
                "password": ADMIN_LOGIN,
                "groups_id": [(6, 0, env.ref("chp_complaints.group_chp_admin").ids)],
            }
        )
        env.cr.commit()
    return user


def timed_in_savepoint(env, fn):
    env.cr.execute("SAVEPOINT chp_bench_ops")
    t0 = time.perf_counter()
    result = fn()
    env.flush_all()
    elapsed = time.perf_counter() - t0
    env.cr.execute("ROLLBACK TO SAVEPOINT chp_bench_ops")
    env.invalidate_all()
    return elapsed, result


def bench_tasks(env, n, ctx):
    """n project.task, each with an assignee, a deadline and one activity
    (To-Do), created in batches as a bulk creation would: the fair peer of
    a complaint, which gets a handler, a deadline and its deadline activity."""
    users = env["res.users"].search([("login", "=like", "bench_staff_%")], order="id")
    deadline = date.today() + timedelta(days=7)
    todo = env.ref("mail.mail_activity_data_todo")
    task_model = env["ir.model"]._get_id("project.task")

    def create():
        project = env["project.project"].with_context(**ctx).create({"name": "Bench project"})
        tasks = (
            env["project.task"]
            .with_context(**ctx)
            .create(
                [
                    {
                        "name": f"Task {i}",
                        "project_id": project.id,
                        "user_ids": [(6, 0, [users[i % len(users)].id])],
                        "date_deadline": deadline,
                        "description": "<p>The repair was not done.</p>",
                    }
                    for i in range(n)
                ]
            )
        )
        env["mail.activity"].with_context(**ctx).create(
            [
                {
                    "res_model_id": task_model,
                    "res_id": task.id,
                    "activity_type_id": todo.id,
                    "user_id": users[i % len(users)].id,
                    "date_deadline": deadline,
                }
                for i, task in enumerate(tasks)
            ]
        )
        return tasks

    elapsed, _tasks = timed_in_savepoint(env, create)
    return elapsed


def seeding_rate(env, n=5000):
    """Complaints per second of the seeding path (batched create of final
    values, 1,000 per batch), measured now and rolled back."""
    from odoo.addons.chp_complaints.tools.transition import creating

    Complaint = env["chp.complaint"].with_context(**bench_seed.SEED_CONTEXT)
    refs = bench_seed.ensure_reference_data(env, None)
    import random

    rng = random.Random(99)
    Stage = env["chp.complaint.stage"]
    stages = {s: Stage.search([("state", "=", s)], limit=1) for s in ("stage1", "stage2", "closed")}
    start, end = bench_seed.reporting_years(date.today())

    def create():
        for batch in range(0, n, 1000):
            with creating(env, "chp.complaint"):
                Complaint.create(
                    [
                        bench_seed.complaint_vals(rng, stages, refs, start, end, 10**7 + batch + i)
                        for i in range(min(1000, n - batch))
                    ]
                )

    elapsed, _ = timed_in_savepoint(env, create)
    return n / elapsed


HEADER = (
    "reference,received,channel,customer_name,customer_email,service,contractor,"
    "entry_stage,stage1_closed,stage1_outcome,stage1_extended_to,escalated_on,"
    "stage2_acknowledged,stage2_closed,stage2_outcome,stage2_extended_to,"
    "signed_off_by,root_cause,spso_outcome"
)


def history_csv(rows):
    """A history file like an organisation's: 85% closed at stage 1, 10%
    escalated and signed off, 5% straight to stage 2 and signed off."""
    lines = [HEADER]
    first = date.today().replace(month=1, day=1) - timedelta(days=3 * 365)
    for i in range(rows):
        day = first + timedelta(days=i % 1000)
        received = f"{day.isoformat()} {9 + i % 8:02d}:{i % 60:02d}"
        service = f"Bench service {i % 20:02d}"
        cause = f"Bench cause {i % 30:02d}"
        signer = f"bench_staff_{i % 200:03d}"
        if i % 20 < 17:
            cols = [f"1,{day + timedelta(days=i % 5)},upheld,,,,,,,", cause, ""]
        elif i % 20 < 19:
            esc = day + timedelta(days=6)
            cols = [
                f"1,{day + timedelta(days=3)},not_upheld,,{esc},{esc + timedelta(days=2)},"
                f"{esc + timedelta(days=15)},partially_upheld,,{signer}",
                cause,
                "",
            ]
        else:
            cols = [
                f"2,,,,,{day + timedelta(days=2)},{day + timedelta(days=18)},upheld,,{signer}",
                cause,
                "",
            ]
        lines.append(
            f"BENCHIMP/{i:06d},{received},email,Customer {i},,{service},," + ",".join(cols)
        )
    return "\n".join(lines).encode()


def bench_import(env, rows):
    """(validation time, write time) of a history file of ``rows`` rows:
    the wizard validates and queues, the chunks are written as the
    scheduled action writes them. Rolled back after."""
    import base64

    admin = bench_admin(env)
    data = base64.b64encode(history_csv(rows))
    env.cr.execute("SAVEPOINT chp_bench_import")
    try:
        wizard = (
            env["chp.complaint.import.wizard"]
            .with_user(admin)
            .create({"file": data, "filename": "bench.csv"})
        )
        t0 = time.perf_counter()
        wizard.action_import()
        validate_t = time.perf_counter() - t0
        imported = wizard.import_id.sudo()
        if not imported:
            raise RuntimeError(f"the bench file did not validate: {wizard.error_report[:500]}")
        t0 = time.perf_counter()
        while imported.state not in ("done", "failed"):
            imported._chp_write_next_chunk()
            env.flush_all()
            env.invalidate_all()
        write_t = time.perf_counter() - t0
        if imported.state != "done":
            raise RuntimeError(imported.error)
    finally:
        env.cr.execute("ROLLBACK TO SAVEPOINT chp_bench_import")
        env.invalidate_all()
    return validate_t, write_t


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_web_save(env, config, database, runs=50):
    """Median round trip of one new complaint saved from the form
    (``web_save`` over JSON-RPC) against a threaded Odoo server on this
    machine: an upper bound of the server time."""
    import requests

    import odoo

    bench_admin(env)
    service = env["chp.service"].search([("name", "=like", "Bench service %")], limit=1)
    port = _free_port()
    odoo_bin = os.path.join(os.path.dirname(os.path.dirname(odoo.__file__)), "odoo-bin")
    server = subprocess.Popen(
        [
            sys.executable,
            odoo_bin,
            "-c",
            config,
            "-d",
            database,
            "--http-port",
            str(port),
            "--workers",
            "0",
            "--max-cron-threads",
            "0",
            "--log-level",
            "warn",
            "--db-filter",
            f"^{database}$",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    session = requests.Session()

    def rpc(path, params):
        response = session.post(
            base + path,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
            headers={"Content-Type": "application/json"},
            timeout=60,
        )
        body = response.json()
        if "error" in body:
            raise RuntimeError(body["error"]["data"]["message"])
        return body["result"]

    try:
        for _wait in range(120):
            try:
                session.get(base + "/web/webclient/version_info", timeout=2)
                break
            except requests.ConnectionError:
                time.sleep(1)
        rpc(
            "/web/session/authenticate",
            {"db": database, "login": ADMIN_LOGIN, "password": ADMIN_LOGIN},
        )
        times = []
        for i in range(runs + 3):
            vals = {
                "subject": f"Bench web_save {i}",
                "description": "<p>The repair was not done.</p>",
                "channel": "phone",
                "service_id": service.id,
                "customer_name": f"Web customer {i}",
                "customer_email": f"web{i}@example.org",
            }
            t0 = time.perf_counter()
            rpc(
                "/web/dataset/call_kw/chp.complaint/web_save",
                {
                    "model": "chp.complaint",
                    "method": "web_save",
                    "args": [[], vals],
                    "kwargs": {"specification": {"name": {}, "state": {}, "deadline": {}}},
                },
            )
            if i >= 3:  # the first saves warm the server's caches
                times.append(time.perf_counter() - t0)
        return statistics.median(times)
    finally:
        server.terminate()
        server.wait(timeout=60)
