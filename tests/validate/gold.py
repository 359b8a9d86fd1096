"""Budget facts built from the hand-made gold CSVs of ../shared/spec/gold (read, never copied).

The gold files hold the contract's content columns only; this helper fills the provenance
columns (disclosure id, page, bbox, …) with plausible values so the facts look like what the
normalize stage hands to validation and publishing.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from assets.core.schema import BUDGET_FACTS_COLUMNS, PIPELINE_VERSION, UNITS

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
GOLD_DIR = SHARED / "spec" / "gold"
SEED_GOLD = "seed_budget_facts.csv"

_ROW_HEIGHT = 20.0
_COLUMN_WIDTH = 60.0


def gold_path(name: str = SEED_GOLD) -> Path:
    path = GOLD_DIR / name
    if not path.exists():
        pytest.skip(f"gold file {path} not available")
    return path


def gold_facts(name: str = SEED_GOLD, disclosure_id: str = "seed-2026-budget") -> list[dict[str, Any]]:
    """All facts of one gold file as in-memory facts (dicts with exactly the schema's keys)."""
    with gold_path(name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    row_index: dict[tuple[str, ...], int] = {}
    column_index: dict[tuple[str, ...], int] = {}
    facts = []
    for row in rows:
        # Cells of one printed row share a top; columns share an x0 — like real extraction.
        row_key = (
            row["table_no"],
            row["direction"],
            row["classification"],
            row["code"],
            row["item"],
            row["project"],
        )
        column_key = (row["table_no"], row["source"], row["measure"], row["econ_code"])
        top = 100.0 + _ROW_HEIGHT * row_index.setdefault(row_key, len(row_index))
        x0 = 150.0 + _COLUMN_WIDTH * column_index.setdefault(column_key, len(column_index))
        facts.append(_fact(row, disclosure_id, (x0, top, x0 + _COLUMN_WIDTH, top + _ROW_HEIGHT)))
    return facts


def _fact(row: dict[str, str], disclosure_id: str, bbox: tuple[float, float, float, float]) -> dict[str, Any]:
    amount = Decimal(row["amount"])
    fact: dict[str, Any] = {
        "disclosure_id": disclosure_id,
        "region": "克孜勒苏柯尔克孜自治州",
        "department": "克孜勒苏柯尔克孜自治州人民政府办公室",
        "year": 2026,
        "doc_kind": "budget",
        "table_no": int(row["table_no"]),
        "table_key": row["table_key"],
        "direction": row["direction"],
        "classification": row["classification"],
        "code": row["code"] or None,
        "code_source": "printed" if row["code"] else None,
        "code_level": int(row["code_level"]) if row["code_level"] else None,
        "item": row["item"],
        "project": row["project"] or None,
        "source": row["source"],
        "measure": row["measure"],
        "econ_code": row["econ_code"] or None,
        "gov_econ_code": row["gov_econ_code"] or None,
        "amount": amount,
        "unit": row["unit"],
        "amount_cny": (amount * UNITS[row["unit"]]).quantize(Decimal("0.01")),
        "is_total": row["is_total"] == "true",
        "source_url": "seed/seed_kizilsu_2026_budget.pdf",
        "source_sha256": "eeeb8df8a768938b2db48694d58365bac1b1b5db4fc4f6a0c4a2a208c51697ad",
        "page": int(row["table_no"]) + 2,
        "bbox": bbox,
        "pipeline_version": PIPELINE_VERSION,
    }
    assert list(fact) == [c.name for c in BUDGET_FACTS_COLUMNS]
    return fact
