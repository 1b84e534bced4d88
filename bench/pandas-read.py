"""The peer: pandas' bare read of every file of an export set, all columns as text, with its C
parser, and nothing done with the rows. Prints its figures as JSON, as the other bench scripts do.

    python3 bench/pandas-read.py bench/data/1000000
"""
import json
import os
import resource
import sys
import time

import pandas as pd

folder = sys.argv[1]
started = time.perf_counter()
rows = 0
for name in sorted(os.listdir(folder)):
    frame = pd.read_csv(os.path.join(folder, name), dtype=str, keep_default_na=False, engine="c")
    rows += len(frame)
ms = 1000 * (time.perf_counter() - started)
print(json.dumps({"ms": ms, "rows": rows, "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
