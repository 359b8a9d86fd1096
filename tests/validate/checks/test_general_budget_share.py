from decimal import Decimal

from assets.core.checks.general_budget_share import RULE
from tests.validate.checks.build import disclosure, errors, fact, findings

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
