{
    "name": "Complaints: SPSO Reporting",
    "summary": "SPSO complaints performance indicators, quarterly and annual "
    "reports, xlsx workbooks and liaison exports",
    "version": "18.0.1.1.0",
    "category": "Services/Complaints",
    "author": "chp developers",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["chp_complaints", "chp_learning", "spreadsheet_dashboard"],
    "data": [
        "security/ir.model.access.csv",
        "security/chp_reporting_security.xml",
        "security/chp_export_rules.xml",
        "data/chp_report_cron.xml",
        "data/chp_dashboard_data.xml",
        "report/chp_report_templates.xml",
        "report/chp_report_pdf.xml",
        "report/chp_arc_templates.xml",
        "views/chp_report_views.xml",
        "views/chp_export_wizard_views.xml",
        "views/chp_reporting_year_views.xml",
        "wizards/chp_procedure_settings_views.xml",
        "data/res_users_home_data.xml",
    ],
    "demo": [
        "demo/chp_reporting_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["chp_reporting/static/tests/tours/**/*"],
    },
}
