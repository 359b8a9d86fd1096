"""The published data contract (../shared/spec/FACTS.md) as code: one source of truth.

Column lists, Arrow types, descriptions and vocabularies of every published table live here;
the writers, the GX suites and the data dictionary are all generated from these definitions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pyarrow as pa

PIPELINE_VERSION = "0.1.0"

AMOUNT_TYPE = pa.decimal128(24, 6)
AMOUNT_CNY_TYPE = pa.decimal128(24, 2)


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    description: str
    nullable: bool = True


def arrow_schema(columns: list[Column], title: str) -> pa.Schema:
    fields = [
        pa.field(c.name, c.type, nullable=c.nullable, metadata={"description": c.description})
        for c in columns
    ]
    return pa.schema(fields, metadata={"title": title})


BUDGET_FACTS_COLUMNS: list[Column] = [
    Column("disclosure_id", pa.string(), "stable id of one disclosure (department × year × document kind)", False),
    Column("region", pa.string(), "the publishing government's area"),
    Column("department", pa.string(), "编制部门 as printed"),
    Column("year", pa.int16(), "budget year"),
    Column("doc_kind", pa.string(), "budget (预算) or final_accounts (决算)"),
    Column("table_no", pa.int8(), "the table's number in the document"),
    Column("table_key", pa.string(), "table type (vocabulary in the data dictionary)", False),
    Column("direction", pa.string(), "income or expenditure", False),
    Column("classification", pa.string(), "what the row's code or label classifies", False),
    Column("code", pa.string(), "classification code as printed, levels concatenated"),
    Column("code_source", pa.string(), "printed, or inferred where the pipeline filled the code"),
    Column("code_level", pa.int8(), "1 类, 2 款, 3 项; null without a code"),
    Column("item", pa.string(), "the row's label as printed (line-wrap whitespace removed)", False),
    Column("project", pa.string(), "project name (项目名称) where the table has that column"),
    Column("source", pa.string(), "funding source of the amount", False),
    Column("measure", pa.string(), "what the column measures", False),
    Column("econ_code", pa.string(), "economic class code of the column (or of the row)"),
    Column("gov_econ_code", pa.string(), "政府预算支出经济分类 code where printed"),
    Column("amount", AMOUNT_TYPE, "the number as printed, in the table's unit", False),
    Column("unit", pa.string(), "unit of the table as printed (万元 or 元)", False),
    Column("amount_cny", AMOUNT_CNY_TYPE, "exact amount in yuan", False),
    Column("is_total", pa.bool_(), "row is a 总计/合计/小计 line or an uncoded unit subtotal", False),
    Column("source_url", pa.string(), "URL (or local path) of the document"),
    Column("source_sha256", pa.string(), "sha256 of the document", False),
    Column("page", pa.int16(), "1-based page of the cell (spreadsheets: 1-based sheet number)", False),
    Column(
        "bbox",
        pa.list_(pa.float32(), 4),
        "cell box (x0, top, x1, bottom) in PDF points (spreadsheets: column, row, column+1, row+1, 0-based)",
        False,
    ),
    Column("pipeline_version", pa.string(), "version of the code that produced the row", False),
]

DISCLOSURES_COLUMNS: list[Column] = [
    Column("disclosure_id", pa.string(), "stable id of one disclosure", False),
    Column("region", pa.string(), "the publishing government's area"),
    Column("department", pa.string(), "编制部门 as printed"),
    Column("year", pa.int16(), "budget year"),
    Column("doc_kind", pa.string(), "budget or final_accounts"),
    Column("title", pa.string(), "document title (cover) or link title"),
    Column("source_page_url", pa.string(), "detail page the document was linked from"),
    Column("document_url", pa.string(), "URL (or local path) of the document"),
    Column("sha256", pa.string(), "sha256 of the document bytes", False),
    Column("fetched_at", pa.string(), "when the document was fetched (ISO 8601, UTC)"),
    Column("pages", pa.int16(), "number of pages"),
    Column("tables_found", pa.list_(pa.string()), "table_keys recognized in the document"),
    Column("tables_empty", pa.list_(pa.string()), "table_keys declared empty (为空表)"),
    Column("fact_count", pa.int32(), "number of budget_facts rows", False),
    Column("status", pa.string(), "processing status (see data dictionary)", False),
    Column("message", pa.string(), "human-readable explanation of the status"),
    Column("validation_status", pa.string(), "passed, warnings, errors or not_validated", False),
    Column("pipeline_version", pa.string(), "version of the code that produced the row", False),
    # A disclosure may come in several documents (narrative + tables attachments): one row per
    # disclosure; document_url/sha256 above name the document its facts came from.
    Column("scope", pa.string(), "department (部门预算/决算) or unit (单位预算/决算), read from the document"),
    Column("budget_unit", pa.string(), "the 预算单位 a unit-scope disclosure is about, as printed"),
    Column("document_count", pa.int16(), "number of documents (attachments) of the disclosure", False),
    Column("document_urls", pa.list_(pa.string()), "URL (or local path) of every document of the disclosure"),
    Column("document_sha256s", pa.list_(pa.string()), "sha256 of every document, aligned with document_urls"),
    Column("document_statuses", pa.list_(pa.string()), "status of every document (vocabulary `status`), aligned with document_urls"),
    # Validation summary (assets/core/checks): every evaluated check passes unless it is an error.
    Column("checks_evaluated", pa.int32(), "validation checks evaluated on the disclosure (identities, text, completeness)"),
    Column("checks_passed", pa.int32(), "checks without an error finding (a rounding warning passes)"),
    Column("reconciliation_score", pa.decimal128(5, 4), "checks_passed / checks_evaluated (1.0000: everything adds up); null when nothing was checked"),
]

FINDINGS_COLUMNS: list[Column] = [
    Column("disclosure_id", pa.string(), "disclosure the finding is about", False),
    Column("check", pa.string(), "check id", False),
    Column("severity", pa.string(), "error or warning", False),
    Column("tables", pa.string(), "table key(s) involved, comma-separated"),
    Column("code_or_item", pa.string(), "code or label of the row checked"),
    Column("expected", AMOUNT_TYPE, "expected amount (e.g. sum of parts)"),
    Column("actual", AMOUNT_TYPE, "printed amount"),
    Column("difference", AMOUNT_TYPE, "actual − expected"),
    Column("message", pa.string(), "human-readable explanation", False),
    Column("pages", pa.string(), "page(s) of the numbers involved, comma-separated"),
    Column("category", pa.string(), "kind of check: within_table, across_tables, text, completeness, contract, extraction, document"),
]

# Classification code lists (published dimensions), derived from every disclosure's facts.
CLASSIFICATION_CODES_COLUMNS: list[Column] = [
    Column("year", pa.int16(), "budget year the names were printed for", False),
    Column("classification", pa.string(), "functional (支出功能分类) or economic (支出经济分类)", False),
    Column("code", pa.string(), "the code, levels concatenated (201, 20101, 2010101)", False),
    Column("level", pa.int8(), "1 类, 2 款, 3 项", False),
    Column("parent_code", pa.string(), "the code one level up (null for 类)"),
    Column("name", pa.string(), "the name printed most often for the code in that year", False),
    Column("name_count", pa.int16(), "distinct names printed for the code in that year (>1: see classification_code_conflicts)", False),
    Column("disclosure_count", pa.int32(), "disclosures printing the code in that year", False),
]

CLASSIFICATION_CODE_CONFLICTS_COLUMNS: list[Column] = [
    Column("year", pa.int16(), "budget year", False),
    Column("classification", pa.string(), "functional or economic", False),
    Column("code", pa.string(), "a code printed with more than one name in that year", False),
    Column("level", pa.int8(), "1 类, 2 款, 3 项", False),
    Column("name", pa.string(), "one of the names printed for the code", False),
    Column("disclosure_count", pa.int32(), "disclosures printing the code with this name", False),
    Column("disclosure_ids", pa.list_(pa.string()), "those disclosures", False),
    Column("source_sha256", pa.string(), "a document printing it (first in disclosure order)", False),
    Column("page", pa.int16(), "a page of that document printing it", False),
]

# Performance-target tables (绩效目标表): one row per indicator (FACTS.md `performance_targets`).
PERFORMANCE_TARGETS_COLUMNS: list[Column] = [
    Column("disclosure_id", pa.string(), "disclosure the table is printed in", False),
    Column("scope", pa.string(), "department (部门/单位整体绩效目标表) or project (项目支出绩效目标表)", False),
    Column("table_seq", pa.int16(), "order of the table among the document's performance-target tables (1-based)", False),
    Column("row_seq", pa.int16(), "order of the indicator within its table (1-based)", False),
    Column("project", pa.string(), "项目名称 from the table header (project tables)"),
    Column("budget_total", AMOUNT_TYPE, "年度预算总额 / 资金总额 from the table header, as printed"),
    Column("budget_fiscal", AMOUNT_TYPE, "the fiscal part of the funding (财政拨款/财政资金; the sum of its printed sub-lines, e.g. 上级安排 + 本级安排)"),
    Column("budget_other", AMOUNT_TYPE, "the other funding (其他资金, 自筹 …) from the table header"),
    Column("budget_unit", pa.string(), "unit of the budget columns (万元 unless the header prints 元)"),
    Column("indicator_l1", pa.string(), "一级指标 (merged cells carried down, also across a page break)"),
    Column("indicator_l2", pa.string(), "二级指标"),
    Column("indicator_l3", pa.string(), "三级指标 (the indicator), as printed"),
    Column("operator", pa.string(), "comparison of the target: =, >=, <=, >, <; null when qualitative"),
    Column("operator_implied", pa.bool_(), "true when the target prints a bare number and `=` is read, not printed"),
    Column("target_value", AMOUNT_TYPE, "numeric target (printed spacing inside the number removed); null when qualitative"),
    Column("target_unit", pa.string(), "unit of the target (条, %, 万元/人 …): as printed after the number, else from a unit column or the indicator's (单位)"),
    Column("target_text", pa.string(), "the target cell(s) as printed (operator and unit columns joined)"),
    Column("weight", AMOUNT_TYPE, "分值/权重 of the indicator"),
    Column("prior_year_text", pa.string(), "上年完成值 (or 历史值) as printed"),
    Column("basis", pa.string(), "指标值设置依据 as printed"),
    Column("scoring_rule", pa.string(), "评分/赋分规则 as printed"),
    Column("evidence", pa.string(), "佐证资料 / 数据来源 as printed"),
    Column("page", pa.int16(), "1-based page of the indicator row", False),
    Column("bbox", pa.list_(pa.float32(), 4), "box of the target cell (x0, top, x1, bottom), PDF points"),
    Column("source_sha256", pa.string(), "sha256 of the document", False),
    Column("pipeline_version", pa.string(), "version of the code that produced the row", False),
]

# Facts stated in the narrative chapters (FACTS.md `narrative_facts`): one row per statement.
NARRATIVE_FACTS_COLUMNS: list[Column] = [
    Column("disclosure_id", pa.string(), "disclosure the narrative belongs to", False),
    Column("fact_seq", pa.int32(), "order of the statement in the document (1-based)", False),
    Column("fact_type", pa.string(), "what the statement states", False),
    Column("topic", pa.string(), "what part of the disclosure the statement is about (from its heading and words)", False),
    Column("subject", pa.string(), "what the number is of, as printed (department name, year and list numbering removed)"),
    Column("project", pa.string(), "项目名称 of the project section the statement is in"),
    Column("source", pa.string(), "funding source named by the subject (budget_facts vocabulary)"),
    Column("measure", pa.string(), "budget_facts measure named by the subject (基本支出 → basic …)"),
    Column("item", pa.string(), "classification line named by the subject: the deepest （类）/（款）/（项） name, or a 三公 item"),
    Column("item_level", pa.int8(), "1 类, 2 款, 3 项 for a functional item"),
    Column("amount", AMOUNT_TYPE, "the number as printed (money, count or area)"),
    Column("unit", pa.string(), "unit as printed after the number (万元, 元, 人, 辆, 平方米, 万元/人 …); null for a bare count (编制数 59)"),
    Column("amount_cny", AMOUNT_CNY_TYPE, "exact amount in yuan, for money amounts"),
    Column("share_percent", AMOUNT_TYPE, "share stated with the amount (占 97.73% → 97.73)"),
    Column("change_direction", pa.string(), "direction of the year-on-year change as worded"),
    Column("comparison", pa.string(), "what the change compares with, as worded (上年预算, 上年决算, 2025年 …)"),
    Column("change_amount", AMOUNT_TYPE, "year-on-year change in the amount's unit, negative for a decrease"),
    Column("change_percent", AMOUNT_TYPE, "year-on-year change in percent, negative for a decrease"),
    Column("prior_year_amount", AMOUNT_TYPE, "prior-year amount: printed, or derived as amount − change_amount (for a change stated apart, from the same subject's amount stated earlier in the topic)"),
    Column("prior_year_source", pa.string(), "printed or derived (see prior_year_amount)"),
    Column("reason", pa.string(), "the stated reason (主要原因是 …)"),
    Column("purpose", pa.string(), "the stated use or composition (主要用于 / 主要包括 …)"),
    Column("text", pa.string(), "the words of the statement, cleaned (line wraps and spaces around numbers removed)", False),
    Column("sentence", pa.string(), "the sentence (or ；-clause) the statement is in, cleaned", False),
    Column("page", pa.int16(), "1-based page where the statement starts", False),
    Column("char_start", pa.int32(), "offset of the statement's first character in the page's text (its lines outside ruled tables joined by newlines)", False),
    Column("char_end", pa.int32(), "offset after its last character, counted from the same start (past the page's end when it continues on the next page, after a newline)", False),
    Column("source_sha256", pa.string(), "sha256 of the document", False),
    Column("pipeline_version", pa.string(), "version of the code that produced the row", False),
]

BUDGET_FACTS_SCHEMA = arrow_schema(BUDGET_FACTS_COLUMNS, "budget_facts")
DISCLOSURES_SCHEMA = arrow_schema(DISCLOSURES_COLUMNS, "disclosures")
FINDINGS_SCHEMA = arrow_schema(FINDINGS_COLUMNS, "findings")

TABLES = {
    "budget_facts": BUDGET_FACTS_COLUMNS,
    "disclosures": DISCLOSURES_COLUMNS,
    "findings": FINDINGS_COLUMNS,
    "performance_targets": PERFORMANCE_TARGETS_COLUMNS,
    "narrative_facts": NARRATIVE_FACTS_COLUMNS,
    "classification_codes": CLASSIFICATION_CODES_COLUMNS,
    "classification_code_conflicts": CLASSIFICATION_CODE_CONFLICTS_COLUMNS,
}

# --- vocabularies -------------------------------------------------------------------------

TABLE_KEYS = {
    "income_expenditure_summary": "部门收支总体情况表",
    "income_summary": "部门收入总体情况表",
    "expenditure_summary": "部门支出总体情况表",
    "fiscal_appropriation_summary": "财政拨款收支（预算）总体情况表",
    "general_budget_expenditure": "一般公共预算支出情况表",
    "general_budget_basic_expenditure": "一般公共预算基本支出情况表",
    "general_budget_project_expenditure": "一般公共预算项目支出情况表",
    "government_fund_expenditure": "政府性基金预算支出情况表",
    "state_capital_expenditure": "国有资本经营预算支出情况表",
    "three_public_expenditure": "财政拨款“三公”经费支出情况表",
    "prior_year_carryover": "上年结转结余情况明细表",
    "general_budget_economic_expenditure": "一般公共预算支出表（按经济分类）: all general-budget spending by economic class (Shenzhen, Xi'an)",
    "fiscal_appropriation_expenditure": "财政拨款支出（预算）表（功能科目）: fiscal-appropriation spending by function (Jiangsu, Suzhou, Wuxi)",
    "fiscal_appropriation_basic_expenditure": "财政拨款基本支出（预算）表（经济科目）: fiscal-appropriation basic spending by economic class",
    "administrative_operating_costs": "（一般公共预算）机关运行经费支出（预算）表: administrative operating costs by economic class",
    "basic_expenditure": "（部门预算）基本支出（预算/总）表: basic spending of all sources by economic class",
    "project_expenditure": "（部门预算）项目支出（及其他支出）预算表 / 项目支出总表 / 专项业务经费支出表: spending by project",
    "government_procurement": "政府采购（支出）预算（明细）表: government procurement budget",
    "government_fund_summary": "政府性基金（预算财政拨款）收支（收入支出）表: government-fund income and expenditure, two-sided",
    "unrecognized": "a table the pipeline did not recognise (kept raw)",
}

DIRECTIONS = {"income": "收入", "expenditure": "支出"}

CLASSIFICATIONS = {
    "functional": "支出功能分类",
    "economic": "支出经济分类",
    "income_type": "收入项目",
    "three_public": "“三公”经费项目",
    "carryover": "结转结余项目",
    "expenditure_type": "支出用途: a line naming what the spending is for (基本支出, 项目支出, 单位预留机动经费); its measure says which",
    "procurement": "政府采购品目 (goods, works, services) or procurement line",
    "gov_economic": "政府预算支出经济分类 (5xx classes; lines of a summary listed by them)",
}
# The classifications published as code lists (classification_codes).
CODE_LIST_CLASSIFICATIONS = {k: CLASSIFICATIONS[k] for k in ("functional", "economic")}

SOURCES = {
    "all": "总计/合计 over all sources",
    "current_income": "本年收入",
    "fiscal_appropriation": "财政拨款（补助）",
    "general_public_budget": "一般公共预算",
    "general_fiscal_resources": "其中：一般财力",
    "general_public_budget_special_funds": "其中：专项资金列入部门预算的项目 (Xi'an): part of the general public budget appropriation",
    "general_public_budget_transfer": "上级一般公共预算安排的转移支付",
    "government_fund": "政府性基金预算",
    "government_fund_own": "其中：政府性基金收入",
    "government_fund_transfer": "上级政府性基金安排的转移支付",
    "state_capital": "国有资本经营预算",
    "state_capital_own": "其中：国有资本经营收入",
    "state_capital_transfer": "上级国有资本经营预算安排的转移支付",
    "fiscal_special_account": "财政专户（管理资金/教育收费/核拨）",
    "unit_funds": "单位资金",
    "business_income": "事业收入",
    "superior_subsidy": "上级补助收入",
    "subsidiary_remittance": "附属单位上缴收入",
    "business_operation_income": "事业单位经营收入",
    "other_income": "其他收入",
    "business_fund_offset": "用事业基金弥补收支差额 (part of 单位资金)",
    "use_of_non_fiscal_balance": "使用非财政拨款结余（含专用结余） (final accounts)",
    "prior_year_carryover": "上年结转结余",
    "fiscal_carryover": "财政拨款结转",
    "fiscal_carryover_general_public_budget": "财政拨款结转：一般公共预算",
    "fiscal_carryover_government_fund": "财政拨款结转：政府性基金预算",
    "fiscal_carryover_state_capital": "财政拨款结转：国有资本经营预算",
    "non_fiscal_carryover": "非财政拨款结转结余",
    "non_fiscal_carryover_special_account": "非财政拨款结转结余：财政专户",
    "non_fiscal_carryover_unit_funds": "非财政拨款结转结余：单位资金",
}

MEASURES = {
    "total": "合计/总计/预算数/single amount column",
    "basic": "基本支出",
    "project": "项目支出",
    "personnel": "人员经费/人员支出",
    "public_operating": "公用经费/日常公用支出",
    "econ_class": "a column that is an economic class (econ_code says which)",
    "prior_year_budget": "上年预算数",
    "business_operation": "事业单位经营支出",
    "subsidy_to_subordinate": "对附属单位补助支出",
    "remit_to_superior": "上缴上级支出",
    "carryover_to_next_year": "结转下年",
    "contingency_reserve": "单位预留机动经费",
    "project_excl_capital_construction": "扣除基建项目后预算数",
    "budget": "预算数 printed beside 决算数 in final accounts: the year's budget",
    "procurement": "政府采购项目 (小计): the part of the row's spending procured by government procurement",
    "new_budget": "编制预算 column of an income line beside 本年预算 = 编制预算 + 上年结转 (Changchun): this year's new budget",
    "carried_over": "上年结转 column of an income line beside 本年预算 (Changchun): the part carried over",
    "procurement_sme": "其中：政府采购项目中预留给中小企业的项目资金规模",
    "procurement_small_micro": "其中：政府采购项目中预留给小型、微型企业的项目资金规模",
    "opening_balance": "年初结转和结余 (a table of flows, final accounts)",
    "income": "本年收入 (a table of flows, final accounts)",
    "expenditure": "本年支出 (a table of flows, final accounts)",
    "closing_balance": "年末结转和结余 (a table of flows, final accounts)",
    "change_from_prior_year": "增减变化情况: this year's figure minus last year's, as printed",
    "of_which_special_funds": "其中：专项资金列入部门预算的项目 (Xi'an): the part of the column's source that is special funds",
}

UNITS = {"万元": 10000, "元": 1}
DOC_KINDS = {"budget": "预算", "final_accounts": "决算"}
SCOPES = {"department": "部门预算/决算: a department with its units", "unit": "单位预算/决算: one budget unit"}
CODE_SOURCES = {"printed": "printed in the document", "inferred": "filled by the pipeline"}
SEVERITIES = {"error": "blocks trust in the numbers", "warning": "worth a look; rounding and the like"}

# performance_targets and narrative_facts.
PERFORMANCE_SCOPES = {"department": "部门/单位整体绩效目标表", "project": "项目支出绩效目标表"}
TARGET_OPERATORS = {"=": "等于", ">=": "大于等于 (≥, 不低于, 以上)", "<=": "小于等于 (≤, 不超过, 以内)", ">": "大于", "<": "小于"}
NARRATIVE_FACT_TYPES = {
    "amount": "a money amount stated for the subject (with its share and year-on-year change where stated)",
    "change": "a year-on-year change stated without the current amount",
    "count": "a number of people, vehicles, units, projects or items",
    "area": "a floor area (平方米)",
    "not_arranged": "the text states that the subject is not budgeted (未安排)",
}
NARRATIVE_TOPICS = {
    "overview": "收支预算总体情况",
    "income": "收入预算",
    "expenditure": "支出预算",
    "fiscal_appropriation": "财政拨款收支",
    "general_public_budget": "一般公共预算当年拨款",
    "basic_expenditure": "一般公共预算基本支出",
    "project_expenditure": "项目支出 (项目名称 sections)",
    "government_fund": "政府性基金预算",
    "state_capital": "国有资本经营预算",
    "three_public": "“三公”经费",
    "carryover": "上年结转结余",
    "operating_costs": "机关运行经费",
    "procurement": "政府采购",
    "assets": "国有资产占用 (房屋, 车辆, 大型设备)",
    "performance": "预算绩效",
    "staffing": "编制数, 实有人数, 在职/退休/离休",
    "organisation": "机构设置 (科室, 下属单位)",
    "other": "any other narrative",
}
CHANGE_DIRECTIONS = {"increase": "增加/增长/上升/提高", "decrease": "减少/下降/降低", "unchanged": "持平/相同"}
PRIOR_YEAR_SOURCES = {"printed": "printed in the text", "derived": "amount − change_amount, computed by the pipeline"}

# Per-document processing status (disclosures.status).
STATUSES = {
    "ok": "standard tables found and facts published",
    "narrative_only": "a disclosure's narrative (情况说明) whose standard tables are in another attachment; no facts",
    "no_standard_tables": "looks like a disclosure and prints numeric tables, but none was recognised (extraction gap)",
    "budget_adjacent": "budget-related but not a disclosure's standard tables (绩效目标申报表, 绩效自评表 …); no facts",
    "not_budget": "a readable document that is not a budget disclosure (notice, report, standard, form); no facts",
    "no_text_layer": "image-only PDF (scanned); nothing to extract without OCR",
    "html_page": "an HTML page served or saved under a document name",
    "not_pdf": "the bytes are not a PDF (or a supported attachment type)",
    "unsupported_format": "a file the pipeline cannot read (a Word document without LibreOffice, an unknown office format)",
    "corrupt": "the PDF could not be parsed",
    "encrypted": "the PDF is password-protected",
    "fetch_failed": "the document could not be downloaded",
    "pipeline_error": "the pipeline itself failed on this document (a bug; the message says where)",
    "blocked": "structural validation errors; facts withheld from publishing",
}

# What a finding is about (findings.category); the checks themselves are listed in validation_rules.md.
FINDING_CATEGORIES = {
    "within_table": "an accounting identity inside one table (hierarchy, column totals, row totals)",
    "across_tables": "the same quantity printed by two tables",
    "text": "the narrative against the tables and against itself (totals, shares, changes, years)",
    "completeness": "tables present or declared empty (为空表), year and department, leftover placeholders",
    "contract": "the published data contract (GX suite): structure, types, vocabularies, keys",
    "extraction": "a printed number or line the pipeline could not place",
    "document": "documents of one disclosure that repeat or contradict each other",
}

# Outcome of validation per disclosure (disclosures.validation_status).
VALIDATION_STATUSES = {
    "passed": "no findings",
    "warnings": "warnings only (e.g. rounding differences)",
    "errors": "at least one error finding",
    "not_validated": "no facts to validate (see status)",
}

# Which published column takes its values from which vocabulary: one mapping for the GX suites,
# the Frictionless enum constraints and the data dictionary.
COLUMN_VOCABULARIES: dict[str, dict[str, Mapping[str, object]]] = {
    "budget_facts": {
        "doc_kind": DOC_KINDS,
        "table_key": TABLE_KEYS,
        "direction": DIRECTIONS,
        "classification": CLASSIFICATIONS,
        "code_source": CODE_SOURCES,
        "source": SOURCES,
        "measure": MEASURES,
        "unit": UNITS,
    },
    "disclosures": {
        "doc_kind": DOC_KINDS,
        "scope": SCOPES,
        "status": STATUSES,
        "validation_status": VALIDATION_STATUSES,
    },
    "findings": {"severity": SEVERITIES, "category": FINDING_CATEGORIES},
    # performance_targets.scope is described in its column: the dictionary lists one vocabulary
    # per column name, and disclosures.scope has another.
    "performance_targets": {"operator": TARGET_OPERATORS},
    "narrative_facts": {
        "fact_type": NARRATIVE_FACT_TYPES,
        "topic": NARRATIVE_TOPICS,
        "source": SOURCES,
        "measure": MEASURES,
        "change_direction": CHANGE_DIRECTIONS,
        "prior_year_source": PRIOR_YEAR_SOURCES,
    },
    "classification_codes": {"classification": CODE_LIST_CLASSIFICATIONS},
    "classification_code_conflicts": {"classification": CODE_LIST_CLASSIFICATIONS},
}
