from . import chp_bench_record
