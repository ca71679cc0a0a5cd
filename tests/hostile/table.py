"""Print the hostile-input table of the closing note: per finding, how every input was received.

uv run python tests/hostile/table.py            # the named cases and 90 random damages
uv run python tests/hostile/table.py --random 300
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.hostile.corpus import cases, random_cases, run_case

COLUMNS = [
    "inputs",
    "clean, located",
    "clean, no location",
    "read as good",
    "tracebacks",
    "hangs",
    "data lost",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--random", type=int, default=90, help="random damages to add (default 90)")
    args = parser.parse_args()
    rows: dict[str, Counter] = {}
    wrong: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        for index, case in enumerate(cases() + random_cases(args.random)):
            outcome = run_case(case, Path(folder) / f"case{index}")
            row = rows.setdefault(case.category, Counter())
            row["inputs"] += 1
            if outcome.traceback:
                row["tracebacks"] += 1
            if outcome.hang:
                row["hangs"] += 1
            if outcome.lost:
                row["data lost"] += 1
            if outcome.accepted:
                row["read as good"] += 1
            elif outcome.clean and not outcome.traceback and not outcome.hang:
                row["clean, located" if outcome.located else "clean, no location"] += 1
            if not outcome.clean or outcome.traceback or outcome.hang or outcome.lost:
                wrong.append(f"{case.name}: {outcome.traceback or outcome.messages[:2]}")
    width = max(len(name) for name in rows) + 2
    print("category".ljust(width) + " | " + " | ".join(COLUMNS))
    print("-" * width + "-|-" + "-|-".join("-" * len(c) for c in COLUMNS))
    total: Counter = Counter()
    for name, row in rows.items():
        total.update(row)
        print(name.ljust(width) + " | " + " | ".join(str(row[c]).rjust(len(c)) for c in COLUMNS))
    print("total".ljust(width) + " | " + " | ".join(str(total[c]).rjust(len(c)) for c in COLUMNS))
    for line in wrong:
        print("NOT CLEAN:", line)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
