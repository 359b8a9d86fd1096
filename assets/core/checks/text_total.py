"""text_total: every amount the narrative states for a table line equals that line.

A statement is tied to a table line by its topic (the heading it is under) and what it names
(`narrative_facts` source, measure, item and its （类）/（款）/（项） path, project):

| topic | statement | table line |
|---|---|---|
| overview, income | 收支总预算 / 收入预算 (source all) | income-expenditure summary 收入总计 |
| income | a funding source | its income line in the income-expenditure summary |
| expenditure | 支出预算 / 基本支出 / 项目支出 | expenditure summary 总计 (合计, 基本, 项目) |
| fiscal_appropriation | 财政拨款收支总预算, a fund, a 类 | fiscal-appropriation summary |
| general_public_budget | 拨款合计, 基本/项目支出, a 类/款/项 | general-budget expenditure table |
| basic_expenditure | 基本支出, 人员经费, 公用经费 | basic-expenditure table totals |
| project_expenditure | a project's 预算安排规模 | its rows in the project table |
| three_public | the 三公 total and each item | the 三公 table |
| carryover | 结转结余, 财政拨款, 非财政拨款 | the carryover table's 总计 |

Totals the narrative names without a typed source (final accounts: “收入支出总计”, “财政拨款收入
支出总计”, “本年收入合计”, “一般公共预算财政拨款支出”) are matched by the words just before the
number. A line the table leaves blank counts as 0 where the table is printed (a 三公 item, a
carryover part, a fund the text says is not budgeted: “政府性基金预算未安排” means its lines are
blank or 0; a 三公 table found without any number). In final accounts a 三公 statement is
compared with the table's 预算数 (measure budget) or 决算数 column, as its subject says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from .disclosure import Disclosure, grand_total, label, line, where
from .model import Evaluation, Fact, finding_row
from .narrative import Stated, compare_with_tables, is_money, squeezed, statement
from .rule import Rule
from .three_public import column_items, item_kind, names_three_public_total, with_total

CHECK = "text_total"
THREE_PUBLIC = "three_public_expenditure"
FUNCTIONAL_LEVEL = re.compile(r"(.+?)[（(](类|款|项)[)）]")
LEVEL_DIGITS = {"类": 3, "款": 5, "项": 7}
COLUMN_ORDER = ("all", "fiscal_appropriation", "general_public_budget")
# The 三公 table's columns, widest first; an item the widest leaves out is read from the next.
THREE_PUBLIC_COLUMNS = (*COLUMN_ORDER, "current_income")


@dataclass
class Line:
    """The table line(s) a statement is about; ``cells`` empty and ``printed`` true means blank = 0."""

    cells: list[Fact]
    label: str
    printed: bool = True
    tables: tuple[str, ...] = ()  # the table a blank line is in

def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    seen_projects: set[str] = set()
    for row in doc.narrative:
        if row.get("fact_type") == "not_arranged":
            yield from _not_arranged(doc, row)
            continue
        if not is_money(row) or row.get("fact_type") != "amount":
            continue
        if row.get("topic") == "project_expenditure":
            project = row.get("project")
            if not project or project in seen_projects:
                continue  # a project's budget is the first amount of its section
            seen_projects.add(project)
        found = table_line(doc, row)
        if found is None or (not found.cells and not found.printed):
            continue
        yield compare_with_tables(doc, CHECK, row, found.cells, reference_label=found.label, tables=found.tables).evaluation()


def table_line(doc: Disclosure, row: Stated) -> Line | None:
    topic, source, measure = row.get("topic"), row.get("source"), row.get("measure")
    subject = squeezed(row.get("subject"))
    if not source and not measure and not row.get("item"):
        named = _named_total(doc, _words_before_number(row, doc.row.get("department")), topic)
        if named is not None:
            return named
    if topic == "three_public":
        return _three_public(doc, row)
    if topic == "project_expenditure":
        return _project(doc, row)
    if topic == "carryover":
        return _carryover(doc, source, subject)
    if topic in ("overview", "income") and source:
        return _income(doc, source)
    if topic == "expenditure" and (measure or source == "all"):
        return _total(doc, "expenditure_summary", "expenditure", measure or "total")
    if topic == "fiscal_appropriation":
        return _fiscal(doc, source, subject)
    if topic == "general_public_budget":
        if FUNCTIONAL_LEVEL.search(subject):
            return _functional(doc, "general_budget_expenditure", subject)
        if measure or source == "general_public_budget":
            return _total(doc, "general_budget_expenditure", "expenditure", measure or "total")
    if topic == "basic_expenditure" and measure in ("basic", "personnel", "public_operating"):
        return _total(doc, "general_budget_basic_expenditure", "expenditure", "total" if measure == "basic" else measure)
    if topic in ("government_fund", "state_capital") and source == topic:
        return _total(doc, f"{topic}_expenditure", "expenditure", measure or "total")
    return None


# --- table lines ---------------------------------------------------------------------------

# Totals a statement names in words the narrative extractor types no source for (final accounts
# word them “收入支出总计”, “本年收入合计”, “一般公共预算财政拨款支出”).
NAMED_TOTALS: tuple[tuple[str, str | None, str], ...] = (
    (r"(?:部门)?(?:收入支出|收支)(?:决算|预算)?(?:总计|总额)(?:为|是)?", None, "all"),
    (r"财政拨款收入支出(?:决算|预算)?总计(?:为|是)?", None, "fiscal"),
    (r"本年收入(?:决算)?合计(?:为|是)?", "income", "current_income"),
    (r"本年支出(?:决算)?合计(?:为|是)?", "expenditure", "current_spending"),
    (r"一般公共预算财政拨款支出(?:决算)?(?:为|是)?", "general_public_budget", "general_budget"),
)


def _words_before_number(row: Stated, department: str | None) -> str:
    """The statement's words up to its number, without the department and the year."""
    words = re.split(r"\d[\d,.]*\s*(?:万元|元|亿元)", squeezed(row.get("text")), maxsplit=1)[0]
    words = words.replace(squeezed(department), "") if department else words
    return re.sub(r"^.*?(?:\d{4}年度?)", "", words)


def _named_total(doc: Disclosure, words: str, topic: str | None) -> Line | None:
    for pattern, in_topic, total in NAMED_TOTALS:
        if re.fullmatch(pattern, words) and in_topic in (None, topic):
            return _total_named(doc, total)
    return None


def _total_named(doc: Disclosure, total: str) -> Line | None:
    summary = "income_expenditure_summary"
    if total == "all":
        return _income(doc, "all")
    if total == "fiscal":
        found = grand_total(doc, "fiscal_appropriation_summary", "income")
        return Line([found], where(found)) if found else None
    if total == "current_income":
        found = line(doc, summary, "income", r".", source="current_income") or grand_total(doc, "income_summary", "income")
        return Line([found], where(found)) if found else None
    if total == "current_spending":
        found = line(doc, summary, "expenditure", r"^本年支出") or grand_total(doc, "expenditure_summary", "expenditure")
        return Line([found], where(found)) if found else None
    return _total(doc, "general_budget_expenditure", "expenditure", "total")



def _total(doc: Disclosure, table_key: str, direction: str, measure: str) -> Line | None:
    found = grand_total(doc, table_key, direction, measure, sources=(*COLUMN_ORDER, "government_fund", "state_capital"))
    return Line([found], where(found)) if found else None


def _income(doc: Disclosure, source: str) -> Line | None:
    if source == "all":
        found = grand_total(doc, "income_expenditure_summary", "income") or grand_total(doc, "income_summary", "income")
        return Line([found], where(found)) if found else None
    cells = [f for f in doc.table("income_expenditure_summary", "income") if f["source"] == source and f["measure"] == "total"]
    if len(cells) == 1:
        return Line(cells, where(cells[0]))
    column = grand_total(doc, "income_summary", "income", sources=(source,))
    return Line([column], where(column)) if column else None


def _fiscal(doc: Disclosure, source: str | None, subject: str) -> Line | None:
    table = "fiscal_appropriation_summary"
    if source in ("all", "fiscal_appropriation"):
        found = grand_total(doc, table, "income")
        return Line([found], where(found)) if found else None
    if source:
        found = line(doc, table, "income", r".", source=source)
        return Line([found], where(found)) if found else None
    spending = [f for f in doc.table(table, "expenditure") if f["measure"] == "total" and label(f) == subject]
    for column in COLUMN_ORDER:
        cells = [f for f in spending if f["source"] == column]
        if len(cells) == 1:
            return Line(cells, where(cells[0]))
    return None


def _functional(doc: Disclosure, table_key: str, subject: str) -> Line | None:
    """The row a （类）…（款）…（项） path names, by its names level by level."""
    rows = [f for f in doc.table(table_key, "expenditure") if f["measure"] == "total" and f["code"]]
    code = ""
    for name, level in FUNCTIONAL_LEVEL.findall(subject):
        name = name.strip("、，：:")
        matches = {f["code"] for f in rows if len(f["code"]) == LEVEL_DIGITS[level] and f["code"].startswith(code) and label(f) == name}
        if len(matches) != 1:
            return None
        code = matches.pop()
    cells = [f for f in rows if f["code"] == code and not f["project"]] or [f for f in rows if f["code"] == code]
    return Line(cells, where(cells[0]) if len(cells) == 1 else f"code {code}") if cells else None


def _project(doc: Disclosure, row: Stated) -> Line | None:
    name = squeezed(row.get("project"))
    cells = [
        f for f in doc.table("general_budget_project_expenditure", "expenditure")
        if f["measure"] == "total" and squeezed(f["project"]) == name
    ]
    return Line(cells, where(cells[0]) if len(cells) == 1 else f"project {name}") if cells else None


def _three_public(doc: Disclosure, row: Stated) -> Line | None:
    kind = item_kind(row.get("item") or "") or ("total" if names_three_public_total(row) else None)
    printed = doc.table(THREE_PUBLIC)
    if kind is None:
        return None
    if not printed:
        found = THREE_PUBLIC in (doc.row.get("tables_found") or []) and THREE_PUBLIC not in (doc.row.get("tables_empty") or [])
        return Line([], "the 三公 table, which prints no number", printed=found, tables=(THREE_PUBLIC,))
    measure = "total"
    if doc.row.get("doc_kind") == "final_accounts":
        # final accounts print 预算数 (measure budget) beside 决算数: the statement says which
        basis = "预算" if "预算" in squeezed(row.get("subject")) else "决算" if "决算" in squeezed(row.get("subject")) else None
        if basis is None or not any(f["measure"] == "budget" for f in printed):
            return None
        measure = "budget" if basis == "预算" else "total"
    cells = [f for f in printed if f["measure"] == measure]
    columns = [[f for f in cells if f["source"] == c] for c in THREE_PUBLIC_COLUMNS if any(f["source"] == c for f in cells)]
    column = columns[0] if columns else []
    items = column_items(column)
    if items is None:
        return None  # the table's lines are not told apart (e.g. items in columns, years in rows)
    items = with_total(items, column)
    if kind in items:
        return Line(items[kind], where(items[kind][0]))
    for other in columns[1:]:  # the widest column prints only the total (Changchun: 合计 | 当年预算 items)
        lines = [f for f in other if item_kind(f["item"] or "") == kind]
        if len(lines) == 1:
            return Line(lines, where(lines[0]))
    return Line([], f"the 三公 table ({kind} not printed)", printed=kind != "total" or not column, tables=(THREE_PUBLIC,))


def _carryover(doc: Disclosure, source: str | None, subject: str) -> Line | None:
    cells = doc.table("prior_year_carryover")
    if not cells:
        return None
    column = source if source in ("fiscal_carryover", "non_fiscal_carryover") else ("all" if "结转" in subject else None)
    if column is None:
        return None
    found = grand_total(doc, "prior_year_carryover", "expenditure", sources=(column,))
    if found:
        return Line([found], where(found))
    return Line([], f"the carryover table ({column} not printed)", printed=column != "all", tables=("prior_year_carryover",))


def _not_arranged(doc: Disclosure, row: Stated) -> Iterator[Evaluation]:
    """“X未安排”: the income lines and summary columns of source X print nothing but 0."""
    source = row.get("source")
    if not source or source == "all":
        return
    tables = ("income_expenditure_summary", "income_summary", "fiscal_appropriation_summary")
    cells = [f for t in tables for f in doc.table(t) if f["source"] == source]
    if not cells:
        return
    nonzero = [f for f in cells if Decimal(f["amount"]) != 0]
    if not nonzero:
        yield Evaluation(CHECK)
        return
    first = nonzero[0]
    shown = "; ".join(f"{where(f)} = {f['amount']}" for f in nonzero[:3])
    yield Evaluation(CHECK, finding_row(
        disclosure_id=doc.disclosure_id, check=CHECK, severity="error", category="text",
        message=f"{statement(row)} says it is not budgeted, but {shown}",
        tables=["narrative_facts", *(f["table_key"] for f in nonzero)], code_or_item=row.get("subject"),
        expected=Decimal(0), actual=Decimal(first["amount"]), pages=[row["page"], *(f["page"] for f in nonzero)],
    ))


RULE = Rule(CHECK, "text", "every amount the narrative states for a table line (totals, sources, 基本/项目, "
            "类/款/项, projects, 三公, carryover; 未安排 = blank) equals the table", evaluate)
