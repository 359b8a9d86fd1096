from decimal import Decimal

from assets.core.checks.row_spending import RULE
from tests.validate.checks.build import disclosure, errors, evaluated, findings, printed_row

T = "general_budget_expenditure"


def test_total_is_basic_plus_project() -> None:
    doc = disclosure(printed_row(T, "行政运行", {"total": "1115.07", "basic": "1085.07", "project": "30.00"}, code="2010301"))
    assert findings(RULE, doc) == []
    assert evaluated(RULE, doc) == 1


def test_total_not_basic_plus_project_is_an_error() -> None:
    doc = disclosure(printed_row(T, "行政运行", {"total": "1115.07", "basic": "1000.00", "project": "30.00"}, code="2010301"))
    (error,) = errors(RULE, doc)
    assert (error["code_or_item"], error["expected"], error["actual"]) == ("2010301", Decimal("1030.00"), Decimal("1115.07"))
    assert "basic + project" in error["message"]


def test_without_a_basic_column_personnel_and_public_operating_are_added() -> None:
    cells = {"total": "10.00", "personnel": "2.00", "public_operating": "3.00", "project": "5.00"}
    assert findings(RULE, disclosure(printed_row("prior_year_carryover", "总计", cells, source="fiscal_carryover"))) == []
    cells["project"] = "6.00"
    assert len(errors(RULE, disclosure(printed_row("prior_year_carryover", "总计", cells, source="fiscal_carryover")))) == 1


def test_the_same_label_lower_on_the_page_is_another_row() -> None:
    first = printed_row(T, "行政运行", {"total": "10.00", "basic": "10.00"}, code="2010301")
    second = printed_row(T, "行政运行", {"total": "5.00", "basic": "6.00"}, code="2010301")
    (error,) = errors(RULE, disclosure(first + second))
    assert (error["expected"], error["actual"]) == (Decimal("6.00"), Decimal("5.00"))


def test_other_spending_columns_printed_under_qizhong_are_subsets() -> None:
    # Beijing 支出总表: 合计 | 基本支出 | 项目支出 | 其中: 事业单位经营支出 …
    cells = {"total": "173.24", "project": "173.24", "business_operation": "168.00"}
    assert findings(RULE, disclosure(printed_row(T, "质量基础", cells, code="2013810"))) == []
    cells = {"total": "341.24", "project": "173.24", "business_operation": "168.00"}  # seed style: an addend
    assert findings(RULE, disclosure(printed_row(T, "质量基础", cells, code="2013810"))) == []
    cells = {"total": "300.00", "project": "173.24", "business_operation": "168.00"}  # neither
    (error,) = errors(RULE, disclosure(printed_row(T, "质量基础", cells, code="2013810")))
    assert error["expected"] == Decimal("341.24")
