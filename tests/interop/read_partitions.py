"""Interop check: a build with `--partition-by year` read back in Python.

Usage: python3 tests/interop/read_partitions.py PARTITIONED_DIR FLAT_DIR

Each row table's folder (`documents.parquet/year=2008/part-0.parquet` …) is read as a
Hive-partitioned dataset with pandas (pyarrow); it must hold the flat table's rows, the
year coming back from the folder names. CSV partitions are read file by file with pandas.
Exits non-zero with the reasons when anything differs.
"""

import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

# The year's type, given: a table whose rows are all undated has only the
# `__HIVE_DEFAULT_PARTITION__` folder, from which no type can be inferred.
YEAR = ds.partitioning(pa.schema([("year", pa.int32())]), flavor="hive")

TABLES = ["documents", "sections", "directives", "assignments", "recipients", "diagnostics"]


def main(parts: Path, flat: Path) -> int:
    problems = []
    for name in TABLES:
        frame = pd.read_parquet(parts / f"{name}.parquet", partitioning=YEAR)
        whole = pd.read_parquet(flat / f"{name}.parquet")
        csv_rows = sum(len(pd.read_csv(p)) for p in (parts / f"{name}.csv").glob("year=*/part-0.csv"))
        if len(frame) != len(whole) or csv_rows != len(whole):
            problems.append(f"{name}: {len(frame)} Parquet / {csv_rows} CSV rows in partitions, {len(whole)} flat")
        if "year" not in frame.columns:
            problems.append(f"{name}: no year from the partition folders")
        if name == "documents":
            years = frame.set_index("doc_id")["year"].astype("Int64").sort_index()
            flat_years = whole.set_index("doc_id")["year"].astype("Int64").sort_index()
            if not years.equals(flat_years):
                problems.append("documents: the partition years differ from the year column")
        print(f"{name:12} {len(frame):6} rows in {frame['year'].nunique()} years")
    for p in problems:
        print("interop:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
