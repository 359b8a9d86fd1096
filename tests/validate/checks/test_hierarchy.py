from decimal import Decimal

from assets.core.checks.hierarchy import RULE
from tests.validate.checks.build import disclosure, errors, evaluated, fact, findings

T = "expenditure_summary"


def _class(total: str, first: str = "10.00", second: str = "20.00") -> list[dict]:
    return [
        fact(T, "一般公共服务支出", total, code="201", source="all"),
        fact(T, "政府办公厅（室）及相关机构事务", first, code="20103", source="all"),
        fact(T, "财政事务", second, code="20106", source="all"),
    ]


def test_class_equal_to_its_items_passes() -> None:
    doc = disclosure(_class("30.00"))
    assert findings(RULE, doc) == []
    assert evaluated(RULE, doc) == 1


def test_class_beyond_rounding_is_an_error_naming_the_parent() -> None:
    (error,) = errors(RULE, disclosure(_class("31.00")))
    assert (error["check"], error["tables"], error["code_or_item"]) == ("hierarchy", T, "201")
    assert (error["expected"], error["actual"], error["difference"]) == (Decimal("30.00"), Decimal("31.00"), Decimal("1.00"))


def test_gap_within_half_ulp_per_amount_is_a_rounding_warning() -> None:
    # three printed amounts: bound 0.005 × 3 = 0.015
    (warning,) = findings(RULE, disclosure(_class("30.01")))
    assert (warning["check"], warning["severity"]) == ("hierarchy_rounding", "warning")
    (error,) = findings(RULE, disclosure(_class("30.02")))
    assert error["severity"] == "error"


def test_a_blank_sub_code_counts_as_zero() -> None:
    facts = _class("30.00", second="20.00")
    facts += [fact(T, "一般公共服务支出", "5.00", code="201", source="all", measure="project"),
              fact(T, "政府办公厅（室）及相关机构事务", "5.00", code="20103", source="all", measure="project")]
    assert errors(RULE, disclosure(facts)) == []  # 20106 blank in 项目支出: 0
    facts[-1]["amount"] = Decimal("4.00")
    assert [e["expected"] for e in errors(RULE, disclosure(facts))] == [Decimal("4.00")]


def test_a_project_less_row_equals_its_project_rows() -> None:
    p = "general_budget_project_expenditure"
    facts = [fact(p, "其他支出", "120.00", code="2010399")]
    facts += [fact(p, "其他支出", v, code="2010399", project=n) for n, v in (("甲", "10.00"), ("乙", "60.00"), ("丙", "50.00"))]
    assert findings(RULE, disclosure(facts)) == []
    facts[0]["amount"] = Decimal("121.00")
    (error,) = errors(RULE, disclosure(facts))
    assert "the 3 project rows" in error["message"]
