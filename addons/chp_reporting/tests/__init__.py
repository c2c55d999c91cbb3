from . import test_indicator
from . import test_indicator_open
from . import test_workbook
from . import test_report
from . import test_public_page
from . import test_charts
from . import test_dashboard
from . import test_homes
