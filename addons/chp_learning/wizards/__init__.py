from . import chp_learning_share_wizard
