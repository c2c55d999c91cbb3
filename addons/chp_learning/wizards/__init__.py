from . import chp_learning_share_wizard
from . import chp_procedure_settings
