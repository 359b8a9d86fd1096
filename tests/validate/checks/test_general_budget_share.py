from decimal import Decimal

from assets.core.checks.general_budget_share import RULE
from tests.validate.checks.build import disclosure, errors, evaluated, fact, findings

E, G = "expenditure_summary", "general_budget_expenditure"


def _facts(share: str) -> list[dict]:
    return [fact(E, "总计", "1759.05", source="all"), fact(E, "一般公共服务支出", "1347.83", code="201", source="all"),
            fact(G, "总计", "1719.05"), fact(G, "一般公共服务支出", share, code="201")]


def test_the_general_budget_share_does_not_exceed_the_whole() -> None:
    assert findings(RULE, disclosure(_facts("1307.83"))) == []
    assert findings(RULE, disclosure(_facts("1347.83"))) == []  # equal: all of it is general budget


def test_a_share_larger_than_the_whole_is_an_error() -> None:
    (error,) = errors(RULE, disclosure(_facts("1357.83")))
    assert (error["check"], error["code_or_item"], error["difference"]) == ("general_budget_share", "201", Decimal("10.00"))


def test_a_sub_code_missing_from_the_summary_counts_as_zero() -> None:
    facts = _facts("1307.83") + [fact(E, "政府办公厅（室）及相关机构事务", "1337.83", code="20103", source="all"),
                                 fact(G, "财政事务", "5.00", code="20106")]
    (error,) = errors(RULE, disclosure(facts))
    assert (error["code_or_item"], error["expected"]) == ("20106", Decimal("0"))


def test_each_table_is_read_in_its_widest_source_column() -> None:
    # Changchun: 表3 合计 | 本年收入 | 上年结转, 表5 一般公共预算 | 本年收入 | 上年结转 — one 458.00 each
    facts = [fact(E, "总计", "458.00", source="all"), fact(G, "总计", "458.00"),
             *[fact(E, "一般行政管理事务", a, code="2014002", source=s)
               for s, a in (("all", "458.00"), ("current_income", "0.00"), ("prior_year_carryover", "0.00"))],
             *[fact(G, "一般行政管理事务", a, code="2014002", source=s)
               for s, a in (("general_public_budget", "458.00"), ("current_income", "458.00"), ("prior_year_carryover", "0.00"))]]
    assert findings(RULE, disclosure(facts)) == []
    facts[-3] = fact(G, "一般行政管理事务", "468.00", code="2014002")  # 一般公共预算 above 合计
    (error,) = errors(RULE, disclosure(facts))
    assert (error["code_or_item"], error["expected"], error["actual"]) == ("2014002", Decimal("458.00"), Decimal("468.00"))


def _by_economic_code(share: str, orphan: bool = False) -> list[dict]:
    """Beijing's 表3: one row per functional × economic code, summed under the functional code."""
    facts = [fact(E, "合计", "100.00", source="all"), fact(G, "合计", "100.00"), fact(G, "防汛", share, code="2130314"),
             fact(E, "防汛", "60.00", code="2130314", econ_code="30227", source="all"),
             fact(E, "防汛", "40.00", code="2130314", econ_code="30213", source="all")]
    if orphan:  # a row whose functional code cell is blank (it spans rows on the page before)
        facts[-1] = fact(E, "", "40.00", econ_code="30213", source="all")
    return facts


def test_rows_per_economic_code_are_summed_under_their_code() -> None:
    assert findings(RULE, disclosure(_by_economic_code("100.00"))) == []
    (error,) = errors(RULE, disclosure(_by_economic_code("110.00")))
    assert (error["code_or_item"], error["expected"]) == ("2130314", Decimal("100.00"))


def test_economic_rows_without_their_code_leave_only_the_totals() -> None:
    assert evaluated(RULE, disclosure(_by_economic_code("100.00", orphan=True))) == 1  # 合计 ≤ 合计
    facts = _by_economic_code("100.00", orphan=True)
    facts[1] = fact(G, "合计", "120.00")
    (error,) = errors(RULE, disclosure(facts))
    assert error["code_or_item"] == "合计"
