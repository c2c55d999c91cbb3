"""Window actions shared by the suite's wizards."""


def reopen_dialog(wizard):
    """The action that shows ``wizard`` again in its dialog, for a wizard
    that works in steps (find, then export; check, then import) and shows each
    step's result in the same window instead of closing it."""
    wizard.ensure_one()
    return {
        "type": "ir.actions.act_window",
        "res_model": wizard._name,
        "res_id": wizard.id,
        "view_mode": "form",
        "target": "new",
    }
