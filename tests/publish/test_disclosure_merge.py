"""Documents of one disclosure become one `disclosures` row; their facts are published once."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from assets.core.cli import main
from assets.core.disclosure_merge import DocumentOutcome, merge_documents
from assets.core.schema import DISCLOSURES_COLUMNS
from tests.extract.synthetic_pdfs import text_pdf


def _row(url: str, status: str, sha: str, tables: list[str] | None = None, disclosure_id: str = "2026-budget-x") -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(c.name for c in DISCLOSURES_COLUMNS)
    row.update(
        disclosure_id=disclosure_id, department="测试局", year=2026, doc_kind="budget", scope="department",
        document_url=url, sha256=sha, pages=10, tables_found=tables or [], tables_empty=[], fact_count=0,
        status=status, message=None if status == "ok" else f"{status} message", validation_status="not_validated",
        document_count=1, document_urls=[url], document_sha256s=[sha], document_statuses=[status],
    )  # fmt: skip
    return row


def _fact(table: str, item: str, amount: str) -> dict[str, Any]:
    return {"table_key": table, "direction": "expenditure", "code": None, "item": item, "project": None,
            "source": "all", "measure": "total", "econ_code": None, "amount_cny": Decimal(amount)}  # fmt: skip


def _ok(url: str, sha: str, facts: list[dict[str, Any]], findings: list[dict[str, Any]] | None = None) -> DocumentOutcome:
    tables = sorted({f["table_key"] for f in facts})
    row = _row(url, "ok", sha, tables)
    row.update(fact_count=len(facts), validation_status="passed")
    return DocumentOutcome(row, facts, findings or [])


def test_narrative_and_tables_attachments_are_one_row() -> None:
    narrative = DocumentOutcome(_row("a/情况说明.pdf", "narrative_only", "n" * 64))
    tables = _ok("a/报表.pdf", "t" * 64, [_fact("income_expenditure_summary", "合计", "10")])
    merged = merge_documents([narrative, tables])
    (row,) = merged.disclosures
    assert (row["status"], row["fact_count"], row["document_count"]) == ("ok", 1, 2)
    assert row["document_url"] == "a/报表.pdf" and row["sha256"] == "t" * 64  # the facts' document
    assert row["document_urls"] == ["a/情况说明.pdf", "a/报表.pdf"]
    assert row["document_statuses"] == ["narrative_only", "ok"]
    assert row["pages"] == 20 and row["tables_found"] == ["income_expenditure_summary"]
    assert "情况说明.pdf: narrative_only" in row["message"]
    assert len(merged.facts) == 1 and merged.findings == []


def test_same_numbers_twice_are_published_once_with_a_warning() -> None:
    facts = [_fact("income_summary", "合计", "10")]
    merged = merge_documents([_ok("x.pdf", "a" * 64, facts), _ok("y.pdf", "b" * 64, list(facts))])
    assert len(merged.facts) == 1
    (finding,) = merged.findings
    assert (finding["check"], finding["severity"]) == ("duplicate_document", "warning")
    assert merged.disclosures[0]["validation_status"] == "warnings"


def test_different_numbers_keep_the_document_that_validates() -> None:
    error = {"disclosure_id": "2026-budget-x", "check": "table_total", "severity": "error", "message": "no"}
    tampered = _ok("tampered.pdf", "a" * 64, [_fact("income_summary", "合计", "99")], [error])
    real = _ok("real.pdf", "b" * 64, [_fact("income_summary", "合计", "10")])
    merged = merge_documents([tampered, real])
    assert [f["amount_cny"] for f in merged.facts] == [Decimal("10")]
    (conflict,) = merged.findings  # the left-out document's own findings go with its facts
    assert (conflict["check"], conflict["severity"]) == ("document_conflict", "error")
    assert "tampered.pdf" in conflict["message"] and "1 validation errors" in conflict["message"]
    assert merged.disclosures[0]["document_url"] == "real.pdf"


def test_tables_split_across_two_documents_are_both_kept() -> None:
    first = _ok("1.pdf", "a" * 64, [_fact("income_summary", "合计", "10")])
    second = _ok("2.pdf", "b" * 64, [_fact("three_public_expenditure", "合计", "1")])
    merged = merge_documents([first, second])
    assert len(merged.facts) == 2 and merged.findings == []
    assert merged.disclosures[0]["tables_found"] == ["income_summary", "three_public_expenditure"]


def test_negatives_stay_separate_rows() -> None:
    a = DocumentOutcome(_row("a.pdf", "not_budget", "a" * 64, disclosure_id="unidentified-" + "a" * 16))
    b = DocumentOutcome(_row("b.pdf", "html_page", "b" * 64, disclosure_id="unidentified-" + "b" * 16))
    assert [r["document_count"] for r in merge_documents([a, b]).disclosures] == [1, 1]


def test_published_disclosures_merge_a_narrative_attachment_with_the_tables(tmp_path: Path) -> None:
    from assets.demo.render_pdf import render_seed_pdf

    seed = render_seed_pdf(tmp_path / "tables.pdf")  # its cover: 克孜勒苏柯尔克孜自治州人民政府办公室 2026年部门预算公开
    narrative = text_pdf(
        tmp_path / "narrative.pdf",
        [["克孜勒苏柯尔克孜自治州人民政府办公室", "2026年部门预算情况说明", "一、收入预算情况说明", "二、支出预算情况说明"]],
    )
    out = tmp_path / "out"
    assert main(["extract", str(narrative), str(seed), "--out", str(out), "--jobs", "1", "--no-cache"]) == 0
    (row,) = pq.read_table(out / "disclosures.parquet").to_pylist()
    assert (row["status"], row["fact_count"], row["document_count"]) == ("ok", 270, 2)
    assert sorted(row["document_statuses"]) == ["narrative_only", "ok"]
    assert Path(row["document_url"]).name == "tables.pdf"
    assert pq.read_table(out / "budget_facts.parquet").num_rows == 270


def test_document_statuses_are_the_final_ones() -> None:
    from assets.core.disclosure_merge import with_document_columns

    row = _row("a.pdf", "ok", "a" * 64)
    row["status"] = "blocked"  # validation blocked the document after normalize made its row
    assert with_document_columns(row)["document_statuses"] == ["blocked"]


def test_a_blocked_document_publishes_no_facts_and_counts_none() -> None:
    blocked = _ok("b.pdf", "b" * 64, [_fact("income_summary", "合计", "10")])
    blocked.disclosure["status"] = "blocked"
    merged = merge_documents([blocked])
    assert merged.facts == [] and merged.disclosures[0]["fact_count"] == 0


def _split_disclosure(stated_total: str) -> list[DocumentOutcome]:
    """A 情况说明 attachment stating the total and a 报表 attachment printing it (Beijing, Jiangsu)."""
    from tests.validate.checks.build import DISCLOSURE_ID, fact, stated

    narrative_row = _row("a/情况说明.pdf", "narrative_only", "n" * 64, disclosure_id=DISCLOSURE_ID)
    narrative = DocumentOutcome(narrative_row, narrative=[stated("overview", "收支总预算", stated_total, source="all")])
    facts = [fact("income_expenditure_summary", "收入总计", "1759.05", source="all", direction="income", classification="income_type")]
    tables_row = _row("a/报表.pdf", "ok", "t" * 64, ["income_expenditure_summary"], disclosure_id=DISCLOSURE_ID)
    tables_row.update(fact_count=1, validation_status="passed", checks_evaluated=4, checks_passed=4, reconciliation_score=Decimal(1))
    return [narrative, DocumentOutcome(tables_row, facts, [])]


def test_the_narrative_of_one_attachment_is_checked_against_the_tables_of_the_other() -> None:
    (row,) = merge_documents(_split_disclosure("1759.05")).disclosures
    assert (row["checks_evaluated"], row["checks_passed"], row["validation_status"]) == (5, 5, "passed")


def test_a_narrative_total_the_other_attachment_contradicts_is_an_error() -> None:
    merged = merge_documents(_split_disclosure("1769.05"))
    (finding,) = merged.findings
    assert (finding["check"], finding["severity"], finding["actual"]) == ("text_total", "error", Decimal("17690500.00"))
    (row,) = merged.disclosures
    assert (row["checks_evaluated"], row["checks_passed"], row["validation_status"]) == (5, 4, "errors")


def test_another_version_keeps_its_narrative_to_itself() -> None:
    narrative, tables = _split_disclosure("1769.05")
    other = DocumentOutcome({**tables.disclosure, "sha256": "v" * 64, "document_url": "a/v2.pdf"}, list(tables.facts),
                            narrative=narrative.narrative)  # a second version: its tables are not taken
    (row,) = merge_documents([tables, other]).disclosures
    assert (row["checks_evaluated"], row["validation_status"]) == (4, "warnings")  # only the duplicate's warning
