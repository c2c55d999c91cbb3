{
    "name": "chp benchmark baseline",
    "summary": "Baselines of the creation benchmark: project.task (Odoo's own kanban "
    "record) and a minimal mail.thread model",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "author": "chp developers",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["mail", "project"],
    "data": ["security/ir.model.access.csv"],
}
