"""An Excel workbook per disclosure, for people who live in spreadsheets.

``xlsx/<disclosure>.xlsx``: a README sheet (what the disclosure is, where it came from, what each
column means, validation status) and one sheet per standard table with its facts in printed
order, plus a findings sheet when validation found something. Amounts are written as the exact
decimal text of the published value (Excel reads them as numbers).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from .publish_paths import disclosure_title
from .schema import BUDGET_FACTS_COLUMNS, FINDINGS_COLUMNS, PIPELINE_VERSION, TABLE_KEYS

Row = Mapping[str, Any]
FACT_COLUMNS = [
    "code", "code_level", "item", "project", "direction", "source", "measure", "econ_code",
    "gov_econ_code", "amount", "unit", "amount_cny", "is_total", "page",
]  # fmt: skip
FINDING_COLUMNS = ["check", "severity", "tables", "code_or_item", "expected", "actual", "difference", "message", "pages"]
README_FIELDS = [
    ("disclosure_id", "disclosure"), ("title", "title"), ("region", "region"), ("department", "department"),
    ("year", "year"), ("doc_kind", "document kind"), ("status", "processing status"), ("message", "message"),
    ("validation_status", "validation status"), ("fact_count", "facts"), ("source_page_url", "source page"),
    ("document_url", "document (attachment) URL"), ("sha256", "document sha256"), ("fetched_at", "fetched at"),
    ("pages", "pages"), ("pipeline_version", "pipeline version"),
]  # fmt: skip
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_BOLD = Font(bold=True)
_DESCRIPTIONS = {c.name: c.description for c in [*BUDGET_FACTS_COLUMNS, *FINDINGS_COLUMNS]}


def write_workbook(path: Path, disclosure: Row, facts: Sequence[Row], findings: Sequence[Row]) -> None:
    workbook = Workbook(write_only=True)
    tables: dict[str, list[Row]] = {}
    for fact in facts:
        tables.setdefault(str(fact["table_key"]), []).append(fact)
    names = _sheet_names(tables)
    _readme(workbook.create_sheet("README"), disclosure, names, bool(findings))
    for key, rows in tables.items():
        _rows_sheet(workbook.create_sheet(names[key]), FACT_COLUMNS, rows)
    if findings:
        _rows_sheet(workbook.create_sheet("findings"), FINDING_COLUMNS, findings)
    workbook.save(path)


def _readme(sheet: WriteOnlyWorksheet, disclosure: Row, sheet_names: Mapping[str, str], has_findings: bool) -> None:
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 90
    sheet.append([_bold(sheet, disclosure_title(disclosure))])
    sheet.append(["Every number of the disclosure's standard tables, as printed, one row per number "
                  f"(budget-facts {PIPELINE_VERSION}). Each table is a sheet; `page` is the PDF page the "
                  "number was read from."])  # fmt: skip
    sheet.append([])
    for column, label in README_FIELDS:
        sheet.append([_bold(sheet, label), _text(disclosure.get(column))])
    sheet.append([])
    sheet.append([_bold(sheet, "sheet"), _bold(sheet, "table")])
    for key, name in sheet_names.items():
        sheet.append([name, f"{key}: {TABLE_KEYS.get(key, key)}"])
    if has_findings:
        sheet.append(["findings", "validation findings (errors and warnings) about these numbers"])
    sheet.append([])
    sheet.append([_bold(sheet, "column"), _bold(sheet, "meaning")])
    for column in dict.fromkeys([*FACT_COLUMNS, *FINDING_COLUMNS]):
        sheet.append([column, _DESCRIPTIONS.get(column, "")])


def _rows_sheet(sheet: WriteOnlyWorksheet, columns: Sequence[str], rows: Sequence[Row]) -> None:
    sheet.freeze_panes = "A2"
    for letter, column in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", columns, strict=False):
        sheet.column_dimensions[letter].width = 40 if column in ("item", "project", "message") else 14
    sheet.append([_bold(sheet, c) for c in columns])
    for row in rows:
        sheet.append([_cell_value(row.get(c)) for c in columns])


def _sheet_names(tables: Mapping[str, Sequence[Row]]) -> dict[str, str]:
    """``表N title``, ≤ 31 characters without the characters Excel forbids, unique."""
    names: dict[str, str] = {}
    for key, rows in tables.items():
        number = rows[0].get("table_no")
        title = TABLE_KEYS.get(key, key) if key != "unrecognized" else "unrecognized"
        base = _BAD_SHEET_CHARS.sub(" ", f"表{number} {title}" if number else title)[:31]
        name, n = base, 2
        while name in names.values() or name in ("README", "findings"):
            name = f"{base[:28]} {n}"
            n += 1
        names[key] = name
    return names


def _bold(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = _BOLD
    return cell


def _cell_value(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    if isinstance(value, Decimal):
        return value  # openpyxl writes the exact decimal text
    return value


def _text(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return value
