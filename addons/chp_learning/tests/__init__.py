from . import test_access
from . import test_figures_and_summaries
from . import test_minimum_standard
from . import test_reminders
from . import test_sharing_and_monitoring
from . import test_access_matrix
from . import test_write_path
from . import test_http_integrity
