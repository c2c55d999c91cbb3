"""Reusable access-matrix machinery for the chp addons' tests.

A matrix is a dict ``{target: {role: "rwcu"}}``: each letter that is present
means the operation must succeed for a real user of the role, and a ``-`` in
its place that it must raise AccessError; a ``.`` skips the check. Targets
are names of fixtures that ``_target(name)`` turns into a recordset (for read,
write and unlink) plus the values to write and to create with. Addons built
on chp_complaints extend ``MATRIX``-like tables for their own models and call
``assert_matrix``.
"""

from contextlib import contextmanager, suppress

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user

ROLE_GROUPS = {
    "staff": "chp_complaints.group_chp_staff",
    "investigator": "chp_complaints.group_chp_investigator",
    "senior_manager": "chp_complaints.group_chp_senior_manager",
    "chief_executive": "chp_complaints.group_chp_chief_executive",
    "committee": "chp_complaints.group_chp_committee",
    "training_officer": "chp_complaints.group_chp_training_officer",
    "spso_liaison": "chp_complaints.group_chp_spso_liaison",
    "contract_manager": "chp_complaints.group_chp_contract_manager",
    "complaints_admin": "chp_complaints.group_chp_admin",
}
OPERATIONS = ("read", "write", "create", "unlink")


class _Rollback(Exception):
    """Raised to undo an allowed operation once it has been checked."""


class ChpAccessCase(TransactionCase):
    """One user per role (only that role's group, plus internal user), all
    in the main company, and a second company none of them works in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Other Housing Association"})
        cls.users = {
            role: new_test_user(
                cls.env,
                login=f"chp_acc_{role}",
                groups=group,
                company_id=cls.company.id,
                company_ids=[cls.company.id],
            )
            for role, group in ROLE_GROUPS.items()
        }

    # --- one operation --------------------------------------------------------
    @contextmanager
    def _undone(self):
        """Run the block in a savepoint that is always rolled back, so that an
        allowed write or unlink does not change the fixtures of later checks."""
        try:
            with suppress(_Rollback), self.env.cr.savepoint():
                yield
                self.env.flush_all()
                raise _Rollback
        finally:
            self.env.invalidate_all()

    def _attempt(self, operation, user, records, values):
        if operation == "read":
            as_user = records.with_user(user)
            as_user.read(["display_name"])
            found = as_user.search([("id", "in", records.ids)])
            self.assertEqual(found, as_user, f"{user.login} reads but cannot search them")
        elif operation == "write":
            records.with_user(user).write(values)
        elif operation == "create":
            records.browse().with_user(user).create(values)
        elif operation == "unlink":
            records.with_user(user).unlink()

    def assert_access(
        self,
        user,
        records,
        read=None,
        write=None,
        create=None,
        unlink=None,
        write_vals=None,
        create_vals=None,
    ):
        """Check each operation given as True (allowed) or False (AccessError)
        for ``user`` on ``records`` (create uses the model of ``records``);
        None skips the operation. Failures name the operation and the user."""
        expected = {"read": read, "write": write, "create": create, "unlink": unlink}
        values = {"write": write_vals or {}, "create": create_vals or {}}
        for operation in OPERATIONS:
            allowed = expected[operation]
            if allowed is None:
                continue
            label = f"{user.login} {operation} {records._name}{records.ids}"
            with self._undone():
                if allowed:
                    try:
                        self._attempt(operation, user, records, values.get(operation))
                    except AccessError as error:
                        self.fail(f"{label} should be allowed: {error}")
                else:
                    with self.assertRaises(AccessError, msg=f"{label} should be refused"):
                        self._attempt(operation, user, records, values.get(operation))

    # --- fields -----------------------------------------------------------------
    def assert_fields(self, user, records, readable=(), hidden=()):
        """``user`` reads (``read`` and ``search_read``) every field of
        ``readable`` on ``records`` and gets an AccessError for each field of
        ``hidden`` (a field-level ``groups=``), whether read, searched on or
        grouped by; hidden fields are also absent from ``fields_get``."""
        as_user = records.with_user(user)
        if readable:
            try:
                as_user.read(list(readable))
                as_user.search_read([("id", "in", records.ids)], list(readable))
            except AccessError as error:
                self.fail(f"{user.login} should read {list(readable)}: {error}")
        described = as_user.fields_get()
        for name in hidden:
            label = f"{user.login} reads {records._name}.{name}"
            with self.assertRaises(AccessError, msg=label):
                as_user.read([name])
            with self.assertRaises(AccessError, msg=f"{label} through search"):
                as_user.search([(name, "!=", False)])
            self.assertNotIn(name, described, f"{label} in fields_get")

    def assert_field_matrix(self, matrix):
        """``{target: {role: (readable fields, hidden fields)}}``; a role
        missing from a row is not checked (it cannot read the record)."""
        for target, row in matrix.items():
            records = self._target(target)[0]
            for role, (readable, hidden) in row.items():
                with self.subTest(target=target, role=role):
                    self.assert_fields(self.users[role], records, readable, hidden)

    # --- a whole matrix -------------------------------------------------------
    def _target(self, name):
        """Return ``(records, write_vals, create_vals)`` of fixture ``name``."""
        raise NotImplementedError

    def assert_matrix(self, matrix):
        """Check every cell of ``{target: {role: "rwcu"}}``; every role of
        ``ROLE_GROUPS`` must appear in every row so that no role is forgotten."""
        for target, row in matrix.items():
            missing = set(ROLE_GROUPS) - set(row)
            self.assertFalse(missing, f"{target}: no expectation for {sorted(missing)}")
            records, write_vals, create_vals = self._target(target)
            for role, cell in row.items():
                self.assertEqual(len(cell), 4, f"{target}/{role}: use four letters rwcu")
                flags = {
                    op: None if cell[i] == "." else cell[i] == op[0]
                    for i, op in enumerate(OPERATIONS)
                }
                with self.subTest(target=target, role=role):
                    self.assert_access(
                        self.users[role],
                        records,
                        write_vals=write_vals,
                        create_vals=create_vals,
                        **flags,
                    )
