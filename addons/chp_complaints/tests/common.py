from odoo.tests import TransactionCase, new_test_user


def role_user(env, login, role, **values):
    """A test user with one chp role, ``role`` being the tail of its group's
    xml id (``"staff"`` for ``chp_complaints.group_chp_staff``), an address of
    its own (mail tests tell users apart by it); the password is the login,
    as ``new_test_user`` makes it."""
    values.setdefault("email", f"{login}@example.org")
    return new_test_user(env, login=login, groups=f"chp_complaints.group_chp_{role}", **values)


def make_role_users(cls, role_users, **values):
    """Set ``cls.<attribute>`` to a :func:`role_user` for each entry of
    ``role_users`` (attribute -> (login, role)), with ``values``."""
    for attr, (login, role) in role_users.items():
        setattr(cls, attr, role_user(cls.env, login, role, **values))


class RoleUsersMixin:
    """Class fixtures of a case that works as real users: no tracking noise,
    and one user per entry of ``role_users`` (attribute -> (login, role)),
    made by :func:`role_user` before the class's own ``setUpClass`` goes on."""

    role_users = {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        make_role_users(cls, cls.role_users)


class ChpComplaintsCase(TransactionCase):
    """Class-level fixtures shared by the complaint tests: one user per role
    and the seeded stages, without demo data and without tracking noise."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        # Closing a stage needs a service and a root cause (the procedure
        # setting, on by default): the complaints of these tests have both
        # unless a test says otherwise.
        cls.default_service = cls.env["chp.service"].create({"name": "General enquiries"})
        cls.root_cause = cls.env["chp.root.cause"].create({"name": "Missed appointment"})
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                default_service_id=cls.default_service.id,
                default_root_cause_id=cls.root_cause.id,
            )
        )
        cls.staff = role_user(cls.env, "chp_staff", "staff")
        cls.senior = role_user(cls.env, "chp_senior", "senior_manager")
        Stage = cls.env["chp.complaint.stage"]
        cls.stage_new = Stage.search([("state", "=", "new")], limit=1)
        cls.stage_closed = Stage.search([("state", "=", "closed")], limit=1)


class ChpJourneyCase(ChpComplaintsCase):
    """Adds a Scottish complaints calendar (bank holidays of 2021 to 2027
    loaded from the ``holidays`` package), an investigator and a second senior
    manager, and helpers that build complaints at a given date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Complaints (Scotland)", "tz": "Europe/London"}
        )
        for year in range(2021, 2028):
            cls.calendar.chp_load_scottish_holidays(year)
        cls.company.chp_calendar_id = cls.calendar
        cls.investigator = role_user(cls.env, "chp_investigator", "investigator")
        cls.senior2 = role_user(cls.env, "chp_senior2", "senior_manager")
        cls.service = cls.env["chp.service"].create(
            {"name": "Repairs", "manager_id": cls.senior.id}
        )

    def make_complaint(self, received="2026-11-25 10:00:00", user=None, **vals):
        user = user or self.staff
        return (
            self.env["chp.complaint"]
            .with_user(user)
            .create(
                dict(
                    {
                        "subject": "Repair not done",
                        "date_received": received,
                        "user_id": user.id,
                        "service_id": self.service.id,
                        "root_cause_id": self.root_cause.id,
                    },
                    **vals,
                )
            )
        )


def render_real_pdf(case, report, ids):
    """The PDF wkhtmltopdf makes of ``report`` for ``ids`` (Odoo's tests
    otherwise get HTML), or the test skipped where wkhtmltopdf is missing.
    wkhtmltopdf would fetch Odoo's stylesheets from the test server, which
    waits on the test's transaction (a deadlock): it is pointed at a closed
    port and renders with the document's own inline styles."""
    env = case.env
    if env["ir.actions.report"].get_wkhtmltopdf_state() != "ok":
        case.skipTest("wkhtmltopdf is not installed: `make test` installs Debian's package")
    env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")
    pdf, kind = (
        env["ir.actions.report"]
        .with_context(force_report_rendering=True)
        ._render_qweb_pdf(report, ids)
    )
    case.assertEqual(kind, "pdf")
    case.assertTrue(pdf.startswith(b"%PDF"))
    return pdf
