"""Write the published tables: Parquet, CSV (UTF-8 with BOM), datapackage.json, data_dictionary.md.

Everything is generated from ``assets.core.schema``: the Arrow schemas (exact decimals, column
descriptions in field metadata), the Frictionless descriptor (types, descriptions, required and
enum constraints, keys) and the data dictionary. Every file is first written complete into a
temporary directory beside the output and then moved into place with an atomic rename, so a
crash leaves either the previous file or the new one, never half of one.

This module needs no Frictionless at run time: the descriptor is plain JSON (the tests validate
it with the Frictionless library).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from assets.core.schema import COLUMN_VOCABULARIES, PIPELINE_VERSION, TABLES, Column, arrow_schema

Row = Mapping[str, Any]

PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
DATAPACKAGE = "datapackage.json"
DATA_DICTIONARY = "data_dictionary.md"
# Tables keyed by disclosure_id, and the tables whose disclosure_id must name one of them.
PRIMARY_KEYS = {"disclosures": ["disclosure_id"]}
FOREIGN_KEYS = {"budget_facts": "disclosures", "findings": "disclosures"}


def write_published(
    out_dir: Path, facts: Iterable[Row], disclosures: Iterable[Row], findings: Iterable[Row]
) -> dict[str, Path]:
    """Write all published files into ``out_dir``; returns file name → path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = {"budget_facts": list(facts), "disclosures": list(disclosures), "findings": list(findings)}
    writers: dict[str, Callable[[Path], None]] = {}
    for table, table_rows in rows.items():
        arrow_table = to_arrow(table, table_rows)  # fails before anything is written
        writers[f"{table}.parquet"] = _parquet_writer(arrow_table)
        writers[f"{table}.csv"] = _csv_writer(TABLES[table], table_rows)
    writers[DATA_DICTIONARY] = _text_writer(data_dictionary())
    writers[DATAPACKAGE] = _text_writer(json.dumps(datapackage(), ensure_ascii=False, indent=2) + "\n")
    return _write_atomically(out_dir, writers)  # the descriptor comes last, after its data


def to_arrow(table: str, rows: Sequence[Row]) -> pa.Table:
    """Rows as an Arrow table of the published schema (amounts stay exact decimals)."""
    columns = TABLES[table]
    _check_keys(table, columns, rows)
    return pa.Table.from_pylist([dict(r) for r in rows], schema=arrow_schema(columns, table))


# --- Frictionless descriptor ---------------------------------------------------------------


def datapackage() -> dict[str, Any]:
    """The Frictionless Data Package describing the CSV tables and their Parquet twins."""
    resources = [_csv_resource(name) for name in TABLES]
    resources += [_parquet_resource(name) for name in TABLES]
    return {
        "name": "budget-facts",
        "title": "Chinese government budget disclosures as open data",
        "description": "Every number of the standard tables of 部门预算/决算 disclosures, with "
        "provenance, and the validation findings. See data_dictionary.md.",
        "version": PIPELINE_VERSION,
        "resources": resources,
    }


def _csv_resource(table: str) -> dict[str, Any]:
    resource_schema: dict[str, Any] = {"fields": [_field(table, c) for c in TABLES[table]]}
    if table in PRIMARY_KEYS:
        resource_schema["primaryKey"] = PRIMARY_KEYS[table]
    if table in FOREIGN_KEYS:
        resource_schema["foreignKeys"] = [
            {
                "fields": ["disclosure_id"],
                "reference": {"resource": FOREIGN_KEYS[table], "fields": ["disclosure_id"]},
            }
        ]
    return {
        "name": table,
        "path": f"{table}.csv",
        "type": "table",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig",  # the BOM lets Excel open the file as UTF-8
        "description": f"{table} as CSV (UTF-8 with BOM). Same rows as {table}.parquet.",
        "schema": resource_schema,
    }


def _parquet_resource(table: str) -> dict[str, Any]:
    # Described as a file, not a table: its exact Arrow schema travels inside the file.
    return {
        "name": f"{table}_parquet",
        "path": f"{table}.parquet",
        "type": "file",
        "format": "parquet",
        "mediatype": PARQUET_MEDIATYPE,
        "description": f"{table} as Parquet (the analysts' format): exact decimals, typed columns, "
        "column descriptions in the field metadata. Same rows as the CSV.",
    }


def _field(table: str, column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": _frictionless_type(column.type),
        "description": _csv_description(column),
    }
    constraints: dict[str, Any] = {}
    if not column.nullable:
        constraints["required"] = True
    vocabulary = COLUMN_VOCABULARIES.get(table, {}).get(column.name)
    if vocabulary is not None:
        constraints["enum"] = list(vocabulary)
    if constraints:
        field["constraints"] = constraints
    return field


def _frictionless_type(arrow_type: pa.DataType) -> str:
    if pa.types.is_integer(arrow_type):
        return "integer"
    if pa.types.is_decimal(arrow_type) or pa.types.is_floating(arrow_type):
        return "number"
    if pa.types.is_boolean(arrow_type):
        return "boolean"
    return "string"  # strings, and lists written as comma-separated text


def _csv_description(column: Column) -> str:
    if pa.types.is_fixed_size_list(column.type) or pa.types.is_list(column.type):
        return f"{column.description} (in CSV: comma-separated)"
    return column.description


# --- data dictionary -----------------------------------------------------------------------


def data_dictionary() -> str:
    """Markdown: every published column with its type and description, every vocabulary."""
    lines = [
        "# Data dictionary",
        "",
        f"Generated from `assets/core/schema.py` (pipeline version {PIPELINE_VERSION}). Every table is "
        "published as Parquet and as CSV (UTF-8 with BOM); `datapackage.json` describes both.",
        "",
    ]
    for table, columns in TABLES.items():
        lines += [f"## {table}", "", "| column | type | required | description |", "|---|---|---|---|"]
        for c in columns:
            vocabularies = COLUMN_VOCABULARIES.get(table, {})
            see_below = f"; values: vocabulary `{c.name}` below" if c.name in vocabularies else ""
            required = "yes" if not c.nullable else ""
            lines.append(f"| `{c.name}` | {c.type} | {required} | {_cell(c.description)}{see_below} |")
        lines.append("")
    lines += ["## Vocabularies", ""]
    for name, vocabulary in _vocabularies().items():
        lines += [f"### {name}", "", "| value | meaning |", "|---|---|"]
        lines += [f"| `{value}` | {_meaning(label)} |" for value, label in vocabulary.items()]
        lines.append("")
    return "\n".join(lines)


def _vocabularies() -> dict[str, Mapping[str, object]]:
    """Each vocabulary once, under the column that uses it."""
    by_column: dict[str, Mapping[str, object]] = {}
    for table_vocabularies in COLUMN_VOCABULARIES.values():
        for column, vocabulary in table_vocabularies.items():
            by_column.setdefault(column, vocabulary)
    return by_column


def _meaning(label: object) -> str:
    if isinstance(label, int):  # a unit's factor (UNITS)
        return f"{label} 元 per unit"
    return _cell(str(label))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# --- writers -------------------------------------------------------------------------------


def _parquet_writer(table: pa.Table) -> Callable[[Path], None]:
    return lambda path: pq.write_table(table, path)


def _csv_writer(columns: list[Column], rows: Sequence[Row]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([c.name for c in columns])
            writer.writerows([_csv_value(row.get(c.name)) for c in columns] for row in rows)

    return write


def _text_writer(text: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_text(text, encoding="utf-8")

    return write


def _csv_value(value: Any) -> str:
    """One CSV cell: decimals exact and plain (no exponent), sequences comma-separated."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (list, tuple)):
        return ",".join(_csv_value(v) for v in value)
    return str(value)


def _write_atomically(out_dir: Path, writers: Mapping[str, Callable[[Path], None]]) -> dict[str, Path]:
    """Write every file into a temp dir on the same file system, then rename each into place."""
    staging = Path(tempfile.mkdtemp(prefix=".publishing-", dir=out_dir))
    try:
        for name, write in writers.items():
            write(staging / name)
        written = {}
        for name in writers:
            os.replace(staging / name, out_dir / name)
            written[name] = out_dir / name
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _check_keys(table: str, columns: list[Column], rows: Iterable[Row]) -> None:
    """Rows carry exactly the table's columns: an unknown key would be silently dropped."""
    expected = {c.name for c in columns}
    for row in rows:
        if set(row) != expected:
            extra, missing = sorted(set(row) - expected), sorted(expected - set(row))
            raise ValueError(f"{table} row does not match the schema: extra {extra}, missing {missing}")
