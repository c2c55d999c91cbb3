from . import test_indicator
from . import test_workbook
from . import test_report
from . import test_public_page
from . import test_http_report_access
from . import test_report_tours
from . import test_privacy
