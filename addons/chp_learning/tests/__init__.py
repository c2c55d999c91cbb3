from . import test_improvement_action
