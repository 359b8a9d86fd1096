"""Write the published package: flat tables (Parquet, CSV UTF-8 with BOM), datapackage.json,
the data dictionary (Markdown and HTML) and — unless ``package=False`` — the Parquet dataset,
source PDFs, per-disclosure workbooks and lineage, the static site and the DCAT catalog
(``publish_package``).

Everything is generated from ``assets.core.schema``: the Arrow schemas (exact decimals, column
descriptions in field metadata), the Frictionless descriptor (types, descriptions, required and
enum constraints, keys, Fiscal Data Package column types) and the data dictionary. Everything
is first written complete into a temporary directory beside the output and then moved into
place with atomic renames (directories are swapped), the descriptor last, so a crash leaves
either the previous file or the new one, never half of one. Releases (a new directory per run,
then a switched symlink) make the whole package switch at once.

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
from datetime import UTC, datetime
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from assets.core.publish_codelists import build_code_lists
from assets.core.publish_fdp import EXTRA_FIELDS, annotate_field, package_properties
from assets.core.publish_package import write_package
from assets.core.publish_paths import DATA_DICTIONARY_HTML
from assets.core.schema import COLUMN_VOCABULARIES, PIPELINE_VERSION, TABLES, Column, arrow_schema

Row = Mapping[str, Any]

PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
DATAPACKAGE = "datapackage.json"
DATA_DICTIONARY = "data_dictionary.md"
# Tables keyed by disclosure_id, and the tables whose disclosure_id must name one of them.
PRIMARY_KEYS = {"disclosures": ["disclosure_id"]}
FOREIGN_KEYS = {
    "budget_facts": "disclosures",
    "findings": "disclosures",
    "performance_targets": "disclosures",
    "narrative_facts": "disclosures",
}


def write_published(
    out_dir: Path,
    facts: Iterable[Row],
    disclosures: Iterable[Row],
    findings: Iterable[Row],
    *,
    tables: Mapping[str, Iterable[Row]] | None = None,
    package: bool = True,
    documents: Mapping[str, Path] | None = None,
    raw_dirs: Sequence[Path] = (),
    issued: str | None = None,
    base_url: str | None = None,
) -> dict[str, Path]:
    """Write the published package into ``out_dir``; returns top-level name → path.

    ``tables``: rows of further published tables by name (any table of ``schema.TABLES``; one
    not given is written empty, the code lists are derived from the facts unless given).
    ``package``: also write the dataset, documents, workbooks, lineage, site and catalog.
    ``documents``: sha256 → local file of a source document; ``raw_dirs``: raw stores where
    ``<sha256>.pdf`` may be found (local document_urls are tried too). ``issued``: the release
    time (ISO 8601, default now); ``base_url``: where the release will be served, if known.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rows: dict[str, list[Row]] = {
        "budget_facts": list(facts),
        "disclosures": list(disclosures),
        "findings": list(findings),
    }
    for name, table_rows in (tables or {}).items():
        if name not in TABLES:
            raise ValueError(f"unknown published table {name!r}")
        rows[name] = list(table_rows)
    if "classification_codes" not in rows or "classification_code_conflicts" not in rows:
        codes, conflicts = build_code_lists(rows["budget_facts"])
        rows.setdefault("classification_codes", list(codes))
        rows.setdefault("classification_code_conflicts", list(conflicts))
    rows = {name: rows.get(name, []) for name in TABLES}  # schema order; absent tables empty
    writers: dict[str, Callable[[Path], None]] = {}
    for table, table_rows in rows.items():
        arrow_table = to_arrow(table, table_rows)  # fails before anything is written
        writers[f"{table}.parquet"] = _parquet_writer(arrow_table)
        writers[f"{table}.csv"] = _csv_writer(TABLES[table], table_rows)
    writers[DATA_DICTIONARY] = _text_writer(data_dictionary())
    writers[DATA_DICTIONARY_HTML] = _text_writer(data_dictionary_html())
    issued = issued or datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")

    def build_package(staging: Path) -> list[str]:
        dataset_files: list[str] = []
        entries: list[str] = []
        if package:
            contents = write_package(staging, rows, issued, documents, raw_dirs, base_url)
            dataset_files, entries = contents.dataset_files, contents.entries
        descriptor = datapackage(dataset_files)
        _text_writer(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n")(staging / DATAPACKAGE)
        return [*entries, DATAPACKAGE]  # the descriptor comes last, after its data

    return _write_atomically(out_dir, writers, build_package)


def to_arrow(table: str, rows: Sequence[Row]) -> pa.Table:
    """Rows as an Arrow table of the published schema (amounts stay exact decimals)."""
    columns = TABLES[table]
    _check_keys(table, columns, rows)
    decimals = [c.name for c in columns if pa.types.is_decimal(c.type)]
    return pa.Table.from_pylist([_exact(r, decimals) for r in rows], schema=arrow_schema(columns, table))


def _exact(row: Row, decimal_columns: Sequence[str]) -> dict[str, Any]:
    """A copy of the row with decimal columns given as text (staged JSON keeps amounts as
    strings) turned back into exact Decimals; anything else is left for Arrow to check."""
    out = dict(row)
    for name in decimal_columns:
        if isinstance(out.get(name), str):
            out[name] = Decimal(out[name])
    return out


# --- Frictionless descriptor ---------------------------------------------------------------


def datapackage(dataset_files: Sequence[str] = ()) -> dict[str, Any]:
    """The Frictionless Data Package describing the CSV tables, their Parquet twins and the
    partitioned dataset's files (``dataset_files``, release-relative), with Fiscal Data
    Package column types."""
    resources = [_csv_resource(name) for name in TABLES]
    resources += [_parquet_resource(name) for name in TABLES]
    resources += [_dataset_resource(path) for path in dataset_files]
    return {
        "name": "budget-facts",
        "title": "Chinese government budget disclosures as open data",
        "description": "Every number of the standard tables of 部门预算/决算 disclosures, with "
        "provenance, the validation findings and the classification code lists. See "
        "data_dictionary.md. Fields carry Fiscal Data Package columnTypes.",
        "version": PIPELINE_VERSION,
        "resources": resources,
        **package_properties(),
    }


def _dataset_resource(path: str) -> dict[str, Any]:
    parts = path.split("/")  # dataset/<table>/year=<y>/part-<n>.parquet
    table, partition, part = parts[1], parts[2], parts[3].removesuffix(".parquet")
    name = f"dataset_{table}_{partition.replace('=', '_')}_{part}".lower()
    return {
        "name": "".join(c if c.isalnum() or c in "-_." else "_" for c in name),
        "path": path,
        "type": "file",
        "format": "parquet",
        "mediatype": PARQUET_MEDIATYPE,
        "description": f"{table}, {partition} ({part}) of the hive-partitioned Parquet dataset "
        "(year in the directory name, not in the file).",
    }


def _csv_resource(table: str) -> dict[str, Any]:
    resource_schema: dict[str, Any] = {"fields": [annotate_field(table, _field(table, c)) for c in TABLES[table]]}
    if table in EXTRA_FIELDS:
        resource_schema["extraFields"] = EXTRA_FIELDS[table]
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
        "published as Parquet and as CSV (UTF-8 with BOM); `datapackage.json` describes both, with "
        "Fiscal Data Package `columnType`s (listed in `data_dictionary.html`); `dataset/<table>/year=<y>/` "
        "holds the same tables as a hive-partitioned Parquet dataset.",
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


def data_dictionary_html() -> str:
    """The data dictionary as a standalone HTML page (same content as the Markdown)."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh"><head><meta charset="utf-8"><title>Data dictionary — budget-facts</title>',
        "<style>body{font-family:sans-serif;max-width:1100px;margin:1rem auto;padding:0 1rem}"
        "table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{border:1px solid #ccd;"
        "padding:.2rem .45rem;text-align:left;vertical-align:top}th{background:#eef}code{font-size:.95em}</style>",
        "</head><body>",
        "<h1>Data dictionary</h1>",
        f"<p>Generated from <code>assets/core/schema.py</code> (pipeline version {escape(PIPELINE_VERSION)}). "
        "Every table is published as Parquet and as CSV (UTF-8 with BOM); <code>datapackage.json</code> "
        "describes both, with Fiscal Data Package <code>columnType</code>s; <code>dataset/</code> holds "
        "the same tables hive-partitioned by year.</p>",
    ]
    for table, columns in TABLES.items():
        parts.append(f'<h2 id="{escape(table)}">{escape(table)}</h2>')
        parts.append("<table><tr><th>column</th><th>type</th><th>required</th><th>FDP columnType</th><th>description</th></tr>")
        for c in columns:
            has_vocabulary = COLUMN_VOCABULARIES.get(table, {}).get(c.name) is not None
            see = f' (values: <a href="#vocabulary-{escape(c.name)}">{escape(c.name)}</a>)' if has_vocabulary else ""
            column_type = annotate_field(table, {"name": c.name}).get("columnType", "")
            parts.append(
                f"<tr><td><code>{escape(c.name)}</code></td><td>{escape(str(c.type))}</td>"
                f"<td>{'yes' if not c.nullable else ''}</td><td><code>{escape(column_type)}</code></td>"
                f"<td>{escape(c.description)}{see}</td></tr>"
            )
        parts.append("</table>")
    parts.append("<h2>Vocabularies</h2>")
    for name, vocabulary in _vocabularies().items():
        parts.append(f'<h3 id="vocabulary-{escape(name)}">{escape(name)}</h3><table><tr><th>value</th><th>meaning</th></tr>')
        parts += [f"<tr><td><code>{escape(str(v))}</code></td><td>{escape(_meaning(label))}</td></tr>" for v, label in vocabulary.items()]
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


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


def _write_atomically(
    out_dir: Path,
    writers: Mapping[str, Callable[[Path], None]],
    build_rest: Callable[[Path], list[str]] = lambda staging: [],
) -> dict[str, Path]:
    """Write every file into a temp dir on the same file system, then rename each into place.

    ``build_rest`` writes further entries (files or directories) into the staging dir and
    returns their names, in the order to publish them, after the files of ``writers``.
    """
    staging = Path(tempfile.mkdtemp(prefix=".publishing-", dir=out_dir))
    try:
        for name, write in writers.items():
            write(staging / name)
        names = [*writers, *build_rest(staging)]
        written = {}
        for name in names:
            _replace(staging / name, out_dir / name, staging)
            written[name] = out_dir / name
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _replace(source: Path, target: Path, staging: Path) -> None:
    """Atomic for files; a directory is swapped by two renames (the old one is removed after)."""
    if source.is_dir() and target.is_dir() and not target.is_symlink():
        retired = staging / f".retired-{target.name}"
        os.replace(target, retired)
        os.replace(source, target)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(source, target)


def _check_keys(table: str, columns: list[Column], rows: Iterable[Row]) -> None:
    """Rows carry exactly the table's columns: an unknown key would be silently dropped."""
    expected = {c.name for c in columns}
    for row in rows:
        if set(row) != expected:
            extra, missing = sorted(set(row) - expected), sorted(expected - set(row))
            raise ValueError(f"{table} row does not match the schema: extra {extra}, missing {missing}")
