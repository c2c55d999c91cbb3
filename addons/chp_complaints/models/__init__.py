from . import chp_complaint_stage
from . import chp_service
from . import chp_root_cause
from . import chp_complaint
