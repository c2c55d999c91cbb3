"""The one date style of the suite's texts (chatter messages, reports, the
public page, files): dd/mm/yyyy, as English (UK) shows dates in the web
client. Messages posted by scheduled actions have no user language to go
by, hence a fixed format rather than the user's."""

from datetime import date


def uk_date(value):
    """``value`` (a date, a datetime or an ISO string) as dd/mm/yyyy; "" when empty."""
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.strftime("%d/%m/%Y")
