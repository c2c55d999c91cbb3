from datetime import date, datetime

from freezegun import freeze_time

from odoo.addons.chp_complaints.models.working_days import day_bounds_utc
from odoo.addons.chp_complaints.tests.common import make_role_users
from odoo.tests import TransactionCase

# The quarter the fixtures are built around: Q2 2026/27.
P_FROM = date(2026, 7, 1)
P_TO = date(2026, 9, 30)

USERS = {
    "staff": ("rep_staff", "staff"),
    "senior": ("rep_senior", "senior_manager"),
    "committee": ("rep_committee", "committee"),
    "liaison": ("rep_liaison", "spso_liaison"),
    "chief": ("rep_chief", "chief_executive"),
    "training_officer": ("rep_training", "training_officer"),
}


class ChpReportingCase(TransactionCase):
    """Hand-built complaints around Q2 2026/27 (1 July - 30 September 2026)
    on a calendar whose only holidays are Monday 3 August (summer bank
    holiday) and Monday 28 September 2026 (local autumn holiday). Every
    complaint goes through the complaint's own transition methods, so the
    clocks are those of the application. The figures each test expects are
    worked out by hand in the test, from the journeys below:

    ref  service  cause   received     journey
    c1   Repairs  Delay   Thu 30 Jul   S1 closed Fri 7 Aug (5 wd over the holiday), upheld
    c2   Repairs  Comm.   Sat  1 Aug   S1 deadline Mon 10 Aug, extended to 14 Aug,
                                       closed Thu 13 Aug (8 wd), not upheld
    c3   Rents    Comm.   Mon 22 Jun   S1 closed Fri 26 Jun (4 wd) not upheld; escalated
                                       Thu 2 Jul; S2 deadline 30 Jul; closed Wed 5 Aug
                                       (23 wd), partially upheld
    c4   Repairs  Delay   Wed  1 Jul   direct S2, deadline 29 Jul, closed Tue 28 Jul
                                       (19 wd), upheld
    c5   Repairs  -       Mon 14 Sep   S1 open, deadline Mon 21 Sep (overdue at 30 Sep)
    c6   Repairs  -       Fri 25 Sep   S1 deadline Mon 5 Oct; closed Fri 2 Oct, resolved
    c7   Rents    Delay   Mon  6 Jul   S1 closed Fri 10 Jul (4 wd) not upheld; escalated
                                       Mon 13 Jul; S2 extended to Fri 25 Sep; still open
    c8   Repairs  -       Tue 22 Sep   direct S2, open, deadline in October
    c9   Rents    Comm.   Fri 26 Jun   S1 deadline Fri 3 Jul, extended to 10 Jul, closed
                                       Wed 8 Jul (8 wd), partially upheld
    c10  Repairs  -       Mon  1 Jun   S1 closed Fri 5 Jun (before the quarter)
    c11  Repairs  -       Thu  1 Oct   S1 open (after the quarter)

    Contractor "Acme Builders" is on c1 and c4; "Idle Contractors" on none.
    Every customer is called "Personal Name" with a contact address, so
    that tests can check that no personal data leaks into outputs.
    """

    PERSONAL = ("Personal Name", "personal@example.com", "07700 900123")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, no_reset_password=True)
        )
        cls.company = cls.env.company
        cls.company.write({"chp_denominator_type": "tenancies", "chp_denominator_value": 2000})
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Reporting test calendar", "tz": "Europe/London"}
        )
        cls.env["resource.calendar.leaves"].create(
            [
                {
                    "name": name,
                    "calendar_id": cls.calendar.id,
                    "resource_id": False,
                    "date_from": day_bounds_utc(cls.calendar, day)[0],
                    "date_to": day_bounds_utc(cls.calendar, day)[1],
                }
                for name, day in (
                    ("Summer bank holiday", date(2026, 8, 3)),
                    ("Autumn holiday", date(2026, 9, 28)),
                )
            ]
        )
        cls.company.chp_calendar_id = cls.calendar
        # The fixture reproduces history recorded before the setting that a
        # closed stage needs its root cause: the "none" breakdown rows stay.
        cls.company.chp_require_breakdown = False
        cls._make_users()
        Service = cls.env["chp.service"]
        cls.repairs = Service.create({"name": "Repairs"})
        cls.rents = Service.create({"name": "Rents"})
        cls.housing = Service.create({"name": "Housing options"})
        Cause = cls.env["chp.root.cause"]
        cls.delay = Cause.create({"name": "Delay"})
        cls.comm = Cause.create({"name": "Communication"})
        cls.policy = Cause.create({"name": "Policy"})
        Partner = cls.env["res.partner"]
        cls.acme, cls.idle = Partner.create(
            [
                {"name": "Acme Builders", "is_company": True, "chp_is_contractor": True},
                {"name": "Idle Contractors", "is_company": True, "chp_is_contractor": True},
            ]
        )
        with freeze_time("2026-11-20 12:00:00"):
            cls._make_complaints()

    @classmethod
    def _make_users(cls):
        make_role_users(cls, USERS)

    @classmethod
    def _complaint(cls, day, service, cause=None, contractor=None):
        return cls.env["chp.complaint"].create(
            {
                "subject": f"Complaint of {day}",
                "date_received": datetime.combine(day, datetime.min.time()).replace(hour=10),
                "user_id": cls.staff.id,
                "service_id": service.id,
                "root_cause_id": cause.id if cause else False,
                "contractor_id": contractor.id if contractor else False,
                "customer_name": cls.PERSONAL[0],
                "customer_email": cls.PERSONAL[1],
                "customer_phone": cls.PERSONAL[2],
                "description": "<p>My neighbour Personal Name saw it.</p>",
            }
        )

    @classmethod
    def _close1(cls, complaint, day, outcome):
        complaint.write({"stage1_outcome": outcome, "stage1_action": "Answered."})
        complaint.action_close_stage1(day)

    @classmethod
    def _close2(cls, complaint, ack, day, outcome):
        complaint.action_acknowledge(ack)
        complaint.write({"stage2_outcome": outcome, "stage2_action": "Investigated."})
        complaint._signoff_close(cls.senior, date_closed=day)

    @classmethod
    def _extend(cls, complaint, day):
        complaint._apply_extension(day, "Waiting for a contractor's report.", cls.senior)

    @classmethod
    def _make_complaints(cls):
        d = date
        c = {}
        c[1] = cls._complaint(d(2026, 7, 30), cls.repairs, cls.delay, cls.acme)
        c[1].action_start_stage1()
        cls._close1(c[1], d(2026, 8, 7), "upheld")
        c[2] = cls._complaint(d(2026, 8, 1), cls.repairs, cls.comm)
        c[2].action_start_stage1()
        cls._extend(c[2], d(2026, 8, 14))
        cls._close1(c[2], d(2026, 8, 13), "not_upheld")
        c[3] = cls._complaint(d(2026, 6, 22), cls.rents, cls.comm)
        c[3].action_start_stage1()
        cls._close1(c[3], d(2026, 6, 26), "not_upheld")
        c[3].action_escalate(d(2026, 7, 2))
        cls._close2(c[3], d(2026, 7, 3), d(2026, 8, 5), "partially_upheld")
        c[4] = cls._complaint(d(2026, 7, 1), cls.repairs, cls.delay, cls.acme)
        c[4].action_start_stage2_direct()
        cls._close2(c[4], d(2026, 7, 2), d(2026, 7, 28), "upheld")
        c[5] = cls._complaint(d(2026, 9, 14), cls.repairs)
        c[5].action_start_stage1()
        c[6] = cls._complaint(d(2026, 9, 25), cls.repairs)
        c[6].action_start_stage1()
        cls._close1(c[6], d(2026, 10, 2), "resolved")
        c[7] = cls._complaint(d(2026, 7, 6), cls.rents, cls.delay)
        c[7].action_start_stage1()
        cls._close1(c[7], d(2026, 7, 10), "not_upheld")
        c[7].action_escalate(d(2026, 7, 13))
        c[7].action_acknowledge(d(2026, 7, 14))
        cls._extend(c[7], d(2026, 9, 25))
        c[8] = cls._complaint(d(2026, 9, 22), cls.repairs)
        c[8].action_start_stage2_direct()
        c[9] = cls._complaint(d(2026, 6, 26), cls.rents, cls.comm)
        c[9].action_start_stage1()
        cls._extend(c[9], d(2026, 7, 10))
        cls._close1(c[9], d(2026, 7, 8), "partially_upheld")
        c[10] = cls._complaint(d(2026, 6, 1), cls.repairs)
        c[10].action_start_stage1()
        cls._close1(c[10], d(2026, 6, 5), "resolved")
        c[11] = cls._complaint(d(2026, 10, 1), cls.repairs)
        c[11].action_start_stage1()
        cls.c = c
