from decimal import Decimal

from assets.core.checks.text_share import RULE
from tests.validate.checks.build import disclosure, errors, fact, findings, stated


def _income(first_share: str = "97.73") -> list[dict]:
    return [stated("income", "部门收入预算", "1759.05", source="all"),
            stated("income", "一般公共预算", "1719.05", share_percent=first_share),
            stated("income", "政府性基金预算", None, unit=None, fact_type="not_arranged"),
            stated("income", "单位资金", "30.00", share_percent="1.71"),
            stated("income", "财政拨款结转", "10.00", share_percent="0.57")]


def test_shares_of_the_stated_whole_pass_and_their_sum_is_a_rounding_warning() -> None:
    found = findings(RULE, disclosure([], _income()))
    # 97.73 + 1.71 + 0.57 = 100.01: within 3 × 0.005 of 100 — correct rounding, shown as a warning
    assert [(f["check"], f["actual"]) for f in found] == [("text_share_rounding", Decimal("100.01"))]


def test_a_wrong_share_is_an_error() -> None:
    found = errors(RULE, disclosure([], _income("96.73")))
    assert [(e["check"], e["expected"], e["actual"]) for e in found] == [
        ("text_share", Decimal("97.73"), Decimal("96.73")), ("text_share", Decimal("100"), Decimal("99.01"))]


def _structure() -> list[dict]:
    return [stated("general_public_budget", "一般公共服务支出（类）", "1307.83", share_percent="76.08"),
            stated("general_public_budget", "社会保障和就业支出（类）", "211.95", share_percent="12.33"),
            stated("general_public_budget", "卫生健康支出（类）", "92.29", share_percent="5.37"),
            stated("general_public_budget", "住房保障支出（类）", "106.98", share_percent="6.22")]


def test_without_a_stated_whole_the_shares_are_of_the_table_total() -> None:
    total = [fact("general_budget_expenditure", "总计", "1719.05")]
    assert findings(RULE, disclosure(total, _structure())) == []
    rows = _structure()
    rows[0]["share_percent"] = Decimal("75.08")
    (error,) = errors(RULE, disclosure(total, rows))
    assert error["expected"] == Decimal("76.08")


def test_without_whole_or_table_shares_adding_up_to_100_are_of_their_sum() -> None:
    assert findings(RULE, disclosure([], _structure())) == []
    rows = _structure()
    rows[0]["share_percent"] = Decimal("70.08")  # the list no longer adds up to 100%: nothing to compare with
    assert findings(RULE, disclosure([], rows)) == []


def test_the_whole_is_the_stated_amount_equal_to_the_list_not_a_comparison_base_or_a_class() -> None:
    rows = [stated("expenditure", "支出预算", "33112.47", source="all"),
            stated("expenditure", "比2025年年初预算数", "35201.58"),
            stated("expenditure", "基本支出预算", "22843.03", measure="basic", share_percent="68.99"),
            stated("expenditure", "项目支出预算", "10269.44", measure="project", share_percent="31.01")]
    assert errors(RULE, disclosure([], rows)) == []
    classes = [stated("general_public_budget", "一般公共预算当年拨款", "432564.30", source="general_public_budget"),
               stated("general_public_budget", "城乡社区（类）支出", "226000.00"),  # its share was not read
               stated("general_public_budget", "交通运输（类）支出", "165653.20", share_percent="38.3")]
    assert errors(RULE, disclosure([], classes)) == []
