"""Seeds the benchmark database with N complaints over three reporting years.

Proportions follow a large landlord or council: about 85% closed at stage 1,
10% escalated to stage 2, 5% straight to stage 2; a few percent still open;
outcomes mixed; 5% extended; 20 services, 30 root causes, 50 contractors and
200 staff users. Complaints go through the ORM's batched ``create`` (the path
of the CSV history import), so every stored computed field is filled by the
same code as in the application.
"""

import random
import time
from datetime import date, datetime, timedelta

OUTCOMES = ["upheld", "partially_upheld", "not_upheld", "resolved"]
CHANNELS = ["in_person", "phone", "email", "letter", "web", "social_media", "other"]
SEED_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
    "no_reset_password": True,
}


def reporting_years(today):
    """The last three complete reporting years (April to March) before today."""
    last_end_year = today.year if today.month > 3 else today.year - 1
    start = date(last_end_year - 3, 4, 1)
    end = date(last_end_year, 3, 31)
    return start, end


def ensure_reference_data(env, rng):
    """Services, causes, contractors and staff: created once, reused after."""
    env = env(context=dict(env.context, **SEED_CONTEXT))
    Service = env["chp.service"]
    services = Service.search([("name", "=like", "Bench service %")])
    if len(services) < 20:
        services |= Service.create(
            [{"name": f"Bench service {i:02d}"} for i in range(len(services), 20)]
        )
    Cause = env["chp.root.cause"]
    causes = Cause.search([("name", "=like", "Bench cause %")])
    if len(causes) < 30:
        causes |= Cause.create([{"name": f"Bench cause {i:02d}"} for i in range(len(causes), 30)])
    Partner = env["res.partner"]
    contractors = Partner.search([("name", "=like", "Bench contractor %")])
    if len(contractors) < 50:
        vals = {"chp_is_contractor": True} if "chp_is_contractor" in Partner._fields else {}
        contractors |= Partner.create(
            [{"name": f"Bench contractor {i:02d}", **vals} for i in range(len(contractors), 50)]
        )
    Users = env["res.users"]
    users = Users.search([("login", "=like", "bench_staff_%")])
    if len(users) < 200:
        staff_group = env.ref("chp_complaints.group_chp_senior_manager")
        users |= Users.create(
            [
                {
                    "name": f"Bench staff {i:03d}",
                    "login": f"bench_staff_{i:03d}",
                    "groups_id": [(6, 0, staff_group.ids)],
                }
                for i in range(len(users), 200)
            ]
        )
    return services, causes, contractors, users


def complaint_vals(rng, stages, refs, start, end, index):
    """Values of one historical complaint, with its whole recorded journey."""
    services, causes, contractors, users = refs
    span = (end - start).days
    received = datetime.combine(start + timedelta(days=rng.randrange(span)), datetime.min.time())
    received += timedelta(hours=rng.randrange(8, 17), minutes=rng.randrange(60))
    day = received.date()
    vals = {
        "subject": f"Bench complaint {index}",
        "date_received": received,
        "channel": rng.choice(CHANNELS),
        "service_id": rng.choice(services).id,
        "user_id": rng.choice(users).id,
        "root_cause_id": rng.choice(causes).id,
        "customer_name": f"Customer {index}",
    }
    if rng.random() < 0.3:
        vals["contractor_id"] = rng.choice(contractors).id
    roll = rng.random()
    still_open = rng.random() < 0.03
    if roll < 0.05:
        route = "direct"
    elif roll < 0.15:
        route = "escalated"
    else:
        route = None
    extended = rng.random() < 0.05
    if route != "direct":
        closed1 = day + timedelta(days=rng.randint(0, 12 if extended else 8))
        if still_open and route is None:
            vals["stage_id"] = stages["stage1"].id
            return vals
        vals.update(
            stage1_action="Explained and put right.",
            stage1_outcome=rng.choice(OUTCOMES),
            stage1_date_closed=closed1,
        )
        if extended and route is None:
            vals.update(
                stage1_extended_deadline=closed1 + timedelta(days=2),
                stage1_extension_reason="Contractor report awaited.",
                stage1_extension_user_id=rng.choice(users).id,
            )
        if route is None:
            vals["stage_id"] = stages["closed"].id
            return vals
        start2 = closed1 + timedelta(days=rng.randint(0, 10))
    else:
        start2 = day
    vals.update(stage2_route=route, stage2_date_start=start2)
    if still_open:
        vals["stage_id"] = stages["stage2"].id
        return vals
    closed2 = start2 + timedelta(days=rng.randint(10, 45 if extended else 32))
    vals.update(
        stage2_ack_date=start2 + timedelta(days=rng.randint(0, 3)),
        stage2_action="Investigated; findings sent.",
        stage2_outcome=rng.choice(OUTCOMES),
        stage2_date_closed=closed2,
        signoff_user_id=rng.choice(users).id,
        signoff_date=datetime.combine(closed2, datetime.min.time()) + timedelta(hours=12),
        stage_id=stages["closed"].id,
    )
    if extended:
        vals.update(
            stage2_extended_deadline=closed2 + timedelta(days=1),
            stage2_extension_reason="Complex investigation.",
            stage2_extension_user_id=rng.choice(users).id,
        )
    return vals


def seed(env, n, batch=1000, seed_value=42, log=print):
    """Brings the number of bench complaints up to ``n``; returns how many were
    created. Commits after each batch so that a long seeding survives."""
    from odoo.addons.chp_complaints.tools.transition import creating

    Complaint = env["chp.complaint"].with_context(**SEED_CONTEXT)
    have = Complaint.search_count([("subject", "=like", "Bench complaint %")])
    if have >= n:
        return 0
    rng = random.Random(seed_value + have)
    refs = ensure_reference_data(env, rng)
    Stage = env["chp.complaint.stage"]
    stages = {s: Stage.search([("state", "=", s)], limit=1) for s in ("stage1", "stage2", "closed")}
    start, end = reporting_years(date.today())
    todo = n - have
    t0 = time.perf_counter()
    done = 0
    while done < todo:
        size = min(batch, todo - done)
        # Seeded history has its outcomes and dates: a step of the procedure.
        with creating(env, "chp.complaint"):
            Complaint.create(
                [
                    complaint_vals(rng, stages, refs, start, end, have + done + i)
                    for i in range(size)
                ]
            )
        env.cr.commit()
        env.invalidate_all()
        done += size
        if done % 10000 == 0 or done == todo:
            elapsed = time.perf_counter() - t0
            log(f"  seeded {done}/{todo} complaints, {done / elapsed:.0f} per second")
    elapsed = time.perf_counter() - t0
    log(f"seeding: {todo} complaints in {elapsed:.1f} s ({todo / elapsed:.0f} per second)")
    return todo


def vacuum(dbname, log=print):
    """``VACUUM (ANALYZE)`` the complaints after seeding: the state autovacuum
    keeps a live database in (planner statistics up to date, the visibility
    map set so that counts can read indexes only), which a database filled
    a moment ago has not reached yet."""
    import odoo.sql_db

    t0 = time.perf_counter()
    with odoo.sql_db.db_connect(dbname).cursor() as cr:
        cr._cnx.autocommit = True  # VACUUM cannot run in a transaction
        cr.execute("VACUUM (ANALYZE) chp_complaint")
    log(f"vacuum analyze of the complaints: {time.perf_counter() - t0:.1f} s")


# Stored computed fields that depend on the day they are computed on: the
# daily overdue scheduled action refreshes them for open complaints.
DAY_DEPENDENT = ("is_overdue", "days_left")


def check_sample(env, size=200, seed_value=7, log=print):
    """Recompute every stored computed field of ``size`` seeded complaints
    through the ORM (the same compute methods, forced to run again) and
    compare with what seeding stored. Rolled back after; returns the number
    of mismatching values."""
    Complaint = env["chp.complaint"]
    fnames = sorted(
        name
        for name, field in Complaint._fields.items()
        if field.store and field.compute and field.column_type
    )
    ids = Complaint.search([("subject", "=like", "Bench complaint %")]).ids
    sample = Complaint.browse(sorted(random.Random(seed_value).sample(ids, min(size, len(ids)))))
    env.flush_all()
    env.invalidate_all()
    stored = {row["id"]: row for row in sample.read(fnames, load=None)}
    env.cr.execute("SAVEPOINT chp_bench_check")
    try:
        for name in fnames:
            env.add_to_compute(Complaint._fields[name], sample)
        sample.flush_recordset(fnames)
        env.invalidate_all()
        fresh = {row["id"]: row for row in sample.read(fnames, load=None)}
    finally:
        env.cr.execute("ROLLBACK TO SAVEPOINT chp_bench_check")
        env.invalidate_all()
    mismatches = {}
    for rec_id, row in stored.items():
        for name in fnames:
            if row[name] != fresh[rec_id][name]:
                mismatches.setdefault(name, []).append(rec_id)
    if not mismatches:
        log(
            f"sample check: {len(sample)} seeded complaints, {len(fnames)} stored computed "
            "fields each, recomputed through the ORM: all equal"
        )
        return 0
    for name, rec_ids in sorted(mismatches.items()):
        note = " (day-dependent: the daily scheduled action refreshes it)" * (name in DAY_DEPENDENT)
        log(f"sample check: {name} differs on {len(rec_ids)} complaints{note}, e.g. {rec_ids[:5]}")
    return sum(len(rec_ids) for rec_ids in mismatches.values())
