from . import spso_workbook
from . import spso_csv
from . import case_file
