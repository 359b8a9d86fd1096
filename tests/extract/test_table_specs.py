"""The declared specs (assets/core/specs/*.yaml) and the generic readers of titles and headers."""

from __future__ import annotations

import pdfplumber
import pytest

from assets.core.codes import join_code_parts
from assets.core.pdf_grid import dedupe_chars
from assets.core.schema import CLASSIFICATIONS, MEASURES, SOURCES, TABLE_KEYS
from assets.core.table_specs import (
    SPECS_BY_KEY,
    HeaderContext,
    column_meaning,
    families,
    family_of,
    match_title,
    pairs,
    split_table_no,
    table_specs,
    words,
)
from tests.conftest import SEED_PDF, shared_file


@pytest.mark.parametrize(
    ("title", "number", "rest"),
    [
        ("表12022年部门综合预算收支总表", 1, "2022年部门综合预算收支总表"),  # 表1 + year, not 表12
        ("预算01表收支总表", 1, "收支总表"),
        ("公开表1", None, "公开表1"),  # a number alone is not split off
        ("收支总表（预算表1）", 1, "收支总表"),
        ("收支预算总表公开表一", 1, "收支预算总表"),
        ("财政拨款支出预算表（功能科目）公开表五", 5, "财政拨款支出预算表（功能科目）"),
        ("表八一般公共预算支出预算表", 8, "一般公共预算支出预算表"),  # 八, not 八一
        ("表十一般公共预算机关运行经费支出预算表", 10, "一般公共预算机关运行经费支出预算表"),  # 十 + 一般
        ("表十一“三公”经费、会议费、培训费支出预算表", 11, "“三公”经费、会议费、培训费支出预算表"),
        ("十二、政府采购支出预算表", 12, "政府采购支出预算表"),
    ],
)
def test_table_numbers(title: str, number: int | None, rest: str) -> None:
    assert split_table_no(title) == (number, rest)


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("2026年部门收支总体情况表", "income_expenditure_summary"),
        ("收入支出决算总表", "income_expenditure_summary"),
        ("财政拨款收入支出决算总表", "fiscal_appropriation_summary"),
        ("一般公共预算支出表（按经济分类）", "general_budget_economic_expenditure"),
        ("一般公共预算支出表（按功能分类）", "general_budget_expenditure"),
        ("一般公共预算基本支出明细表（按支出经济分类科目-不含上年结转）", "general_budget_basic_expenditure"),
        ("财政拨款安排的行政经费及“三公”经费预算表", "three_public_expenditure"),
        ("2025年部门“三公”经费和机关运行经费预算表", "three_public_expenditure"),
        ("一般公共预算机关运行经费支出预算表", "administrative_operating_costs"),
        ("部门预算项目支出及其他支出预算表", "project_expenditure"),
        ("基本支出总表", "basic_expenditure"),
        ("政府性基金预算财政拨款收入支出决算表", "government_fund_summary"),
        ("项目支出绩效目标表", None),  # performance targets are not standard tables
        ("西安市级采供血业务经费（非政府采购部分）项目绩效自评表（2022年度）", None),
        ("一、收支预算总表情况说明", None),
    ],
)
def test_titles(title: str, key: str | None) -> None:
    spec = match_title(title)
    assert (spec.key if spec else None) == key


def _meaning(path: list[str], key: str, context: HeaderContext) -> tuple[str, str]:
    spec = SPECS_BY_KEY[key]
    meaning = column_meaning(path, spec, spec.default_source, context)
    return meaning.source, meaning.measure


@pytest.mark.parametrize(
    ("path", "key", "context", "expected"),
    [
        (["2026年预算数", "基本支出", "小计"], "general_budget_expenditure", HeaderContext(2026), ("general_public_budget", "basic")),
        (["2025年预算数"], "general_budget_expenditure", HeaderContext(2026), ("general_public_budget", "prior_year_budget")),
        (["基本支出", "总计"], "general_budget_basic_expenditure", HeaderContext(), ("general_public_budget", "total")),
        (["项目支出", "扣除基建项目后预算数"], "general_budget_expenditure", HeaderContext(), ("general_public_budget", "project_excl_capital_construction")),
        (["上年结转结余", "一般公共预算资金"], "income_summary", HeaderContext(), ("fiscal_carryover_general_public_budget", "total")),
        (["合计", "预算数"], "three_public_expenditure", HeaderContext(beside_final=True), ("all", "budget")),
        (["本年支出", "小计"], "government_fund_summary", HeaderContext(flow=True), ("all", "expenditure")),
        (["本年支出", "基本支出"], "government_fund_summary", HeaderContext(flow=True), ("all", "basic")),
        (["其他资金"], "basic_expenditure", HeaderContext(), ("unit_funds", "total")),
    ],
)
def test_header_paths(path: list[str], key: str, context: HeaderContext, expected: tuple[str, str]) -> None:
    assert _meaning(path, key, context) == expected


def test_every_declared_value_is_in_the_published_vocabulary() -> None:
    """What the specs can produce is documented in the data dictionary (schema vocabularies)."""
    assert {s.key for s in table_specs()} <= set(TABLE_KEYS)
    assert {s.classification for s in table_specs()} <= set(CLASSIFICATIONS)
    produced_sources = {v for _, v in pairs(words()["sources"])} | {v for _, v in pairs(words()["income_lines"])}
    produced_sources |= {v for children in words()["carryover_children"].values() for v in children.values()}
    assert produced_sources <= set(SOURCES)
    produced_measures = {v for _, v in pairs(words()["measures"])} | {v for _, v in pairs(words()["flow_measures"])}
    assert produced_measures | {"budget", "econ_class", "new_budget", "carried_over"} <= set(MEASURES)


def test_families_declare_only_known_tables_and_are_told_apart() -> None:
    for family in families():
        assert set(family.core) | set(family.optional_core) <= set(TABLE_KEYS), family.name
    assert family_of(["预算01表收支总表", "预算02表收入总表"]).name == "收支总表"  # type: ignore[union-attr]
    assert family_of(["表1收支总表", "表4基本支出总表", "表8一般公共预算支出表（按经济分类）"]).name == "收支总表（深圳）"  # type: ignore[union-attr]
    assert family_of(["2025年部门财务收支预算总表"]).name == "沪财务收支预算总表"  # type: ignore[union-attr]


def test_code_levels_without_leading_zero() -> None:
    assert join_code_parts(["301", "2", ""], None)[0] == "30102"
    assert join_code_parts(["", "", "01"], ["201", "40", ""])[0] == "2014001"


def test_fast_dedupe_matches_pdfplumber() -> None:
    with pdfplumber.open(shared_file(SEED_PDF)) as pdf:
        for page in pdf.pages[:12]:
            assert [id(c) for c in dedupe_chars(page.chars)] == [id(c) for c in page.dedupe_chars().chars]
