"""How long `timeline-app generate` takes: `python benchmarks/bench_generate.py`.

The foundation's target is 1,000,000 events in under a minute on the 2-core machine. Each
size is generated three times into a temporary folder, each run in its own process; the
table gives the median and the process's peak memory.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import sys
from pathlib import Path
from timeline_app.allocator import return_large_blocks_promptly
from timeline_app.generator import generate_database
return_large_blocks_promptly()  # as every start of the app does
generate_database(Path(sys.argv[1]), events=int(sys.argv[2]), companies=int(sys.argv[3]), seed=3)
status = Path("/proc/self/status").read_text().splitlines()
print(next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) // 1024)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--companies", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| events | median time | runs | peak memory | file size |")
    print("|---|---|---|---|---|")
    for events in (int(s) for s in args.sizes.split(",")):
        times, peaks, size = [], [], 0
        for run in range(args.runs):
            with tempfile.TemporaryDirectory() as folder:
                out = Path(folder) / f"gen-{run}.db"
                started = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, "-c", CHILD, str(out), str(events), str(args.companies)],
                    capture_output=True, text=True, check=True,
                )  # fmt: skip
                times.append(time.perf_counter() - started)
                peaks.append(int(done.stdout.split()[-1]))
                size = out.stat().st_size
        runs = " / ".join(f"{t:.1f} s" for t in times)
        print(f"| {events:,} | {statistics.median(times):.1f} s | {runs} | "
              f"{max(peaks)} MB | {size / 1e6:.0f} MB |")  # fmt: skip


if __name__ == "__main__":
    main()
