from . import chp_complaint, chp_complaint_stage
