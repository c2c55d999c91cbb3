from . import chp_complaint_wizard_mixin
from . import chp_retention_hold_wizard
from . import chp_subject_access_request
from . import chp_complaint_extension_wizard
from . import chp_complaint_reopen_wizard
from . import chp_complaint_import_wizard
from . import chp_procedure_settings
from . import chp_procedure_settings_customer
