"""Prepares a benchmark database for the load test (make load).

Creates the load users (one login per role, password = login, so the locust
users can sign in as a real browser does) and two pools of stage 2
complaints: some waiting for acknowledgement by the load investigators, some
acknowledged with an outcome, waiting for a senior manager's sign-off. Run
again before every load run: each run consumes the pools.
"""

import argparse

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
                user = Users.create({"name": login, "login": login})
            user.write({"groups_id": [(6, 0, groups)], "password": PASSWORD})
            users[prefix] |= user
    return users


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
    args = parser.parse_args()

    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tz": "Europe/London"})
        users = ensure_users(env, args.per_role)
        make_pool(env, users, args.pool, acknowledged=False)
        make_pool(env, users, args.pool, acknowledged=True)
        total = env["chp.complaint"].search_count([])
        print(f"load setup: {args.per_role} users per role, {total} complaints")


if __name__ == "__main__":
    main()
