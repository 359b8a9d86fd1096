"""Narrative statements of real documents that were misread, each on the few pages that print it
(../shared/corpus/real; skipped when absent)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pdfplumber

from assets.core.document import text_page
from assets.core.narrative_facts import narrative_facts
from assets.core.pdf_grid import page_chars, page_grids, page_lines
from tests.conftest import SHARED, shared_file

REAL = SHARED / "corpus" / "real"
CONTEXT = {"disclosure_id": "test", "source_sha256": "s", "pipeline_version": "v"}


def rows_of(file: str, pages: list[int], department: str | None = None) -> list[dict[str, Any]]:
    """narrative_facts of the given pages (1-based) of a corpus file, read as the extract stage does."""
    text_pages = []
    with pdfplumber.open(shared_file(REAL / file)) as pdf:
        for number in pages:
            page = pdf.pages[number - 1]
            chars = page_chars(page)
            grids = page_grids(page, chars)
            text_pages.append(text_page(number, page_lines(page, [g.bbox for g in grids], chars), grids))
    return narrative_facts(text_pages, CONTEXT, department)


def test_beijing_water_comparison_base_with_its_amount_and_three_public_subjects() -> None:
    rows = rows_of("rw__002_北京__2026年北京市水务局部门预算.pdf", [6, 7, 8, 9, 10], "北京市水务局")
    income = next(r for r in rows if r["subject"] == "收入预算")
    assert (income["amount"], income["prior_year_amount"], income["prior_year_source"]) == (Decimal("1048475.73"), Decimal("1025099.89"), "printed")
    assert (income["change_amount"], income["change_percent"], income["comparison"]) == (Decimal("23375.84"), Decimal("2.28"), "2025年年初预算数")
    three_public = next(r for r in rows if r["amount"] == Decimal("1281.82"))
    assert (three_public["subject"], three_public["change_amount"]) == ("财政拨款“三公”经费预算", Decimal("157.79"))
    abroad = next(r for r in rows if r["amount"] == Decimal("128.25"))
    assert (abroad["subject"], abroad["item"]) == ("因公出国（境）费用", "因公出国（境）费")
    assert not any(str(r["subject"] or "").startswith(("比", "与", "共有", "包括")) for r in rows)


def test_shanghai_czj_purposes_shares_across_a_wrapped_line_and_items() -> None:
    rows = rows_of("gbc__shpt_czj_2024_dept_final.pdf", [20, 21, 22])
    total = next(r for r in rows if r["subject"] == "一般公共预算财政拨款支出" and r["share_percent"] is None and r["amount"] == Decimal("2940.05"))
    assert total["purpose"] is None  # “主要用于以下方面：” announces the list of 类 after it
    shares = {r["subject"]: r["share_percent"] for r in rows if r["subject"] and r["subject"].endswith("（类）")}
    assert shares == {
        "一般公共服务支出（类）": Decimal("71.73"),
        "社会保障和就业支出（类）": Decimal("11.11"),
        "卫生健康支出（类）": Decimal("2.07"),
        "住房保障支出（类）": Decimal("15.16"),
    }
    actual = next(r for r in rows if r["amount"] == Decimal("1511.89"))
    assert (actual["subject"], actual["item"], actual["item_level"]) == ("一般公共服务支出（类）财政事务（款）行政运行（项）支出决算", "行政运行", 3)
    budget = next(r for r in rows if r["amount"] == Decimal("1560.05"))
    assert budget["purpose"] == "局本部人员经费及公用经费等的基本支出"


def test_jiangsu_zxbgt_prior_year_in_brackets_and_no_subjectless_changes() -> None:
    rows = rows_of("ob__js_zxbgt_2017_doc.pdf", [6, 7, 8])
    change = next(r for r in rows if r["change_amount"] == Decimal("498.72") and r["change_percent"] == Decimal("5.77") and r["page"] == 6)
    assert (change["subject"], change["amount"], change["prior_year_amount"], change["prior_year_source"]) == (
        "部门支出预算安排", None, Decimal("8648.07"), "printed",
    )
    assert all(r["subject"] and not r["subject"].startswith("与上年") for r in rows)
