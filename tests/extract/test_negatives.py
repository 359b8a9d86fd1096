"""Every kind of file that is not (a readable part of) a budget disclosure ends with its own
status, a message and no facts; narrative attachments are told apart from negatives."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from assets.core.document import DISCLOSURE_STATUSES, NEGATIVE_STATUSES, process_document
from assets.core.schema import STATUSES
from tests.extract.synthetic_pdfs import NARRATIVE_PAGES, drawing_only_pdf, text_pdf


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


CASES = {
    "notice": (
        lambda p: text_pdf(p, [["关于开展2026年春季植树活动的通知", "各单位：为改善生态环境，现将有关事项通知如下。"]]),
        "not_budget",
    ),
    "price_list": (
        lambda p: text_pdf(p, [["测试市2026年执行最高付费标准饮片目录", "执行时间：2026年1-12月", "1 熊胆粉 127.9036"]]),
        "not_budget",
    ),
    "performance_form": (
        lambda p: text_pdf(p, [["测试市生态环境局2026年部门整体预算绩效目标申报表", "部门名称 测试市生态环境局",
                                 "部门预算支出 预算金额（万元） 收入来源 预算金额（万元）", "基本支出 58,118.59 财政拨款"]]),
        "budget_adjacent",
    ),  # fmt: skip
    "narrative": (lambda p: text_pdf(p, NARRATIVE_PAGES), "narrative_only"),
    "scanned": (lambda p: drawing_only_pdf(p), "no_text_layer"),
    "html": (lambda p: _write(p, "<!DOCTYPE html><html><body>页面不存在</body></html>".encode()), "html_page"),
    "word": (lambda p: _write(p, _docx_bytes()), "unsupported_format"),
    "empty": (lambda p: _write(p, b""), "not_pdf"),
    "encrypted": (lambda p: text_pdf(p, [["部门收支总体情况表"]], encrypt="secret"), "encrypted"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_status_message_and_no_facts(tmp_path: Path, case: str) -> None:
    make, expected = CASES[case]
    path = make(tmp_path / f"{case}.pdf")
    result = process_document(path)
    row = result.disclosure
    assert (row["status"], row["fact_count"], result.facts) == (expected, 0, []), row["message"]
    assert row["message"] and row["status"] in STATUSES
    assert row["validation_status"] == "not_validated"


def test_truncated_pdf_says_so(tmp_path: Path) -> None:
    whole = text_pdf(tmp_path / "whole.pdf", [["测试市水务局", "2026年部门预算"]] * 3).read_bytes()
    cut = _write(tmp_path / "cut.pdf", whole[: len(whole) // 2])
    row = process_document(cut).disclosure
    assert row["status"] == "corrupt" and "truncated" in row["message"]


def test_junk_before_the_pdf_header_is_skipped(tmp_path: Path) -> None:
    pdf = text_pdf(tmp_path / "n.pdf", NARRATIVE_PAGES).read_bytes()
    prefixed = _write(tmp_path / "prefixed.pdf", b"\r\n\r\n" + pdf)
    assert process_document(prefixed).disclosure["status"] == "narrative_only"


def test_narrative_names_its_disclosure_negatives_only_their_bytes(tmp_path: Path) -> None:
    narrative = process_document(text_pdf(tmp_path / "n.pdf", NARRATIVE_PAGES)).disclosure
    assert (narrative["department"], narrative["year"], narrative["doc_kind"]) == ("测试市水务局", 2026, "budget")
    assert narrative["disclosure_id"].startswith("2026-budget-")
    notice = process_document(CASES["notice"][0](tmp_path / "notice.pdf")).disclosure
    assert notice["disclosure_id"] == f"unidentified-{notice['sha256'][:16]}"
    # the same bytes get the same id wherever they are and on every run
    again = process_document(_write(tmp_path / "again.pdf", (tmp_path / "notice.pdf").read_bytes())).disclosure
    assert again["disclosure_id"] == notice["disclosure_id"]


def test_status_groups_are_declared_statuses() -> None:
    assert NEGATIVE_STATUSES <= set(STATUSES) and DISCLOSURE_STATUSES <= set(STATUSES)
    assert not NEGATIVE_STATUSES & DISCLOSURE_STATUSES
