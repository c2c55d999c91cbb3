"""Benchmarks of scale (issue 16): the indicator engine against its floor
with the same parallel settings on both sides, and a change of the
retention policy's years against the ORM recompute it replaced."""

import time
from contextlib import contextmanager

SETTINGS = {
    # One process per query on both sides: what each query costs.
    "serial": "SET LOCAL max_parallel_workers_per_gather = 0",
    # PostgreSQL's defaults on both sides: the floor's plain aggregate gets
    # parallel workers, the engine's GROUPING SETS cannot (PostgreSQL does not
    # parallelise them), so this ratio depends on how many idle cores there are.
    "default": "SET LOCAL max_parallel_workers_per_gather = DEFAULT",
}


@contextmanager
def parallel_setting(env, name):
    """Run the block with one of ``SETTINGS`` for the current transaction,
    restored after (SET LOCAL inside a savepoint is undone by its rollback)."""
    env.cr.execute("SAVEPOINT chp_bench_parallel")
    try:
        env.cr.execute(SETTINGS[name])
        yield
    finally:
        env.cr.execute("ROLLBACK TO SAVEPOINT chp_bench_parallel")


def bench_engine_fair(env, bench_indicators, runs, df, dt):
    """{setting: (engine time, floor time)}, each pair measured back to back
    under the same setting."""
    result = {}
    for name in SETTINGS:
        with parallel_setting(env, name):
            engine_t, floor_t, _figures = bench_indicators(env, runs, df, dt)
        result[name] = (engine_t, floor_t)
    return result


def _retention_dates(env):
    env.cr.execute("SELECT id, retention_date FROM chp_complaint ORDER BY id")
    return dict(env.cr.fetchall())


def bench_retention_change(env):
    """Changing the company's retention years, in savepoints rolled back:
    (time of ``res.company.write`` with its SQL recompute, time of the ORM
    recomputing the retention date of every complaint of the company as the
    field's former ``company_id.chp_retention_years`` dependency made it do,
    number of complaints whose date changed, number of dates that differ
    between the two paths)."""
    company = env.company
    years = company.chp_retention_years + 1
    Complaint = env["chp.complaint"]
    field = Complaint._fields["retention_date"]
    env.flush_all()

    # The former path: the same new years, every complaint's date recomputed
    # by _compute_retention_date and flushed by the ORM.
    env.cr.execute("SAVEPOINT chp_bench_retention")
    try:
        env.cr.execute(
            "UPDATE res_company SET chp_retention_years = %s WHERE id = %s", (years, company.id)
        )
        env.invalidate_all()
        t0 = time.perf_counter()
        complaints = Complaint.with_context(active_test=False).search(
            [("company_id", "=", company.id)]
        )
        env.add_to_compute(field, complaints)
        complaints.flush_recordset(["retention_date"])
        orm_t = time.perf_counter() - t0
        orm_dates = _retention_dates(env)
    finally:
        env.cr.execute("ROLLBACK TO SAVEPOINT chp_bench_retention")
        env.invalidate_all()

    before = _retention_dates(env)
    env.cr.execute("SAVEPOINT chp_bench_retention")
    try:
        t0 = time.perf_counter()
        company.write({"chp_retention_years": years})
        env.flush_all()
        sql_t = time.perf_counter() - t0
        sql_dates = _retention_dates(env)
    finally:
        env.cr.execute("ROLLBACK TO SAVEPOINT chp_bench_retention")
        env.invalidate_all()
    changed = sum(1 for key, value in sql_dates.items() if before.get(key) != value)
    differ = sum(1 for key, value in sql_dates.items() if orm_dates.get(key) != value)
    return sql_t, orm_t, changed, differ


def action_default_domain(env, xmlid):
    """The domain of an action's default filters (``search_default_<name>``
    in its context, each a ``<filter>`` of its search view): what the web
    client searches on the view's first load."""
    from lxml import etree

    from odoo.osv import expression
    from odoo.tools.safe_eval import safe_eval

    action = env.ref(xmlid)
    context = safe_eval(action.context or "{}", {"uid": env.uid})
    names = [
        key.removeprefix("search_default_")
        for key, value in context.items()
        if key.startswith("search_default_") and value
    ]
    Model = env[action.res_model]
    view_id = action.search_view_id.id or False
    arch = Model.get_views([(view_id, "search")])["views"]["search"]["arch"]
    root = etree.fromstring(arch)
    domains = []
    for name in names:
        for node in root.iter("filter"):
            if node.get("name") == name and node.get("domain"):
                domains.append(safe_eval(node.get("domain"), {"uid": env.uid}))
    return expression.AND(domains) if domains else []
