"""Meaning of row labels: income lines as funding sources, totals, unit subtotals."""

from __future__ import annotations

import re

LIST_PREFIX = re.compile(r"^(其中[:：]|[一二三四五六七八九十]+[、.．]|\d+[.．、]|[（(][一二三四五六七八九十\d]+[)）])\s*")

# Income line → source key; checked in order on the label without list numbering.
INCOME_WORDS: tuple[tuple[str, str], ...] = (
    (r"^(收入)?(总计|合计)$|^收入总计|^收入合计", "all"),
    (r"^本年收入", "current_income"),
    (r"上年结转结余|^上年结转$", "prior_year_carryover"),
    (r"非财政拨款结转", "non_fiscal_carryover"),
    (r"财政拨款结转", "fiscal_carryover"),
    (r"一般财力", "general_fiscal_resources"),
    (r"上级一般公共预算.*转移支付", "general_public_budget_transfer"),
    (r"上级政府性基金.*转移支付", "government_fund_transfer"),
    (r"上级国有资本.*转移支付", "state_capital_transfer"),
    (r"政府性基金收入", "government_fund_own"),
    (r"国有资本经营收入", "state_capital_own"),
    (r"一般公共预算", "general_public_budget"),
    (r"政府性基金", "government_fund"),
    (r"国有资本经营", "state_capital"),
    (r"财政专户", "fiscal_special_account"),
    (r"单位资金", "unit_funds"),
    (r"事业收入", "business_income"),
    (r"上级补助收入", "superior_subsidy"),
    (r"附属单位上缴", "subsidiary_remittance"),
    (r"事业单位经营收入|经营收入", "business_operation_income"),
    (r"其他收入", "other_income"),
    (r"财政拨款", "fiscal_appropriation"),
)

# Under 财政拨款结转 / 非财政拨款结转结余 the sub-lines name the fund the carryover is of.
CARRYOVER_CHILDREN = {
    "fiscal_carryover": {
        "general_public_budget": "fiscal_carryover_general_public_budget",
        "government_fund": "fiscal_carryover_government_fund",
        "state_capital": "fiscal_carryover_state_capital",
    },
    "non_fiscal_carryover": {
        "fiscal_special_account": "non_fiscal_carryover_special_account",
        "unit_funds": "non_fiscal_carryover_unit_funds",
    },
}

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


def is_total_label(label: str) -> bool:
    bare = strip_list_prefix(label)
    return bool(TOTAL_WORDS.search(bare)) or bare in SECTION_TOTALS


def is_unit_subtotal(label: str, department: str | None) -> bool:
    """An uncoded row naming the department or one of its units (表7/表11 style subtotals)."""
    bare = re.sub(r"\s+", "", label)
    if department and (bare == department or bare.startswith(department)):
        return True
    return bool(ORG_SUFFIX.search(bare)) and not re.search(r"\d", bare)
