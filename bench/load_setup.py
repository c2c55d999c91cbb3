"""Prepares a benchmark database for the load test (make load).

Creates the load users (``per_role`` logins per role, all with the password
below, so the locust users sign in as a real browser does), gives each load
staff member the caseload of a seeded handler, and two pools of stage 2
complaints: some waiting for acknowledgement by the load investigators, some
acknowledged with an outcome, waiting for a senior manager's sign-off; their
ids go to a JSON file for locust, so the scenario needs no searches of its
own. Run again before every load run: each run consumes the pools.
"""

import argparse
import json

PASSWORD = "load-test-only"
ROLES = {
    "load_staff": ["STAFF"],
    "load_investigator": ["STAFF", "INVESTIGATOR"],
    "load_senior": ["STAFF", "INVESTIGATOR", "SENIOR"],
    "load_liaison": ["STAFF", "LIAISON"],
}


def ensure_users(env, per_role):
    """``per_role`` users of each role, logins load_<role>_<n>."""
    from odoo.addons.chp_complaints.tools import roles

    users = {}
    Users = env["res.users"].with_context(no_reset_password=True)
    for prefix, role_names in ROLES.items():
        groups = [env.ref(getattr(roles, name)).id for name in role_names]
        users[prefix] = env["res.users"]
        for i in range(per_role):
            login = f"{prefix}_{i:03d}"
            user = Users.search([("login", "=", login)])
            if not user:
                # Hashing a password costs about a second: only on creation,
                # so that setting up again before each level stays quick.
                user = Users.create({"name": login, "login": login, "password": PASSWORD})
            if set(user.groups_id.ids) != set(groups):
                user.write({"groups_id": [(6, 0, groups)]})
            users[prefix] |= user
    return users


def give_caseloads(env, staff):
    """Each load staff member takes over the caseload of one seeded handler
    (about 500 complaints over the years, 10-20 of them open), as a real
    handler has: without it a load staff member sees only the complaints
    they create during the run, and the staff record rule (handle, created
    or follow) is measured on an empty result. Done once, in SQL on the
    copy of the benchmark database (the seeded handlers cannot sign in)."""
    cr = env.cr
    cr.execute("SELECT 1 FROM chp_complaint WHERE user_id = ANY(%s) LIMIT 1", [staff.ids])
    if cr.fetchone():
        return
    cr.execute(
        """SELECT user_id FROM chp_complaint
            WHERE user_id IS NOT NULL AND NOT user_id = ANY(%s)
            GROUP BY user_id ORDER BY count(*) DESC, user_id LIMIT %s""",
        [staff.ids, len(staff)],
    )
    for user, (handler,) in zip(staff, cr.fetchall(), strict=False):
        cr.execute("UPDATE chp_complaint SET user_id = %s WHERE user_id = %s", [user.id, handler])
    env.invalidate_all()


def make_pool(env, users, count, acknowledged):
    """``count`` new complaints taken straight to stage 2, investigated by
    the load investigators (acknowledged and answered when asked)."""
    from odoo.addons.chp_complaints.tools.transition import transition

    service = env["chp.service"].search([], limit=1)
    cause = env["chp.root.cause"].search([], limit=1)
    investigators = users["load_investigator"]
    vals = [
        {
            "subject": f"Load stage 2 complaint {i}",
            "channel": "email",
            "service_id": service.id,
            "root_cause_id": cause.id,
            "customer_name": f"Load customer {i}",
            "user_id": investigators[i % len(investigators)].id,
            "investigator_id": investigators[i % len(investigators)].id,
        }
        for i in range(count)
    ]
    complaints = env["chp.complaint"].create(vals)
    complaints.action_start_stage2_direct()
    if acknowledged:
        complaints.action_acknowledge()
        with transition(complaints):
            complaints.write(
                {"stage2_outcome": "upheld", "stage2_action": "Repaired; apology sent."}
            )
    return complaints


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--per-role", type=int, default=20)
    parser.add_argument("--pool", type=int, default=300)
    parser.add_argument("--pools-file", help="where to write the pools' ids (JSON) for locust")
    args = parser.parse_args()

    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tz": "Europe/London"})
        users = ensure_users(env, args.per_role)
        give_caseloads(env, users["load_staff"])
        to_acknowledge = make_pool(env, users, args.pool, acknowledged=False)
        to_sign_off = make_pool(env, users, args.pool, acknowledged=True)
        if args.pools_file:
            pools = {"signoff": to_sign_off.ids}
            for complaint in to_acknowledge:
                pools.setdefault(complaint.investigator_id.login, []).append(complaint.id)
            with open(args.pools_file, "w") as fh:
                json.dump(pools, fh)
        total = env["chp.complaint"].search_count([])
        print(f"load setup: {args.per_role} users per role, {total} complaints")


if __name__ == "__main__":
    main()
