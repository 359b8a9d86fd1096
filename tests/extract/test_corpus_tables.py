"""Over the real corpus: every budget and final-accounts document with tables has its family's core
tables recognised, and the accounting identities of the facts close within rounding.

Slow (every document of ../shared/corpus/real through extract and normalize): marker `corpus`.
The family of a document is the one whose declared signatures its table titles match
(specs/families/*.yaml); its core tables are that family's `core`, plus the 三公 table wherever the
document prints one. Narrative attachments (情况说明, whose tables are a separate attachment) carry
no tables and are left out.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from assets.core.document import process_document
from assets.core.identities import run_identity_checks
from assets.core.table_specs import family_of
from tests.conftest import SHARED

REAL = SHARED / "corpus" / "real"
DISCLOSURE_TYPES = {"dept_budget", "unit_budget", "dept_final", "final_accounts", "dept_budget_tables_only"}
# Tables a document really does not print (looked at in the PDF).
ABSENT = {
    # the tampered copy has no 支出决算表 page (the original gbc__shpt_czj_2024_dept_final.pdf has it)
    "gbc__shpt_czj_2024_final_TAMPERED.pdf": {"expenditure_summary"},
}


def _documents() -> list[str]:
    manifest = REAL / "MANIFEST.tsv"
    if not manifest.exists():
        return []
    with manifest.open(encoding="utf-8") as handle:
        return [r["file"] for r in csv.DictReader(handle, delimiter="\t") if r["doc_type"] in DISCLOSURE_TYPES]


@cache
def _read(file: str) -> dict[str, Any]:
    result = process_document(REAL / file)
    findings, checked = run_identity_checks(result.facts)
    return {
        "status": result.disclosure["status"],
        "found": set(result.disclosure["tables_found"]),
        "titles": result.details.get("table_titles") or [],
        "three_public": bool(result.details.get("has_three_public")),
        "checked": checked,
        "errors": [f for f in findings if f["severity"] == "error"],
    }


@pytest.mark.corpus
@pytest.mark.parametrize("file", _documents())
def test_family_core_tables_are_recognised(file: str) -> None:
    doc = _read(file)
    if doc["status"] == "narrative_only":
        pytest.skip("narrative attachment: its tables are published separately")
    family = family_of(doc["titles"])
    assert family is not None, doc["titles"]
    core = set(family.core) | ({"three_public_expenditure"} if doc["three_public"] else set())
    assert core - doc["found"] - ABSENT.get(file, set()) == set()


@pytest.mark.corpus
def test_identities_close_within_rounding() -> None:
    files = [f for f in _documents() if Path(REAL / f).exists()]
    if not files:
        pytest.skip("../shared/corpus/real is absent")
    checked = errors = 0
    for file in files:
        doc = _read(file)
        checked += doc["checked"]
        errors += len(doc["errors"])
    assert checked > 10_000
    assert (checked - errors) / checked >= 0.98, (checked, errors)
