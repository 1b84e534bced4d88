"""What an analyst would script instead: pandas reads the supervision steps of a benchmark
export set and applies one naive gap rule (planned sessions more than a month apart).
Runs only where python3 has pandas; prints its figures beside the benchmark's.

    python3 bench/pandas-baseline.py bench/data/1000000
"""
import sys
import time

try:
    import pandas as pd
except ImportError:
    print("pandas is not installed here: no baseline")
    sys.exit(0)

folder = sys.argv[1] if len(sys.argv) > 1 else "bench/data/1000000"
started = time.perf_counter()
steps = pd.read_csv(f"{folder}/supervision_steps.csv", dtype=str)
read = time.perf_counter()
held = steps[(steps.STEP_STATUS == "COMPLETE") & (steps.STEP_TYPE == "Formal Supervision")].copy()
held["day"] = pd.to_datetime(held.EVENT_DATETIME.str.slice(0, 10), format="%d/%m/%Y")
held = held.sort_values(["WORKER_ID", "day"])
gaps = held.groupby("WORKER_ID")["day"].diff() > pd.Timedelta(days=31)
done = time.perf_counter()
print(f"pandas: read {len(steps)} rows in {1000 * (read - started):.0f} ms; read and one gap rule ({int(gaps.sum())} late) in {1000 * (done - started):.0f} ms")
