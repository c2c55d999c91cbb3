from . import chp_report
