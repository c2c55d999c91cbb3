"""The settings page of the system administrator no longer repeats the
procedure settings (it links to them): its inherited views from the three
addons go before the new page is loaded, or they would name fields that no
longer exist on ``res.config.settings``."""

OLD_VIEWS = (
    ("chp_complaints", "res_config_settings_view_form_retention"),
    ("chp_complaints", "res_config_settings_view_form_training"),
    ("chp_reporting", "res_config_settings_view_form"),
    ("chp_learning", "res_config_settings_view_form"),
)


def migrate(cr, version):
    for module, name in OLD_VIEWS:
        cr.execute(
            "DELETE FROM ir_ui_view WHERE id IN (SELECT res_id FROM ir_model_data"
            " WHERE module = %s AND name = %s AND model = 'ir.ui.view')",
            (module, name),
        )
        cr.execute(
            "DELETE FROM ir_model_data WHERE module = %s AND name = %s AND model = 'ir.ui.view'",
            (module, name),
        )
