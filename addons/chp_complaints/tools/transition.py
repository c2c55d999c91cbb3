"""The mark of a step of the procedure.

Fields that feed a figure (a complaint's state, dates, outcomes, sign-off,
extension authority, retention marks; an improvement action's stage,
authorisation, publication) are written only by the methods that stand for a
step of the procedure. Those methods write inside :func:`transition`; the
models' ``write``/``create`` refuse such fields when the records are not
marked.

The mark lives on the database cursor, never in the context: an RPC caller
controls the context (``with_context`` is one keyword away) but cannot reach
the cursor. It is scoped to the records and the ``with`` block, so a
transition on one complaint does not open the others.
"""

from contextlib import contextmanager

_MARK = "chp_transition_marks"


def _marks(env):
    return env.cr.cache.setdefault(_MARK, {})


@contextmanager
def transition(records):
    """Mark ``records`` as being written by a step of the procedure for the
    duration of the block (re-entrant)."""
    marks = _marks(records.env).setdefault(records._name, {})
    for rid in records._ids:
        marks[rid] = marks.get(rid, 0) + 1
    try:
        yield records
    finally:
        for rid in records._ids:
            marks[rid] -= 1
            if not marks[rid]:
                del marks[rid]


def in_transition(records):
    """True when every record of ``records`` is inside a :func:`transition`
    block (an empty recordset is not)."""
    if not records._ids:
        return False
    marks = _marks(records.env).get(records._name, {})
    return all(marks.get(rid) for rid in records._ids)


@contextmanager
def creating(env, model):
    """Mark the creation of records of ``model`` (they have no ids yet) as
    done by a step of the procedure: e.g. the history import."""
    marks = _marks(env).setdefault(model, {})
    marks[None] = marks.get(None, 0) + 1
    try:
        yield
    finally:
        marks[None] -= 1
        if not marks[None]:
            del marks[None]


def in_creation(env, model):
    """True inside a :func:`creating` block for ``model``."""
    return bool(_marks(env).get(model, {}).get(None))
