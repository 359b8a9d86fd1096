from decimal import Decimal

from assets.core.checks.text_consistency import RULE
from tests.validate.checks.build import disclosure, errors, findings, stated


def _three_public(total_change: str = "-30.00") -> list[dict]:
    items = [("因公出国（境）费", "0.00", "0.00"), ("公务用车购置费", "0.00", "0.00"), ("公务用车运行费", "78.00", "0.00"),
             ("公务接待费", "5.00", "-30.00")]
    rows = [stated("three_public", "财政拨款“三公”经费", "83.00")]
    rows += [stated("three_public", name, amount, item=name) for name, amount, _ in items]
    rows.append(stated("three_public", "财政拨款“三公”经费预算", None, change_amount=total_change))
    rows += [stated("three_public", name, None, item=name, change_amount=change) for name, _, change in items]
    return rows


def test_the_three_public_figures_add_up() -> None:
    assert findings(RULE, disclosure([], _three_public())) == []


def test_a_three_public_change_that_does_not_add_up_is_an_error() -> None:
    (error,) = errors(RULE, disclosure([], _three_public("-20.00")))
    assert (error["check"], error["expected"], error["actual"]) == ("text_consistency", Decimal("-30.00"), Decimal("-20.00"))


def test_a_whole_is_basic_plus_project() -> None:
    rows = [stated("expenditure", "支出预算", "1759.05", source="all"),
            stated("expenditure", "基本支出", "1599.05", measure="basic"),
            stated("expenditure", "项目支出", "160.00", measure="project")]
    assert findings(RULE, disclosure([], rows)) == []
    rows[2]["amount"] = Decimal("170.00")
    assert len(errors(RULE, disclosure([], rows))) == 1


def test_procurement_and_carryover_parts_add_up() -> None:
    rows = [stated("procurement", "政府采购预算", "112.29"), stated("procurement", "政府采购货物预算", "23.49"),
            stated("procurement", "政府采购工程预算", "1.00"), stated("procurement", "政府采购服务预算", "87.80"),
            stated("carryover", "上年结转结余", "10.00"), stated("carryover", "财政拨款", "10.00", source="fiscal_carryover"),
            stated("carryover", "非财政拨款", "0.00", source="non_fiscal_carryover")]
    assert findings(RULE, disclosure([], rows)) == []
    rows[3]["amount"] = Decimal("88.80")
    assert len(errors(RULE, disclosure([], rows))) == 1


def test_final_accounts_compare_budget_with_budget_and_outturn_with_outturn() -> None:
    rows = [stated("three_public", "“三公”经费财政拨款支出年初预算", "0.95"),
            stated("three_public", "因公出国（境）费决算", "0.00", item="因公出国（境）费"),
            stated("three_public", "公务用车购置及运行维护费支出决算", "0.00", item="公务用车购置及运行维护费"),
            stated("three_public", "公务接待费支出决算", "0.00", item="公务接待费")]
    assert findings(RULE, disclosure([], rows, doc_kind="final_accounts", year=2024)) == []
    rows.append(stated("three_public", "“三公”经费财政拨款支出决算", "0.50"))
    (error,) = errors(RULE, disclosure([], rows, doc_kind="final_accounts", year=2024))
    assert error["actual"] == Decimal("0.50")


def test_a_source_stated_under_income_adds_up_to_its_parts_under_its_own_heading() -> None:
    rows = [stated("income", "一般公共预算", "1719.05", source="general_public_budget", change_amount="-35.22"),
            stated("general_public_budget", "一般公共预算拨款", "1719.05", source="general_public_budget"),
            stated("general_public_budget", "基本支出", "1599.05", measure="basic", change_amount="-5.22"),
            stated("general_public_budget", "项目支出", "120.00", measure="project", change_amount="-30.00")]
    assert findings(RULE, disclosure([], rows)) == []
    rows[0]["change_amount"] = Decimal("-45.22")
    (error,) = errors(RULE, disclosure([], rows))
    assert (error["expected"], error["actual"]) == (Decimal("-35.22"), Decimal("-45.22"))
