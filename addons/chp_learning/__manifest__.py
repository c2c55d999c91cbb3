{
    "name": "Complaints: Learning and Improvement",
    "summary": "Improvement actions from complaints and trends, and 'you said, we did' summaries",
    "version": "18.0.1.0.0",
    "category": "Services/Complaints",
    "author": "chp developers",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["chp_complaints"],
    "data": [
        "security/ir.model.access.csv",
        "views/chp_improvement_action_views.xml",
    ],
}
