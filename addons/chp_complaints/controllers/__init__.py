from . import complaint_form
from . import complaint_portal
