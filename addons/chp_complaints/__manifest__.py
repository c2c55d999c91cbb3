{
    "name": "Complaints Handling (SPSO)",
    "summary": "SPSO Model Complaints Handling Procedure: stage 1, stage 2, "
    "escalation, sign-off, SPSO outcome, working-day clocks",
    "version": "18.0.1.0.0",
    "category": "Services/Complaints",
    "author": "chp developers",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["mail", "resource", "portal"],
    "external_dependencies": {"python": ["holidays"]},
    "data": [
        "security/chp_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/chp_complaint_stage_data.xml",
        "views/chp_complaint_stage_views.xml",
        "views/chp_complaint_views.xml",
        "views/chp_menus.xml",
    ],
}
