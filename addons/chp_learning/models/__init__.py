from . import chp_improvement_action
