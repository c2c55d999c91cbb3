"""Reading and validating a complaint history file, without writing anything.

Every rule the transition methods apply to a complaint worked in the app
(dates in order and not in the future, outcomes before closing, the stage 1
extension limit, a senior manager's sign-off) is checked here row by row in
plain Python, so that a file of 100,000 rows is validated in seconds and the
background write (``chp.complaint.import``) only has to create complaints with
their final values. The model's own constraints still run at creation, as a
safety net."""

import csv
import io
from datetime import date, datetime, time

import pytz

from odoo import fields
from odoo.exceptions import AccessError, UserError

from ..models.chp_complaint import CHANNELS, CHILD_INVOLVEMENT, OUTCOMES, SPSO_OUTCOMES
from ..models.working_days import add_working_days, working_days_between
from ..tools.roles import SENIOR, check_role

COLUMNS = [
    "reference",
    "received",
    "channel",
    "customer_name",
    "customer_email",
    "service",
    "contractor",
    "entry_stage",
    "stage1_closed",
    "stage1_outcome",
    "stage1_extended_to",
    "escalated_on",
    "stage2_acknowledged",
    "stage2_closed",
    "stage2_outcome",
    "stage2_extended_to",
    "signed_off_by",
    "root_cause",
    "spso_outcome",
]
OPTIONAL_COLUMNS = [
    "subject",
    "stage1_action",
    "stage2_action",
    "equalities",
    "child",
    "arc_excluded",
]
# Yes/no columns: empty is no.
YES = ("yes", "y", "true", "1")
NO = ("no", "n", "false", "0", "")
REQUIRED_COLUMNS = ["received", "entry_stage"]
DATE_COLUMNS = [
    "stage1_closed",
    "stage1_extended_to",
    "escalated_on",
    "stage2_acknowledged",
    "stage2_closed",
    "stage2_extended_to",
]
# Dates of things that happened: none can be later than today.
PAST_COLUMNS = ["stage1_closed", "escalated_on", "stage2_acknowledged", "stage2_closed"]
STAGE2_COLUMNS = [
    "stage2_acknowledged",
    "stage2_closed",
    "stage2_outcome",
    "stage2_extended_to",
    "signed_off_by",
]
RECEIVED_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d")
LOOKUPS = {
    "service": ("chp.service", "service_id"),
    "root_cause": ("chp.root.cause", "root_cause_id"),
    "contractor": ("res.partner", "contractor_id"),
}


def _json(value):
    if isinstance(value, datetime):
        return fields.Datetime.to_string(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class RowError(UserError):
    """A bad value in one row of the file."""


def read_csv(env, data):
    """(line, row) pairs of a CSV file's non-empty rows, the header checked:
    every problem of the header raises one UserError naming each."""
    _ = env._
    if not data:
        raise UserError(_("Choose the CSV file to import."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UserError(_("The file is not UTF-8 text: %s", error)) from error
    reader = csv.reader(io.StringIO(text))
    header = [name.strip() for name in next(reader, [])]
    problems = []
    if not any(header):
        raise UserError(_("The file is empty: its first line must name the columns."))
    for position, name in enumerate(header, start=1):
        if not name:
            problems.append(_("column %s has no name", position))
        elif header.index(name) != position - 1:
            problems.append(
                _(
                    "column %(position)s repeats “%(name)s” (column %(first)s)",
                    position=position,
                    name=name,
                    first=header.index(name) + 1,
                )
            )
        elif name not in COLUMNS + OPTIONAL_COLUMNS:
            problems.append(_("Unknown: %s", name))
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        problems.append(_("Missing: %s", ", ".join(missing)))
    if problems:
        raise UserError(_("Line 1 must name each column once: %s.", "; ".join(problems)))
    rows = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        row = {
            name: (values[i].strip() if i < len(values) else "") for i, name in enumerate(header)
        }
        if len(values) > len(header):
            row["__extra__"] = True
        rows.append((reader.line_num, row))
    return rows


class RowParser:
    """Turns validated rows into the values of complaints (JSON-friendly:
    dates as ISO strings, names still to create as ``new:<model>:<name>``)."""

    def __init__(self, env, company, create_missing):
        self.env = env
        self.company = company
        self.create_missing = create_missing
        self.calendar = company._chp_calendar()
        self.tz = pytz.timezone(self.calendar.tz or "UTC")
        self.today = fields.Date.context_today(env["chp.complaint"])
        self.now = fields.Datetime.now()
        self.stages = {
            state: env["chp.complaint"]._chp_stage_for(state).id
            for state in ("new", "stage2", "closed")
        }
        self.user = env.user
        self.user_is_senior = env.user.has_group(SENIOR)
        self._names = {}
        self._users = {}

    # --- Values -----------------------------------------------------------------
    def choice(self, value, selection, column):
        """Match a selection by key or label, ignoring case."""
        if not value:
            return False
        wanted = value.lower()
        for key, label in selection:
            if wanted in (key.lower(), label.lower()):
                return key
        raise RowError(
            self.env._(
                "%(column)s “%(value)s” is not one of %(allowed)s.",
                column=column,
                value=value,
                allowed=", ".join(key for key, _label in selection),
            )
        )

    def yes_no(self, value, column):
        wanted = (value or "").strip().lower()
        if wanted in YES:
            return True
        if wanted in NO:
            return False
        raise RowError(
            self.env._("%(column)s “%(value)s” must be yes or no.", column=column, value=value)
        )

    def date(self, value, column):
        if not value:
            return False
        try:
            if len(value) == 10 and value[4] == value[7] == "-":
                return date.fromisoformat(value)  # the usual case, parsed in C
            return datetime.strptime(value, "%Y-%m-%d").date()
        except ValueError as error:
            raise RowError(
                self.env._(
                    "%(column)s “%(value)s” is not a date (YYYY-MM-DD).",
                    column=column,
                    value=value,
                )
            ) from error

    def received(self, value):
        """(naive UTC moment, local day): YYYY-MM-DD[ HH:MM[:SS]] in the
        calendar's timezone; a bare date means noon."""
        _ = self.env._
        if not value:
            raise RowError(_("received is required."))
        moment = self._iso_moment(value)
        if moment is None:
            for fmt in RECEIVED_FORMATS:
                try:
                    moment = datetime.strptime(value, fmt)
                    break
                except ValueError:
                    continue
            else:
                raise RowError(_("received “%s” is not a date (YYYY-MM-DD HH:MM).", value))
        if len(value) == 10:
            moment = datetime.combine(moment.date(), time(12, 0))
        utc = self.tz.localize(moment).astimezone(pytz.utc).replace(tzinfo=None)
        if utc > self.now:
            raise RowError(_("received %s is in the future.", value))
        return utc, moment.date()

    @staticmethod
    def _iso_moment(value):
        """The moment of a zero-padded ISO value of one of RECEIVED_FORMATS
        (parsed in C, the usual case), or None to try the formats one by one."""
        length = len(value)
        if (
            length in (10, 16, 19)
            and value[4] == value[7] == "-"
            and (length == 10 or value[10] == " " or (length == 19 and value[10] == "T"))
        ):
            try:
                return datetime.fromisoformat(value)
            except ValueError:
                return None
        return None

    def lookup(self, column, name):
        """The id of the record named ``name`` (cached for the file), or the
        key of a record to create once the whole file has validated."""
        if not name:
            return False
        model, _field = LOOKUPS[column]
        key = (model, name.lower())
        if key in self._names:
            return self._names[key]
        Model = self.env[model].with_context(active_test=False)
        domain = [("name", "=ilike", name)]
        if model == "res.partner":
            domain.append(("chp_is_contractor", "=", True))
        record = Model.search(domain, limit=1)
        if model == "chp.service" and not record:
            record = Model.search([("complete_name", "=ilike", name)], limit=1)
        if record:
            found = record.id
        elif self.create_missing:
            found = f"new:{model}:{name}"
        else:
            raise RowError(
                self.env._("%(column)s “%(name)s” does not exist.", column=column, name=name)
            )
        self._names[key] = found
        return found

    def signer(self, login):
        """The user who signed off, checked once per login for the file."""
        if not login:
            return False
        if login not in self._users:
            user = self.env["res.users"].search([("login", "=", login)], limit=1)
            try:
                if not user:
                    raise RowError(self.env._("signed_off_by: no user with login “%s”.", login))
                self._check_senior(user, self.env._("sign off a stage 2 response"))
            except RowError as error:
                user = error
            self._users[login] = user
        user = self._users[login]
        if isinstance(user, RowError):
            raise RowError(user.args[0])
        return user

    def _check_senior(self, user, what):
        """The suite's one check of a role, its message as a row error."""
        try:
            check_role(self.env, SENIOR, what, user=user)
        except AccessError as error:
            raise RowError(error.args[0]) from error

    # --- One row ----------------------------------------------------------------
    def parse(self, row):
        """The values of the complaint ``row`` stands for, with its whole
        recorded journey; raises RowError for the first problem found."""
        _ = self.env._
        if row.get("__extra__"):
            raise RowError(_("the row has more values than the header has columns."))
        entry = row.get("entry_stage")
        if entry not in ("1", "2"):
            raise RowError(_("entry_stage must be 1 or 2, not “%s”.", entry))
        received, day0 = self.received(row.get("received"))
        dates = {c: self.date(row.get(c), c) for c in DATE_COLUMNS}
        for column in PAST_COLUMNS:
            if dates[column] and dates[column] > self.today:
                raise RowError(
                    _("%(column)s %(day)s is in the future.", column=column, day=dates[column])
                )
        if entry == "2" and (
            dates["stage1_closed"] or row.get("stage1_outcome") or dates["escalated_on"]
        ):
            raise RowError(_("A complaint entering at stage 2 has no stage 1 and no escalation."))
        if (
            entry == "1"
            and not dates["escalated_on"]
            and any(dates.get(c) or row.get(c) for c in STAGE2_COLUMNS)
        ):
            raise RowError(_("Stage 2 values need escalated_on (or entry_stage 2)."))
        if row.get("spso_outcome") and not (dates["stage1_closed"] or dates["stage2_closed"]):
            raise RowError(_("An SPSO outcome needs a closed complaint."))
        signer = self.signer(row.get("signed_off_by"))
        vals = {
            "name": row.get("reference") or False,
            "subject": row.get("subject") or _("Imported complaint"),
            "date_received": fields.Datetime.to_string(received),
            "channel": self.choice(row.get("channel"), CHANNELS, "channel") or "other",
            "customer_name": row.get("customer_name") or False,
            "customer_email": row.get("customer_email") or False,
            "is_anonymous": not (row.get("customer_name") or row.get("customer_email")),
            "user_id": False,
            "stage1_outcome": self.choice(row.get("stage1_outcome"), OUTCOMES, "stage1_outcome"),
            "stage2_outcome": self.choice(row.get("stage2_outcome"), OUTCOMES, "stage2_outcome"),
            "stage_id": self.stages["new"],
            "equalities": self.yes_no(row.get("equalities"), "equalities"),
            "child_involvement": self.choice(row.get("child"), CHILD_INVOLVEMENT, "child")
            or "none",
            "arc_excluded": self.yes_no(row.get("arc_excluded"), "arc_excluded"),
        }
        for column, (_model, fname) in LOOKUPS.items():
            vals[fname] = self.lookup(column, row.get(column))
        if entry == "1":
            self._stage1(row, dates, day0, vals)
        else:
            vals.update(
                stage2_route="direct", stage2_date_start=day0, stage_id=self.stages["stage2"]
            )
        if vals.get("stage2_route"):
            self._stage2(row, dates, signer, vals)
        spso = self.choice(row.get("spso_outcome"), SPSO_OUTCOMES, "spso_outcome")
        if spso:
            vals.update(spso_referred=True, spso_outcome=spso)
        return {key: _json(value) for key, value in vals.items()}

    def _stage1(self, row, dates, day0, vals):
        _ = self.env._
        closed, escalated = dates["stage1_closed"], dates["escalated_on"]
        if closed and closed < day0:
            raise RowError(_("stage 1 can't close before receipt (%s).", day0))
        if dates["stage1_extended_to"]:
            standard = add_working_days(self.calendar, day0, self.company.chp_stage1_days)
            self._extension(dates["stage1_extended_to"], standard)
            extra = working_days_between(self.calendar, standard, dates["stage1_extended_to"])
            allowed = self.company.chp_stage1_extension_max
            if extra > allowed:
                raise RowError(
                    _(
                        "A stage 1 extension may add at most %(allowed)s working days; "
                        "this one adds %(extra)s. Escalate to stage 2 instead.",
                        allowed=allowed,
                        extra=extra,
                    )
                )
            vals.update(
                stage1_extended_deadline=dates["stage1_extended_to"],
                stage1_extension_reason=_("Extension recorded in the imported history."),
                stage1_extension_user_id=self.user.id,
            )
        if closed or escalated:
            if not vals["stage1_outcome"]:
                raise RowError(_("A closed stage 1 needs stage1_outcome."))
            vals["stage1_action"] = row.get("stage1_action") or _(
                "Recorded before the complaints system was used (imported)."
            )
            vals.update(stage1_date_closed=closed or escalated, stage_id=self.stages["closed"])
        if escalated:
            if escalated < day0:
                raise RowError(_("stage 2 can't start before receipt (%s).", day0))
            if closed and escalated < closed:
                raise RowError(_("escalation can't come before stage 1 closed (%s).", closed))
            vals.update(
                stage2_route="escalated",
                stage2_date_start=escalated,
                stage_id=self.stages["stage2"],
            )

    def _stage2(self, row, dates, signer, vals):
        _ = self.env._
        start = fields.Date.to_date(vals["stage2_date_start"])
        ack, closed = dates["stage2_acknowledged"], dates["stage2_closed"]
        if dates["stage2_extended_to"]:
            standard = add_working_days(self.calendar, start, self.company.chp_stage2_days)
            self._extension(dates["stage2_extended_to"], standard)
            vals.update(
                stage2_extended_deadline=dates["stage2_extended_to"],
                stage2_extension_reason=_("Extension recorded in the imported history."),
                stage2_extension_user_id=self.user.id,
            )
        if ack:
            if ack < start:
                raise RowError(_("stage 2 can't be acknowledged before it started (%s).", start))
            vals["stage2_ack_date"] = ack
        if not closed:
            return
        missing = [
            column
            for column, value in (
                ("stage2_acknowledged", ack),
                ("stage2_outcome", vals["stage2_outcome"]),
                ("signed_off_by", signer),
            )
            if not value
        ]
        if missing:
            raise RowError(
                _(
                    "A closed stage 2 needs %s (Stage 2 acknowledged on, outcome, sign-off).",
                    ", ".join(missing),
                )
            )
        if closed < ack:
            raise RowError(_("stage 2 can't close before it was acknowledged (%s).", ack))
        vals.update(
            stage2_action=row.get("stage2_action")
            or _("Recorded before the complaints system was used (imported)."),
            stage2_date_closed=closed,
            signoff_user_id=signer.id,
            signoff_date=datetime.combine(closed, time(12, 0)),
            stage_id=self.stages["closed"],
        )

    def _extension(self, new_deadline, standard):
        _ = self.env._
        if not self.user_is_senior:
            self._check_senior(self.user, _("authorise an extension"))
        if new_deadline <= standard:
            raise RowError(
                _("The new deadline must be later than the standard deadline (%s).", standard)
            )
