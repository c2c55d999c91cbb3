{
    "name": "chp benchmark baseline",
    "summary": "A minimal mail.thread model: the baseline of the creation benchmark",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "author": "chp developers",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["mail"],
    "data": ["security/ir.model.access.csv"],
}
