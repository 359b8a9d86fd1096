"""The analysts' Parquet dataset: one directory per table, hive-partitioned by budget year.

``dataset/<table>/year=<year>/part-<n>.parquet`` — ``year`` lives in the directory name (as hive
partitioning expects; DuckDB, pandas/pyarrow and Spark read it back as a column), the other
columns in the file with the published Arrow schema, so amounts stay exact decimals and every
field carries its description in the metadata. Rows are sorted by disclosure and table; files
are zstd-compressed with column statistics, and split into parts only past ``ROWS_PER_FILE``.
Tables without a ``year`` column (findings) take the year of their disclosure; rows of unknown
year go to ``year=__HIVE_DEFAULT_PARTITION__``, which hive readers read as null.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .schema import TABLES, arrow_schema

Row = Mapping[str, Any]

NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
ROWS_PER_FILE = 4_000_000  # a fact row is ~30 bytes compressed: parts stay around 100–200 MB
COMPRESSION = "zstd"
# Sort keys per table, first to last; a table not listed keeps its order within a partition.
SORT_KEYS = {
    "budget_facts": ("disclosure_id", "table_no", "table_key"),
    "disclosures": ("disclosure_id",),
    "findings": ("disclosure_id", "tables"),
    "classification_codes": ("classification", "code"),
    "classification_code_conflicts": ("classification", "code", "name"),
}


def partition_schema(table: str) -> pa.Schema:
    """The file schema of a partitioned table: the published schema without ``year``."""
    return arrow_schema([c for c in TABLES[table] if c.name != "year"], table)


def write_dataset(root: Path, tables: Mapping[str, Sequence[Row]]) -> list[Path]:
    """Write ``root/<table>/year=<y>/part-<n>.parquet`` for every table; returns the files."""
    year_of_disclosure = {
        str(d["disclosure_id"]): d.get("year") for d in tables.get("disclosures", ()) if d.get("disclosure_id")
    }
    written: list[Path] = []
    for table, rows in tables.items():
        by_year: dict[int | None, list[Row]] = defaultdict(list)
        for row in rows:
            by_year[_year(row, year_of_disclosure)].append(row)
        if not by_year:  # an empty table still has its schema on disk for readers
            by_year[None] = []
        schema = partition_schema(table)
        for year, year_rows in sorted(by_year.items(), key=lambda item: (item[0] is None, item[0] or 0)):
            directory = root / table / f"year={NULL_PARTITION if year is None else year}"
            directory.mkdir(parents=True, exist_ok=True)
            ordered = _sorted(table, year_rows)
            for part, start in enumerate(range(0, max(len(ordered), 1), ROWS_PER_FILE)):
                chunk = ordered[start : start + ROWS_PER_FILE]
                arrow_table = pa.Table.from_pylist([_without_year(r) for r in chunk], schema=schema)
                path = directory / f"part-{part}.parquet"
                pq.write_table(arrow_table, path, compression=COMPRESSION, write_statistics=True)
                written.append(path)
    return written


def _year(row: Row, year_of_disclosure: Mapping[str, Any]) -> int | None:
    year = row["year"] if "year" in row else year_of_disclosure.get(str(row.get("disclosure_id")))
    return None if year is None else int(year)


def _without_year(row: Row) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "year"}


def _sorted(table: str, rows: list[Row]) -> list[Row]:
    keys = SORT_KEYS.get(table, ())
    # Python's sort is stable, so the extraction order is kept within a table.
    return sorted(rows, key=lambda r: tuple(_sort_value(r.get(k)) for k in keys))


def _sort_value(value: Any) -> tuple[bool, int, str]:
    """Nulls last; numbers before text, each in its own order."""
    if value is None:
        return (True, 0, "")
    if isinstance(value, int):
        return (False, value, "")
    return (False, 0, str(value))
