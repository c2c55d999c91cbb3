from . import chp_case_data_export_mixin
from . import chp_spso_export_wizard
from . import chp_case_file_wizard
from . import chp_procedure_settings
