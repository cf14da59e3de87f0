"""Interop check: the tables of `vanban build` read back in Python.

Usage: python3 tests/interop/read_tables.py OUT_DIR N_FILES

Every Parquet table is read with pyarrow and every CSV with pandas; both must have the
same rows and columns, the documented column types, and `documents` one row per input
file (N_FILES). Exits non-zero with the reasons when anything differs.
"""

import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

TABLES = [
    "documents", "sections", "directives", "assignments", "recipients", "diagnostics",
    "agency_workload", "agency_workload_by_year", "agency_pairs", "deadline_calendar",
    "issuer_summary",
]
# Columns whose type users rely on (README, "Tables").
DATES = {
    "documents": ["date"],
    "directives": ["date", "deadline_start", "deadline_end"],
    "assignments": ["date"],
    "agency_workload": ["first_date", "last_date"],
    "deadline_calendar": ["month"],
}
BOOLS = {"directives": ["urgent"], "assignments": ["explicit"], "recipients": ["archive"]}
INTS = {
    "documents": ["directives", "recipients", "errors", "bytes", "lines"],
    "directives": ["line"],
    "diagnostics": ["line", "column"],
}


def main(out: Path, n_files: int) -> int:
    problems = []
    for name in TABLES:
        table = pq.read_table(out / f"{name}.parquet")
        frame = pd.read_csv(out / f"{name}.csv", parse_dates=DATES.get(name, []))
        if table.num_rows != len(frame):
            problems.append(f"{name}: {table.num_rows} rows in Parquet, {len(frame)} in CSV")
        if table.column_names != list(frame.columns):
            problems.append(f"{name}: columns differ: {table.column_names} / {list(frame.columns)}")
        for col in DATES.get(name, []):
            if table.schema.field(col).type != pa.date32():
                problems.append(f"{name}.{col}: {table.schema.field(col).type} in Parquet, not date32")
            if len(frame) and not pd.api.types.is_datetime64_any_dtype(frame[col]):
                problems.append(f"{name}.{col}: {frame[col].dtype} in CSV, not a date")
        for col in BOOLS.get(name, []):
            if table.schema.field(col).type != pa.bool_():
                problems.append(f"{name}.{col}: {table.schema.field(col).type}, not bool")
            if len(frame) and frame[col].dtype != bool:
                problems.append(f"{name}.{col}: {frame[col].dtype} in CSV, not bool")
        for col in INTS.get(name, []):
            if not pa.types.is_integer(table.schema.field(col).type):
                problems.append(f"{name}.{col}: {table.schema.field(col).type}, not an integer")
            if len(frame) and not pd.api.types.is_integer_dtype(frame[col]):
                problems.append(f"{name}.{col}: {frame[col].dtype} in CSV, not an integer")
        print(f"{name:24} {table.num_rows:6} rows  {table.num_columns:3} columns")
    docs = pq.read_table(out / "documents.parquet")
    if docs.num_rows != n_files:
        problems.append(f"documents: {docs.num_rows} rows for {n_files} input files")
    ids = pd.read_csv(out / "documents.csv", dtype={"doc_id": str})["doc_id"]
    if not ids.str.fullmatch(r"[0-9a-f]{16}").all():
        problems.append("documents.doc_id: not 16 hex digits in the CSV")
    for p in problems:
        print("interop:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), int(sys.argv[2])))
