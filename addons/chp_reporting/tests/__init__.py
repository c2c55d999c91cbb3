from . import test_indicator
from . import test_workbook
from . import test_report
from . import test_public_page
from . import test_satisfaction
from . import test_customer_pages_a11y
from . import test_http_report_access
