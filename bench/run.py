"""make bench: the suite's speed, as ratios against baselines measured in the
same process, on a database of N complaints (default 100,000).

Each figure is the median of several runs, with the ORM caches emptied before
each run. Run through scripts/bench.sh, which prepares the database.
"""

import argparse
import os
import platform
import statistics
import sys
import time
from datetime import date

sys.path.insert(0, os.path.dirname(__file__))

import ops as bench_ops
import scale as bench_scale
import seed as bench_seed

SECTIONS = (
    "engine",
    "kanban",
    "workbook",
    "creation",
    "import",
    "save",
    "cron",
    "retention",
    "growth",
)


def median_time(fn, runs, before=None):
    """Median wall time of ``fn`` over ``runs`` runs (``before`` runs untimed
    before each, to empty caches)."""
    times = []
    result = None
    for _ in range(runs):
        if before:
            before()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


FLOOR_SQL = """
WITH c AS (
    SELECT * FROM chp_complaint WHERE company_id = %(company)s
)
SELECT
    count(*) FILTER (WHERE date_received_day BETWEEN %(df)s AND %(dt)s),
    count(*) FILTER (WHERE date_received_day BETWEEN %(df)s AND %(dt)s
                     AND stage2_route = 'direct'),
    count(*) FILTER (WHERE stage1_date_closed BETWEEN %(df)s AND %(dt)s),
    count(*) FILTER (WHERE stage2_date_closed BETWEEN %(df)s AND %(dt)s
                     AND stage2_route = 'direct'),
    count(*) FILTER (WHERE stage2_date_closed BETWEEN %(df)s AND %(dt)s
                     AND stage2_route = 'escalated'),
    count(*) FILTER (WHERE stage1_date_closed BETWEEN %(df)s AND %(dt)s
                     AND stage1_outcome = 'upheld'),
    count(*) FILTER (WHERE stage1_date_closed BETWEEN %(df)s AND %(dt)s
                     AND stage1_outcome = 'partially_upheld'),
    count(*) FILTER (WHERE stage1_date_closed BETWEEN %(df)s AND %(dt)s
                     AND stage1_outcome = 'not_upheld'),
    count(*) FILTER (WHERE stage1_date_closed BETWEEN %(df)s AND %(dt)s
                     AND stage1_outcome = 'resolved'),
    count(*) FILTER (WHERE stage2_date_closed BETWEEN %(df)s AND %(dt)s
                     AND stage2_outcome = 'upheld'),
    count(*) FILTER (WHERE stage2_date_closed BETWEEN %(df)s AND %(dt)s
                     AND stage2_outcome = 'partially_upheld'),
    count(*) FILTER (WHERE stage2_date_closed BETWEEN %(df)s AND %(dt)s
                     AND stage2_outcome = 'not_upheld'),
    count(*) FILTER (WHERE stage2_date_closed BETWEEN %(df)s AND %(dt)s
                     AND stage2_outcome = 'resolved'),
    avg(stage1_working_days) FILTER (WHERE stage1_date_closed BETWEEN %(df)s AND %(dt)s),
    avg(stage2_working_days) FILTER (WHERE stage2_date_closed BETWEEN %(df)s AND %(dt)s
                                     AND stage2_route = 'direct'),
    avg(stage2_working_days) FILTER (WHERE stage2_date_closed BETWEEN %(df)s AND %(dt)s
                                     AND stage2_route = 'escalated'),
    count(*) FILTER (WHERE stage1_date_closed BETWEEN %(df)s AND %(dt)s
                     AND stage1_within_timescale),
    count(*) FILTER (WHERE stage2_date_closed BETWEEN %(df)s AND %(dt)s
                     AND stage2_within_timescale),
    count(*) FILTER (WHERE stage1_date_closed BETWEEN %(df)s AND %(dt)s AND stage1_extended),
    count(*) FILTER (WHERE stage2_date_closed BETWEEN %(df)s AND %(dt)s AND stage2_extended),
    count(*) FILTER (WHERE date_received_day <= %(dt)s
                     AND (date_closed IS NULL OR date_closed > %(dt)s)),
    count(*) FILTER (WHERE date_received_day <= %(dt)s
                     AND (date_closed IS NULL OR date_closed > %(dt)s) AND deadline < %(dt)s)
FROM c
"""


def bench_indicators(env, runs, df, dt):
    Indicator = env["chp.spso.indicator"]
    company = env.company
    params = {"company": company.id, "df": df, "dt": dt}

    def floor():
        env.cr.execute(FLOOR_SQL, params)
        return env.cr.fetchone()

    floor_t, _row = median_time(floor, runs)
    engine_t, figures = median_time(
        lambda: Indicator.compute(df, dt, company=company), runs, before=env.invalidate_all
    )
    return engine_t, floor_t, figures


def bench_kanban(env, runs, domain=()):
    """The kanban's first load as the web client asks for it (the groups by
    stage, then up to 80 cards of each unfolded column) on ``domain``,
    against a bare ``search_read`` of the same cards."""
    domain = list(domain)
    Complaint = env["chp.complaint"]
    views = Complaint.get_views([(False, "kanban")])
    fields_info = views["models"]["chp.complaint"]["fields"]
    spec = {}
    for name, info in fields_info.items():
        if info.get("type") in ("many2one", "many2many", "one2many"):
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    kanban_fields = list(spec)

    def web_client():
        groups = Complaint.web_read_group(domain, ["stage_id"], ["stage_id"], lazy=True)["groups"]
        for group in groups:
            if group.get("__fold"):
                continue
            Complaint.web_search_read(group["__domain"], spec, limit=80)
        return groups

    def bare():
        for stage in env["chp.complaint.stage"].search([("fold", "=", False)]):
            Complaint.search_read([*domain, ("stage_id", "=", stage.id)], kanban_fields, limit=80)

    web_t, _ = median_time(web_client, runs, before=env.invalidate_all)
    bare_t, _ = median_time(bare, runs, before=env.invalidate_all)
    return web_t, bare_t


def bench_creation(env, n=10000):
    """10,000 new complaints vs 10,000 project.task with an assignee, a
    deadline and one activity each (Odoo's own kanban record) and 10,000
    minimal records, in the same context, rolled back after."""
    ctx = dict(bench_seed.SEED_CONTEXT)
    services, causes, contractors, users = bench_seed.ensure_reference_data(env, None)
    now = bench_seed.datetime.now()
    complaint_vals = [
        {
            "subject": f"New complaint {i}",
            "date_received": now,
            "channel": "phone",
            "service_id": services[i % 20].id,
            "user_id": users[i % 200].id,
            "root_cause_id": causes[i % 30].id,
            "contractor_id": contractors[i % 50].id,
            "customer_name": f"Customer {i}",
            "customer_email": f"customer{i}@example.org",
            "description": "<p>The repair was not done.</p>",
        }
        for i in range(n)
    ]
    baseline_vals = [
        {
            "subject": f"New record {i}",
            "date_received": now,
            "channel": "phone",
            "service_id": contractors[i % 50].id,
            "user_id": users[i % 200].id,
            "root_cause_id": contractors[i % 30].id,
            "contractor_id": contractors[i % 50].id,
            "customer_name": f"Customer {i}",
            "name": f"customer{i}@example.org",
            "stage1_action": "The repair was not done.",
        }
        for i in range(n)
    ]

    def timed_create(model, vals, **extra):
        vals = [dict(v) for v in vals]  # create() fills in names and stages
        env.cr.execute("SAVEPOINT chp_bench_create")
        t0 = time.perf_counter()
        env[model].with_context(**ctx, **extra).create(vals)
        env.flush_all()
        elapsed = time.perf_counter() - t0
        env.cr.execute("ROLLBACK TO SAVEPOINT chp_bench_create")
        env.invalidate_all()
        return elapsed

    base_t = timed_create("chp.bench.record", baseline_vals)
    task_t = bench_ops.bench_tasks(env, n, ctx)
    orm_t = timed_create("chp.complaint", complaint_vals)
    # Not a figure: how much of it is the deadline activity (mail.activity and
    # the handler as follower, both made by Odoo's mail addon) per complaint.
    no_activity_t = timed_create(
        "chp.complaint", complaint_vals, mail_activity_automation_skip=True
    )
    return orm_t, task_t, base_t, no_activity_t


def line(label, value, unit="s", ratio=None, target=None):
    text = f"{label:<58} {value:10.3f} {unit}"
    if ratio is not None:
        text += f"   ratio {ratio:6.2f}"
    if target is not None:
        text += f"   target {target}"
    print(text, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--n", type=int, default=100000, help="complaints to seed")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    parser.add_argument(
        "--import-rows", type=int, default=100000, help="rows of the history import benchmark"
    )
    parser.add_argument("--save-runs", type=int, default=50, help="web_save calls (median)")
    parser.add_argument(
        "--seed-only", action="store_true", help="seed and check the database, measure nothing"
    )
    parser.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help="comma-separated figures to measure, of: "
        + ", ".join(SECTIONS)
        + " (e.g. --only engine,kanban on a database seeded before)",
    )
    args = parser.parse_args()
    only = set(args.only.split(","))
    if only - set(SECTIONS):
        parser.error(f"unknown figures: {', '.join(sorted(only - set(SECTIONS)))}")

    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    registry = Registry(args.database)
    print(
        f"chp benchmarks on {platform.node()}: {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, {date.today()}"
    )
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tz": "Europe/London"})
        if bench_seed.seed(env, args.n):
            bench_seed.vacuum(args.database)
        bench_seed.check_sample(env)
        total = env["chp.complaint"].search_count([])
        print(f"database {args.database}: {total} complaints")
        if args.seed_only:
            return
        start, end = bench_seed.reporting_years(date.today())
        year_from = date(end.year - 1, 4, 1)
        runs = args.runs

        engine_ref = None  # the engine's time with default settings, for the workbook
        if "engine" in only:
            fair = bench_scale.bench_engine_fair(env, bench_indicators, runs, year_from, end)
            engine_t, floor_t = fair["serial"]
            line(
                "indicator engine, one reporting year, both serial",
                engine_t,
                ratio=engine_t / floor_t,
                target="ratio <= 1.5",
            )
            line("  floor: one hand-written SQL query, serial", floor_t)
            default_engine_t, default_floor_t = fair["default"]
            line(
                "  both with PostgreSQL's default parallel workers",
                default_engine_t,
                ratio=default_engine_t / default_floor_t,
            )
            line("  floor with PostgreSQL's default parallel workers", default_floor_t)
            engine_ref = default_engine_t

        if "kanban" in only:
            first_load = bench_scale.action_default_domain(
                env, "chp_complaints.chp_complaint_action"
            )
            web_t, bare_t = bench_kanban(env, runs, first_load)
            line(
                "kanban first load (web_read_group + web_search_read)",
                web_t,
                ratio=web_t / bare_t,
                target="<= 0.3 s",
            )
            line("  baseline: bare search_read of the same cards", bare_t)
            print(f"  first load: the action's default filter, {first_load}", flush=True)
            all_t, all_bare_t = bench_kanban(env, runs)
            line(
                "  for information: the same with the filter removed",
                all_t,
                ratio=all_t / all_bare_t,
            )

        if "retention" in only:
            sql_t, orm_t, changed, differ = bench_scale.bench_retention_change(env)
            # Target: well inside one request (Odoo's limit_time_real, 120 s).
            line(
                f"retention policy change, {total} complaints",
                sql_t,
                ratio=sql_t / orm_t,
                target="<= 60 s",
            )
            line("  baseline: the ORM recomputing every retention date", orm_t)
            print(
                f"  {changed} retention dates changed; {differ} differ from the ORM's",
                flush=True,
            )

        if "workbook" in only:
            workbook_t, _ = median_time(
                lambda: env["chp.spso.indicator"].build_workbook(year_from, end),
                max(1, runs // 2),
                before=env.invalidate_all,
            )
            line(
                "annual SPSO workbook, one reporting year",
                workbook_t,
                ratio=engine_ref and workbook_t / engine_ref,
                target="<= 10 s",
            )

        if "creation" in only:
            orm_t, task_t, base_t, no_activity_t = bench_creation(env)
            line(
                "create 10,000 complaints (ORM)", orm_t, ratio=orm_t / task_t, target="ratio <= 0.5"
            )
            line("  baseline: 10,000 project.task, assignee, deadline, 1 activity", task_t)
            line(
                "  for information: the complaints without their deadline activities",
                no_activity_t,
                ratio=no_activity_t / task_t,
            )
            line("  for information: 10,000 minimal mail.thread records", base_t)

        if "import" in only:
            rate = bench_ops.seeding_rate(env)
            validate_t, write_t = bench_ops.bench_import(env, args.import_rows)
            import_rate = args.import_rows / (validate_t + write_t)
            line(
                f"history import, {args.import_rows} rows (validate + write)",
                validate_t + write_t,
                ratio=import_rate / rate,
                target=">= 1,000 rows/s",
            )
            print(
                f"  import rate {import_rate:.0f} rows/s (validation {validate_t:.1f} s, "
                f"background write {write_t:.1f} s); seeding rate now {rate:.0f} complaints/s; "
                "ratio = import rate / seeding rate",
                flush=True,
            )

        if "save" in only:
            env.cr.commit()
            save_t = bench_ops.bench_web_save(env, args.config, args.database, args.save_runs)
            line(
                "one complaint saved from the form (web_save over HTTP), "
                f"median of {args.save_runs}",
                save_t,
                target="<= 0.1 s",
            )

        if "cron" in only:
            cron = env["chp.complaint"]._cron_check_overdue
            t0 = time.perf_counter()
            late = cron()
            first_t = time.perf_counter() - t0
            cron_t, _ = median_time(cron, 3)
            env.cr.rollback()
            line("daily overdue scheduled action, whole database", cron_t, target="<= 5 s")
            line(
                f"  for information: its first run, telling of {len(late)} overdue complaints",
                first_t,
            )

        if "growth" in only:
            print("indicator engine growth (periods holding about N complaints):")
            span = (end - start).days
            previous = None
            for size in (10000, 30000, 100000):
                days = max(1, int(span * min(1.0, size / max(total, 1))))
                df = date.fromordinal(end.toordinal() - days)
                count = env["chp.complaint"].search_count(
                    [("date_received_day", ">=", df), ("date_received_day", "<=", end)]
                )
                t, _ = median_time(
                    lambda df=df: env["chp.spso.indicator"].compute(df, end),
                    runs,
                    before=env.invalidate_all,
                )
                text = (
                    f"  N = {count:>7} received in period: {t:7.3f} s, "
                    f"{t * 1e6 / max(count, 1):6.2f} us per complaint"
                )
                if previous and count > previous[0]:
                    marginal = (t - previous[1]) * 1e6 / (count - previous[0])
                    text += f", {marginal:6.2f} us per complaint added"
                print(text, flush=True)
                previous = (count, t)


if __name__ == "__main__":
    main()
