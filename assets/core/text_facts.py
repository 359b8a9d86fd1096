"""The facts of a document beyond its standard tables: performance targets and the narrative.

Called by normalize for every readable document that belongs to a disclosure (a narrative-only
attachment has a narrative; a 绩效目标申报表 has targets). A failure here never costs the
document its budget facts: it becomes a `problem` (a warning finding) instead.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa

from .narrative_facts import narrative_facts
from .performance_targets import TitleLine, performance_targets
from .schema import TABLES
from .table_facts import Problem
from .table_locate import LocatedTable

# Document statuses whose text is read (the others are unreadable or not a disclosure).
TEXT_FACT_STATUSES = frozenset({"ok", "narrative_only", "budget_adjacent", "no_standard_tables"})


def title_lines(text_pages: list[dict[str, Any]]) -> list[TitleLine]:
    return [TitleLine(int(p["page"]), float(ln[2]), float(ln[4]), str(ln[0])) for p in text_pages for ln in p["lines"]]


def extract_text_facts(
    tables: list[LocatedTable],
    text_pages: list[dict[str, Any]],
    disclosure: dict[str, Any],
    source_sha256: str,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Problem]]:
    """(performance_targets rows, narrative_facts rows, problems) of one document."""
    if disclosure.get("status") not in TEXT_FACT_STATUSES:
        return [], [], []
    context = {
        "disclosure_id": disclosure["disclosure_id"],
        "source_sha256": source_sha256,
        "pipeline_version": disclosure["pipeline_version"],
    }
    targets: list[dict[str, Any]] = []
    narrative: list[dict[str, Any]] = []
    problems: list[Problem] = []
    try:
        targets = performance_targets(tables, context, title_lines(text_pages))
    except Exception as exc:  # noqa: BLE001 - one unreadable table must not cost the document
        problems.append(Problem("performance_targets", f"performance-target tables not read: {type(exc).__name__}: {exc}"[:300], 0, "", None))
    try:
        narrative = narrative_facts(text_pages, context, disclosure.get("department"))
    except Exception as exc:  # noqa: BLE001
        problems.append(Problem("narrative_facts", f"narrative not read: {type(exc).__name__}: {exc}"[:300], 0, "", None))
    return targets, narrative, problems


def decode_rows(table: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Undo the JSON staging of `table` rows: decimal strings → Decimal, bbox lists → tuples."""
    decimals = [c.name for c in TABLES[table] if pa.types.is_decimal(c.type)]
    for row in rows:
        for name in decimals:
            if row.get(name) is not None:
                row[name] = Decimal(row[name])
        if isinstance(row.get("bbox"), list):
            row["bbox"] = tuple(row["bbox"])
    return rows
