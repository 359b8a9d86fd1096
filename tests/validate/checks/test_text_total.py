from decimal import Decimal

from assets.core.checks.text_total import RULE
from tests.validate.checks.build import disclosure, errors, fact, findings, stated

G = "general_budget_expenditure"


def _tables() -> list[dict]:
    return [
        fact("income_expenditure_summary", "收入总计", "1759.05", source="all", direction="income", classification="income_type"),
        fact("income_expenditure_summary", "5. 单位资金", "30.00", source="unit_funds", direction="income", classification="income_type"),
        fact(G, "总计", "1599.05", measure="basic"),
        fact(G, "一般公共服务支出", "1307.83", code="201"),
        fact(G, "政府办公厅（室）及相关机构事务", "1307.83", code="20103"),
        fact(G, "行政运行", "1085.07", code="2010301"),
        fact("three_public_expenditure", "合计", "83.00", source="all"),
        fact("three_public_expenditure", "公务接待费", "5.00", source="all"),
    ]


def _narrative() -> list[dict]:
    return [
        stated("overview", "收支总预算", "1759.05", source="all"),
        stated("income", "单位资金", "30.00", source="unit_funds"),
        stated("general_public_budget", "基本支出", "1599.05", measure="basic"),
        stated("general_public_budget", "一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）", "1085.07",
               item="行政运行", item_level=3),
        stated("three_public", "财政拨款“三公”经费", "83.00"),
        stated("three_public", "因公出国（境）费", "0.00", item="因公出国（境）费"),
        stated("three_public", "公务接待费", "5", item="公务接待费"),
        stated("income", "政府性基金预算", None, unit=None, fact_type="not_arranged", source="government_fund"),
    ]


def test_the_narrative_agrees_with_the_tables() -> None:
    doc = disclosure(_tables(), _narrative())
    assert findings(RULE, doc) == []
    assert len(RULE(doc)) == 7  # the not-arranged fund has no line to check in these tables


def test_a_stated_amount_that_differs_from_its_line_is_an_error() -> None:
    narrative = _narrative()
    narrative[3]["amount"], narrative[3]["amount_cny"] = Decimal("1058.07"), Decimal("10580700")
    (error,) = errors(RULE, disclosure(_tables(), narrative))
    assert (error["check"], error["code_or_item"], error["tables"]) == ("text_total", "行政运行", "narrative_facts,general_budget_expenditure")
    assert (error["expected"], error["actual"]) == (Decimal("10850700.00"), Decimal("10580700.00"))


def test_a_fund_said_not_budgeted_must_be_blank_in_the_tables() -> None:
    facts = _tables() + [fact("income_expenditure_summary", "2. 政府性基金预算拨款", "5.00", source="government_fund",
                              direction="income", classification="income_type")]
    (error,) = errors(RULE, disclosure(facts, _narrative()))
    assert "not budgeted" in error["message"]


def test_a_stated_three_public_item_the_table_leaves_blank_is_compared_with_zero() -> None:
    narrative = _narrative()
    narrative[5]["amount"], narrative[5]["amount_cny"] = Decimal("3.00"), Decimal("30000")
    (error,) = errors(RULE, disclosure(_tables(), narrative))
    assert error["expected"] == 0


def test_final_accounts_totals_are_matched_by_their_words() -> None:
    facts = [fact("income_expenditure_summary", "总计", "2995.39", source="all", direction="income", classification="income_type")]
    ok = stated("overview", "收入支出", "2995.39", text="上海市普陀区财政局2024年度收入支出总计2995.39万元")
    assert findings(RULE, disclosure(facts, [ok], doc_kind="final_accounts", year=2024)) == []
    generic = stated("expenditure", "支出", "1073.77", text="支出1,073.77万元")  # no total named: not compared
    assert RULE(disclosure(facts, [generic], doc_kind="final_accounts", year=2024)) == []
    zero = stated("overview", "收入支出", "0", text="上海市普陀区财政局2024年度收入支出总计0万元")
    (error,) = errors(RULE, disclosure(facts, [zero], doc_kind="final_accounts", year=2024))
    assert (error["tables"], error["actual"], error["expected"]) == (
        "narrative_facts,income_expenditure_summary", Decimal("0"), Decimal("29953900.00"))


def test_a_three_public_amount_against_a_three_public_table_without_numbers_is_an_error() -> None:
    found = {"tables_found": ["three_public_expenditure"], "tables_empty": []}
    row = stated("three_public", "“三公”经费财政拨款支出年初预算", "0.95")
    (error,) = errors(RULE, disclosure([], [row], doc_kind="final_accounts", year=2024, **found))
    assert error["tables"] == "narrative_facts,three_public_expenditure" and error["expected"] == 0
    declared = {"tables_found": ["three_public_expenditure"], "tables_empty": ["three_public_expenditure"]}
    assert findings(RULE, disclosure([], [stated("three_public", "“三公”经费", "0.00")], **declared)) == []


def test_three_public_items_are_compared_only_where_the_table_tells_its_lines_apart() -> None:
    t = "three_public_expenditure"
    columns = [fact(t, "合计", "30.75", source="all"), fact(t, "公务接待费", "2.50", source="all"),
               fact(t, "公务用车购置及运行费小计", "28.25", source="all"), fact(t, "购置费", "20.00", source="all"),
               fact(t, "运行费", "8.25", source="all")]
    purchase = stated("three_public", "公务用车购置费", "20.00", item="公务用车购置费")
    assert findings(RULE, disclosure(columns, [purchase])) == []  # the header prints only 购置费
    purchase["amount"], purchase["amount_cny"] = Decimal("21.00"), Decimal("210000")
    assert len(errors(RULE, disclosure(columns, [purchase]))) == 1
    # the 运行费 column labelled like the subtotal: two vehicle lines, nothing read as blank
    columns[-1]["item"] = "公务用车购置及运行费"
    operation = stated("three_public", "公务用车运行费", "8.25", item="公务用车运行费")
    assert findings(RULE, disclosure(columns, [operation])) == []


def test_a_heading_used_as_subject_is_not_the_three_public_total() -> None:
    row = stated("three_public", "财政拨款“三公”经费预算情况说明", "128.25", text="预算数128.25万元")
    assert RULE(disclosure(_tables(), [row])) == []


def test_final_accounts_three_public_budget_statement_is_compared_with_the_budget_column() -> None:
    t = "three_public_expenditure"
    table = [fact(t, "合计", "0.95", source="all", measure="budget"), fact(t, "公务接待费", "0.95", source="all", measure="budget")]
    final = {"doc_kind": "final_accounts", "year": 2024, "tables_found": [t]}
    budget = stated("three_public", "“三公”经费财政拨款支出年初预算", "0.95")
    assert findings(RULE, disclosure(table, [budget], **final)) == []
    assert len(errors(RULE, disclosure([], [budget], **final))) == 1  # the table prints no number at all


def _three_public_by_column(reception: str) -> object:
    """Changchun's 三公 table: 合计 prints only the total, the items are under 当年预算 (本年收入)."""
    t = "three_public_expenditure"
    facts = [fact(t, "“三公”经费合计", "7.61", source="all"), fact(t, "小计", "7.61", source="current_income"),
             fact(t, "公务用车运行费", "6.75", source="current_income"), fact(t, "公务接待费", "0.86", source="current_income")]
    return disclosure(facts, [stated("three_public", "公务接待费", reception, item="公务接待费")])


def test_a_three_public_item_the_total_column_leaves_out_is_read_from_the_next() -> None:
    assert findings(RULE, _three_public_by_column("0.86")) == []
    (error,) = errors(RULE, _three_public_by_column("0.96"))
    assert (error["expected"], error["actual"]) == (Decimal("8600.00"), Decimal("9600.00"))
