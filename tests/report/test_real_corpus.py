"""The real corpus (../shared/corpus/real): every file ends with a status that fits what it is,
and the metadata read from the documents agrees with MANIFEST.tsv where MANIFEST is right.

Slow (the whole corpus through the pipeline, once per session, in parallel): marker `corpus`.
Set BUDGET_FACTS_CORPUS_CACHE_DIR to reuse an extraction cache across sessions (e.g. the one a
`budget-facts corpus-report --cache-dir` run filled).

MANIFEST's metadata are a heuristic scan's hints. Where a document says otherwise and we looked,
the document's value is listed below with what it says.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

import pytest

from assets.core.corpus_report import CorpusReport, ReportRow, build_report
from assets.core.document import DISCLOSURE_STATUSES, NEGATIVE_STATUSES
from tests.conftest import SHARED

REAL = SHARED / "corpus" / "real"
MANIFEST = REAL / "MANIFEST.tsv"


def _manifest() -> list[dict[str, str]]:
    if not MANIFEST.exists():
        return []
    with MANIFEST.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


ROWS = _manifest()
NEGATIVE_TYPES = {
    "NOT_BUDGET_scraper_noise": {"not_budget"},
    "scanned_unverified": {"no_text_layer"},
    "unreadable": {"corrupt"},
    "html_page": {"html_page"},
    "budget_adjacent_no_std_tables": {"budget_adjacent"},
}
FINAL_TYPES = {"final_accounts", "dept_final"}
# What the documents say where MANIFEST's hints differ (each looked at in the PDF).
NARRATIVE = "情况说明 attachment: cover, 收入/支出预算情况说明, 三公, 名词解释; its 报表 are published separately"
VERIFIED_STATUS = {
    "rw__002_北京__2026年北京市人民政府国有资产监督管理委员会部门预算.pdf": ("narrative_only", NARRATIVE),
    **{
        f"rw__002_北京__2026年北京市{name}部门预算.pdf": ("narrative_only", NARRATIVE)
        for name in ("交通委员会", "信访办公室", "卫生健康委员会", "城市管理综合行政执法局", "应急管理局", "水务局", "规划和自然资源委员会")
    },
    "rw__002_北京__城市管理和综合执法局_附件1：北京市城市管理综合行政执法局2026年度部门预算情况说明.pdf": ("narrative_only", NARRATIVE),
    "rw__002_北京__政府办公厅_附件1：中共北京市委军民融合发展委员会办公室2026年度部门预算情况说明.pdf": ("narrative_only", NARRATIVE),
}
NARRATIVE_NOTE = "narrative+TOC only"  # MANIFEST's own note for Jiangsu narrative attachments


def _manifest_year(row: dict[str, str]) -> int | None:
    return int(row["fiscal_year"]) if row["fiscal_year"] else None


@pytest.fixture(scope="module")
def corpus() -> dict[str, ReportRow]:
    cache = os.environ.get("BUDGET_FACTS_CORPUS_CACHE_DIR")
    report: CorpusReport = build_report([REAL / r["file"] for r in ROWS], cache_dir=Path(cache) if cache else None)
    return {r.file: r for r in report.rows}


def _expected_statuses(row: dict[str, str]) -> set[str]:
    if row["file"] in VERIFIED_STATUS:
        return {VERIFIED_STATUS[row["file"]][0]}
    if row["doc_type"] in NEGATIVE_TYPES:
        return NEGATIVE_TYPES[row["doc_type"]]
    if NARRATIVE_NOTE in row["notes"]:
        return {"narrative_only"}
    return {"ok"}  # a budget or final-accounts document with its tables


@pytest.mark.corpus
@pytest.mark.parametrize("row", ROWS, ids=[r["file"] for r in ROWS])
def test_status_fits_what_the_file_is(corpus: dict[str, ReportRow], row: dict[str, Any]) -> None:
    got = corpus[row["file"]]
    expected = _expected_statuses(row)
    assert got.status in expected, f"{got.status} ({got.message}); expected {expected}"
    if row["doc_type"] in NEGATIVE_TYPES and row["file"] not in VERIFIED_STATUS:
        assert got.status in NEGATIVE_STATUSES and got.facts == 0
    elif got.status not in ("ok", "blocked"):
        assert got.facts == 0
    if row["doc_type"] not in NEGATIVE_TYPES:
        assert got.status in DISCLOSURE_STATUSES  # budget documents are never negatives
    if "TAMPERED" in row["file"]:
        assert got.errors > 0, "the altered numbers must be flagged"


BUDGET_ROWS = [r for r in ROWS if r["doc_type"] not in NEGATIVE_TYPES]


@pytest.mark.corpus
@pytest.mark.parametrize("row", BUDGET_ROWS, ids=[r["file"] for r in BUDGET_ROWS])
def test_metadata_from_the_document(corpus: dict[str, ReportRow], row: dict[str, Any]) -> None:
    got = corpus[row["file"]]
    assert got.doc_kind == ("final_accounts" if row["doc_type"] in FINAL_TYPES else "budget")
    if row["doc_type"] in ("unit_budget", "dept_budget"):
        assert got.scope == ("unit" if row["doc_type"] == "unit_budget" else "department")
    assert got.department, got.meta_evidence
    expected_year = _manifest_year(row)
    if expected_year is not None:
        assert got.year == expected_year, got.meta_evidence
    else:
        assert got.year is not None, got.meta_evidence
