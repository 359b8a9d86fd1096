"""Meaning of row labels: income lines as funding sources, totals, unit subtotals."""

from __future__ import annotations

import re

from .table_specs import MEASURE_WORDS, WEAK_TOTAL, first_match, pairs, words

LIST_PREFIX = re.compile(r"^(其中[:：]|[一二三四五六七八九十]+[、.．]|\d+[.．、]|[（(][一二三四五六七八九十\d]+[)）])\s*")

# Income line → source key (specs/words.yaml), checked in order on the label without numbering.
INCOME_WORDS: tuple[tuple[str, str], ...] = pairs(words()["income_lines"])

# Under 财政拨款结转 / 非财政拨款结转结余 the sub-lines name the fund the carryover is of.
CARRYOVER_CHILDREN: dict[str, dict[str, str]] = words()["carryover_children"]

TOTAL_WORDS = re.compile(r"总计|合计|小计")
SECTION_TOTALS = {"本年收入", "本年支出", "上年结转结余", "上年结转"}
ORG_SUFFIX = re.compile(r"(办公室|办公厅|局|委员会|委|厅|院|中心|站|所|馆|学校|校|医院|队|部|会|处|本级|政府)$")


def strip_list_prefix(label: str) -> str:
    s = re.sub(r"\s+", "", label)
    previous = None
    while previous != s:
        previous, s = s, LIST_PREFIX.sub("", s)
    return s


class IncomeLineReader:
    """Maps income lines to sources, remembering which carryover block a sub-line is under."""

    def __init__(self) -> None:
        self.block: str | None = None

    def source(self, label: str) -> str | None:
        bare = strip_list_prefix(label)
        key = next((value for pattern, value in INCOME_WORDS if re.search(pattern, bare)), None)
        if key is None:
            return None
        if key in CARRYOVER_CHILDREN:
            self.block = key
            return key
        if self.block and key in CARRYOVER_CHILDREN[self.block]:
            return CARRYOVER_CHILDREN[self.block][key]
        if key in ("all", "current_income", "prior_year_carryover", "fiscal_appropriation"):
            self.block = None
        return key


def purpose_measure(label: str) -> str | None:
    """The measure a 支出用途 line names (一、基本支出 → basic); None for its total lines."""
    bare = strip_list_prefix(label)
    if not bare or WEAK_TOTAL.search(bare):
        return None
    return first_match(MEASURE_WORDS, bare)


def is_total_label(label: str) -> bool:
    bare = strip_list_prefix(label)
    return bool(TOTAL_WORDS.search(bare)) or bare in SECTION_TOTALS


def is_unit_subtotal(label: str, department: str | None) -> bool:
    """An uncoded row naming the department or one of its units (表7/表11 style subtotals)."""
    bare = re.sub(r"\s+", "", label)
    if department and (bare == department or bare.startswith(department)):
        return True
    return bool(ORG_SUFFIX.search(bare)) and not re.search(r"\d", bare)


# Rows of a table whose items are columns may be years (深圳 三公: 2025年 | 2026年 | 增减变化金额).
YEAR_ROW = re.compile(r"^(20\d{2})年度?(?:预算数?|决算数?)?$")
CHANGE_ROW = re.compile(r"^(?:比上年)?增减(?:变化)?(?:金额|额|数)?$")


def row_year(label: str) -> int | None:
    match = YEAR_ROW.match(re.sub(r"\s+", "", label))
    return int(match.group(1)) if match else None


def is_year_row(label: str) -> bool:
    bare = re.sub(r"\s+", "", label)
    return bool(YEAR_ROW.match(bare) or CHANGE_ROW.match(bare))


def year_row_measure(label: str, latest: int | None) -> str | None:
    """The measure a year row stands for: an earlier year than the latest row is the prior-year
    budget, the change row the change; the latest year keeps its column's measure (None)."""
    bare = re.sub(r"\s+", "", label)
    if CHANGE_ROW.match(bare):
        return "change_from_prior_year"
    year = row_year(bare)
    if year is not None and latest is not None and year < latest:
        return "prior_year_budget"
    return None
