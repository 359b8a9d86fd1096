from decimal import Decimal

from assets.core.checks.three_public import RULE, item_kind
from tests.validate.checks.build import disclosure, errors, fact, findings

T = "three_public_expenditure"


def _table(total: str = "83.00", subtotal: str = "78.00") -> list[dict]:
    lines = [("合计", total), ("公务接待费", "5.00"), ("公务用车购置及运行费（小计）", subtotal), ("公务用车运行费", "78.00"),
             ("机关运行经费", "177.24")]
    return [fact(T, item, amount, source="all") for item, amount in lines]


def test_total_and_vehicle_subtotal_add_up() -> None:
    assert findings(RULE, disclosure(_table())) == []


def test_total_off_is_an_error() -> None:
    (error,) = errors(RULE, disclosure(_table(total="84.00")))
    assert (error["check"], error["expected"], error["actual"]) == ("three_public_total", Decimal("83.00"), Decimal("84.00"))


def test_vehicle_subtotal_off_is_an_error() -> None:
    found = errors(RULE, disclosure(_table(subtotal="79.00")))
    assert {e["code_or_item"] for e in found} == {"合计", "公务用车购置及运行费（小计）"}


def test_item_labels() -> None:
    assert item_kind("1．因公出国（境）费") == "abroad"
    assert item_kind("其中：公务用车购置费") == "purchase"
    assert item_kind("公务用车运行维护费") == "operation"
    assert item_kind("机关运行经费") is None


def test_a_total_that_adds_meetings_and_training_is_not_the_three_public_total() -> None:
    # Jiangsu: 合计 | “三公”经费小计 | 因公出国（境）费 | 公务用车… | 公务接待费 | 会议费 | 培训费
    lines = [("合计", "2558.26"), ("“三公”经费小计", "620.75"), ("因公出国（境）费", "170.00"),
             ("公务用车购置及运行维护费小计", "266.80"), ("公务用车运行维护费", "266.80"), ("公务接待费", "183.95"),
             ("会议费", "271.26"), ("培训费", "1666.25")]
    facts = [fact(T, item, amount, source="all") for item, amount in lines]
    assert findings(RULE, disclosure(facts)) == []
    facts[1]["amount"] = Decimal("630.75")
    (error,) = errors(RULE, disclosure(facts))
    assert error["code_or_item"] == "“三公”经费小计"
