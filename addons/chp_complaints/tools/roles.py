"""The governance roles of Part 4 as Odoo groups, and one check for them.

Every module of the suite names a role through these constants and checks
it with :func:`check_role`, which always raises :class:`AccessError` (a
``UserError``, so the web client shows its message as a warning, never a
traceback)."""

from odoo.exceptions import AccessError

STAFF = "chp_complaints.group_chp_staff"
INVESTIGATOR = "chp_complaints.group_chp_investigator"
SENIOR = "chp_complaints.group_chp_senior_manager"
ADMIN = "chp_complaints.group_chp_admin"
CHIEF_EXECUTIVE = "chp_complaints.group_chp_chief_executive"
COMMITTEE = "chp_complaints.group_chp_committee"
TRAINING_OFFICER = "chp_complaints.group_chp_training_officer"
LIAISON = "chp_complaints.group_chp_spso_liaison"
CONTRACT_MANAGER = "chp_complaints.group_chp_contract_manager"
# Every role of the suite (a user holding one is one of its users).
SUITE_GROUPS = (
    STAFF,
    INVESTIGATOR,
    SENIOR,
    ADMIN,
    CHIEF_EXECUTIVE,
    COMMITTEE,
    TRAINING_OFFICER,
    LIAISON,
    CONTRACT_MANAGER,
)


def has_role(env, *groups):
    """True when the environment's user holds one of ``groups`` (or is the
    superuser environment, which the ORM itself trusts)."""
    return env.su or any(env.user.has_group(group) for group in groups)


def check_role(env, groups, what, user=None):
    """Refuse unless ``user`` (default: the environment's user) holds one of
    ``groups``. ``what`` completes "Only ... can": e.g. "sign off a stage 2
    response"; the message names the roles that may."""
    if isinstance(groups, str):
        groups = (groups,)
    if user is None:
        if has_role(env, *groups):
            return
        user = env.user
    elif any(user.has_group(group) for group in groups):
        return
    names = env._(" or ").join(f"“{env.ref(group).sudo().name}”" for group in groups)
    raise AccessError(
        env._(
            "Only users with the role %(roles)s can %(what)s; %(user)s does not have it.",
            roles=names,
            what=what,
            user=user.name,
        )
    )
