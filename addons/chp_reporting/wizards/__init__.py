from . import chp_spso_export_wizard
from . import chp_case_file_wizard
