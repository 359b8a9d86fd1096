"""What the standard tables are: declared as data, read by the generic machinery.

A table is recognised by its title (regular expressions over the whitespace-free title line),
never by its number or position. Each spec says what a body row means (direction,
classification) and how a header that names no funding source is to be read (default source).
Header words that name sources, measures and economic classes are shared by all families and
listed once below; a family that words a header differently adds a pattern here, not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TableSpec:
    key: str
    titles: tuple[str, ...]  # regexes over the title without whitespace
    direction: str = "expenditure"
    classification: str = "functional"
    default_source: str = "all"
    # Two-sided tables print income lines on the left and expenditure on the right.
    two_sided: bool = False
    # Header words whose meaning differs in this table (e.g. 财政拨款 in the carryover table).
    source_overrides: tuple[tuple[str, str], ...] = ()
    excludes: tuple[str, ...] = ()  # regexes that veto a title match
    expenditure_default_source: str | None = None  # two-sided: source of the expenditure block


TABLE_SPECS: tuple[TableSpec, ...] = (
    # Order matters: the more specific title first.
    TableSpec(
        "fiscal_appropriation_summary",
        (r"财政拨款收支.*总(体情况)?表", r"财政拨款收支.*预算表"),
        two_sided=True,
        expenditure_default_source="fiscal_appropriation",
    ),
    TableSpec(
        "general_budget_basic_expenditure",
        (r"一般公共预算.*基本支出.*表",),
        classification="economic",
        default_source="general_public_budget",
    ),
    TableSpec(
        "general_budget_project_expenditure",
        (r"一般公共预算.*项目支出.*表",),
        default_source="general_public_budget",
    ),
    TableSpec(
        "general_budget_expenditure",
        (r"一般公共预算.*支出.*表",),
        default_source="general_public_budget",
        excludes=(r"三公",),
    ),
    TableSpec(
        "government_fund_expenditure",
        (r"政府性基金.*支出.*表",),
        default_source="government_fund",
    ),
    TableSpec(
        "state_capital_expenditure",
        (r"国有资本经营.*支出.*表",),
        default_source="state_capital",
    ),
    TableSpec(
        "three_public_expenditure",
        (r"三公.*经费.*表",),
        classification="three_public",
    ),
    TableSpec(
        "prior_year_carryover",
        (r"上年结转结余.*表",),
        classification="carryover",
        source_overrides=((r"^非财政拨款", "non_fiscal_carryover"), (r"^财政拨款", "fiscal_carryover")),
    ),
    TableSpec(
        "income_expenditure_summary",
        (r"收支.*总(体情况)?表", r"收支预算总表"),
        two_sided=True,
        expenditure_default_source="all",
        excludes=(r"财政拨款收支",),
    ),
    TableSpec(
        "income_summary",
        (r"收入.*总(体情况)?表", r"收入预算表"),
        direction="income",
    ),
    TableSpec(
        "expenditure_summary",
        (r"支出.*总(体情况)?表", r"支出预算表"),
        excludes=(r"一般公共|政府性基金|国有资本|三公|财政拨款",),
    ),
)

SPECS_BY_KEY = {s.key: s for s in TABLE_SPECS}

# A title line is short and ends with 表 (possibly followed by a number note); narrative sentences
# that mention a table name are longer and end with punctuation.
TITLE_MAX_CHARS = 40
TABLE_NO = re.compile(r"^(?:附)?表\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})(?:[-—－]\d+)?[\s:：、.]*")
CN_NUMBERS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def parse_table_no(text: str) -> int | None:
    match = TABLE_NO.match(text.strip())
    if not match:
        return None
    token = match.group(1)
    if token.isdigit():
        return int(token)
    if token == "十":
        return 10
    if token.startswith("十"):
        return 10 + CN_NUMBERS[token[1]]
    if token.endswith("十"):
        return CN_NUMBERS[token[0]] * 10
    if "十" in token:
        return CN_NUMBERS[token[0]] * 10 + CN_NUMBERS[token[2]]
    return CN_NUMBERS.get(token)


def match_title(line: str) -> TableSpec | None:
    text = re.sub(r"\s+", "", line)
    text = TABLE_NO.sub("", text)
    if not text or len(text) > TITLE_MAX_CHARS or not re.search(r"表(（[^）]*）|\([^)]*\))?$", text):
        return None
    for spec in TABLE_SPECS:
        if any(re.search(x, text) for x in spec.excludes):
            continue
        if any(re.search(t, text) for t in spec.titles):
            return spec
    return None


# --- header words ---------------------------------------------------------------------------

# Checked leaf-first along a column's header path; within one header cell the first match wins.
SOURCE_WORDS: tuple[tuple[str, str], ...] = (
    (r"非财政拨款结转", "non_fiscal_carryover"),
    (r"财政拨款结转", "fiscal_carryover"),
    (r"上级一般公共预算.*转移支付", "general_public_budget_transfer"),
    (r"上级政府性基金.*转移支付", "government_fund_transfer"),
    (r"上级国有资本.*转移支付", "state_capital_transfer"),
    (r"一般公共预算", "general_public_budget"),
    (r"政府性基金", "government_fund"),
    (r"国有资本经营", "state_capital"),
    (r"财政专户", "fiscal_special_account"),
    (r"单位资金", "unit_funds"),
    (r"事业收入", "business_income"),
    (r"上级补助收入", "superior_subsidy"),
    (r"附属单位上缴", "subsidiary_remittance"),
    (r"事业单位经营收入", "business_operation_income"),
    (r"其他收入", "other_income"),
    (r"财政拨款", "fiscal_appropriation"),
)

MEASURE_WORDS: tuple[tuple[str, str], ...] = (
    (r"上年预算", "prior_year_budget"),
    (r"扣除基建", "project_excl_capital_construction"),
    (r"合计|总计|小计|预算数|金额|^计$", "total"),
    (r"基本支出", "basic"),
    (r"项目支出", "project"),
    (r"人员经费|人员支出", "personnel"),
    (r"公用经费|日常公用", "public_operating"),
    (r"事业单位经营支出", "business_operation"),
    (r"对附属单位补助", "subsidy_to_subordinate"),
    (r"上缴上级", "remit_to_superior"),
    (r"结转下年", "carryover_to_next_year"),
    (r"预留机动", "contingency_reserve"),
)

# 部门预算支出经济分类 classes that appear as columns (表7 and the like).
ECON_CLASS_WORDS: tuple[tuple[str, str], ...] = (
    (r"^工资福利支出$", "301"),
    (r"^商品和服务支出$", "302"),
    (r"^对个人和家庭的补助$", "303"),
    (r"^债务利息及费用支出$", "307"),
    (r"^资本性支出[（(]基本建设[)）]$", "309"),
    (r"^资本性支出$", "310"),
    (r"^对企业补助[（(]基本建设[)）]$", "311"),
    (r"^对企业补助$", "312"),
    (r"^对社会保障基金补助$", "313"),
    (r"^其他支出$", "399"),
)

# Header cells that are not amounts.
CODE_PART_WORDS = {"类": 0, "款": 1, "项": 2}
CODE_COLUMN = r"编码|代码|^科目编号$"
PROJECT_COLUMN = r"^项目名称$"
LABEL_COLUMN = r"名称|^项目$|^功能分类$|^科目$|支出内容|^收入$|^支出$|^单位$"


@dataclass(frozen=True)
class ColumnMeaning:
    source: str
    measure: str
    econ_code: str | None = None


@dataclass
class ColumnRoles:
    code_parts: list[int] = field(default_factory=list)  # column indexes of 类/款/项
    code: int | None = None
    label: int | None = None
    project: int | None = None
    amounts: dict[int, ColumnMeaning] = field(default_factory=dict)


def _first_match(words: tuple[tuple[str, str], ...], text: str) -> str | None:
    for pattern, value in words:
        if re.search(pattern, text):
            return value
    return None


def column_meaning(path: list[str], spec: TableSpec, default_source: str) -> ColumnMeaning:
    """Source, measure and economic class of an amount column from its header path (root→leaf)."""
    source = measure = econ = None
    for text in reversed(path):
        if econ is None and measure is None:
            econ = _first_match(ECON_CLASS_WORDS, text)
            if econ:
                measure = "econ_class"
        if source is None:
            source = _first_match(spec.source_overrides, text) or _first_match(SOURCE_WORDS, text)
        if measure is None:
            measure = _first_match(MEASURE_WORDS, text)
    return ColumnMeaning(source or default_source, measure or "total", econ)
