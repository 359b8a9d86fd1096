"""`budget-facts corpus-report` on a small directory: per-document report, summaries, HTML page
and the published layout."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from assets.core.cli import main
from assets.core.corpus_report import find_documents
from tests.extract.synthetic_pdfs import text_pdf


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from assets.demo.render_pdf import render_seed_pdf

    corpus = tmp_path_factory.mktemp("corpus")
    render_seed_pdf(corpus / "seed.pdf")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "page.pdf").write_bytes(b"<!DOCTYPE html><html><body>404</body></html>")
    text_pdf(corpus / "sub" / "notice.PDF", [["关于开展春季植树活动的通知", "各单位：现将有关事项通知如下。"]])
    (corpus / "notes.txt").write_text("not a document")
    out = tmp_path_factory.mktemp("report")
    assert main(["corpus-report", str(corpus), "--out", str(out), "--jobs", "2", "--no-cache"]) == 0
    return out


def test_directories_give_their_documents_recursively(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    for name in ("a/x.pdf", "y.docx", "z.txt", ".hidden/w.pdf"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    assert [p.relative_to(tmp_path).as_posix() for p in find_documents([tmp_path])] == ["a/x.pdf", "y.docx"]


def test_one_row_per_document_with_status_family_and_coverage(report: Path) -> None:
    rows = {r["file"]: r for r in _csv(report / "documents.csv")}
    assert set(rows) == {"seed.pdf", "page.pdf", "notice.PDF"}
    seed = rows["seed.pdf"]
    assert (seed["status"], seed["family"], seed["year"], seed["doc_kind"]) == ("ok", "总体情况表", "2026", "budget")
    assert seed["department"] == "克孜勒苏柯尔克孜自治州人民政府办公室"
    assert (seed["core_found"], seed["core_required"], seed["all_core"]) == ("7", "7", "True")
    assert int(seed["facts"]) == 270 and int(seed["identities_checked"]) > 0
    assert int(seed["identities_closed"]) == int(seed["identities_checked"])  # the seed has rounding gaps only
    assert (rows["page.pdf"]["status"], rows["notice.PDF"]["status"]) == ("html_page", "not_budget")
    assert rows["page.pdf"]["all_core"] == "" and rows["notice.PDF"]["facts"] == "0"


def test_summaries(report: Path) -> None:
    statuses = {r["status"]: int(r["documents"]) for r in _csv(report / "summary_status.csv")}
    assert statuses == {"ok": 1, "html_page": 1, "not_budget": 1}
    families = {r["family"]: r for r in _csv(report / "summary_family.csv")}
    assert families["总体情况表"]["core_coverage_rate"] == "1.000"
    assert families["all"]["identity_close_rate"] == "1.000"
    (seed_family, overall) = _csv(report / "summary_disclosures.csv")
    assert (seed_family["family"], seed_family["disclosures"], seed_family["all_core_tables"]) == ("总体情况表", "1", "1")
    assert overall["family"] == "all"
    findings = _csv(report / "summary_findings.csv")
    assert findings and {r["severity"] for r in findings} <= {"error", "warning"}
    assert _csv(report / "identity_failures.csv") == []


def test_html_page_is_self_contained_and_readable(report: Path) -> None:
    page = (report / "report.html").read_text(encoding="utf-8")
    assert "<table" in page and "总体情况表" in page and "not_budget" in page and "seed.pdf" in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)  # nothing loaded from elsewhere


def test_published_layout_of_all_documents(report: Path) -> None:
    disclosures = pq.read_table(report / "published" / "disclosures.parquet").to_pylist()
    assert sorted(d["status"] for d in disclosures) == ["html_page", "not_budget", "ok"]
    assert pq.read_table(report / "published" / "budget_facts.parquet").num_rows == 270


def test_only_accounting_identities_count_as_not_closing(tmp_path: Path) -> None:
    from assets.core.corpus_report import report_row
    from assets.core.document import process_document
    from assets.core.local_run import ProcessedDocument

    path = text_pdf(tmp_path / "n.pdf", [["测试市水务局", "2026年部门预算"]])
    findings = [
        {"check": "hierarchy", "severity": "error"},  # an identity beyond rounding
        {"check": "hierarchy_rounding", "severity": "warning"},  # within rounding: closes
        {"check": "text_total", "severity": "error"},  # narrative vs tables: not an identity
        {"check": "contract", "severity": "error"},
    ]
    row = report_row(ProcessedDocument(path, process_document(path), findings, identities_checked=5), 1.0)
    assert (row.identities_checked, row.identities_closed, row.errors, row.warnings) == (5, 4, 3, 1)
