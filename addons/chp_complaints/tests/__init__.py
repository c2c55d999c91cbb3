from . import test_complaint_basics
