from . import res_company
from . import res_config_settings
from . import chp_spso_indicator
from . import chp_spso_breakdown
from . import chp_spso_case_rows
from . import chp_report
from . import chp_report_build
from . import chp_improvement_action
