from decimal import Decimal

from assets.core.checks.table_total import RULE
from tests.validate.checks.build import disclosure, errors, fact, findings

T = "expenditure_summary"


def _table(total: str) -> list[dict]:
    return [
        fact(T, "总计", total, source="all"),
        fact(T, "一般公共服务支出", "1347.83", code="201", source="all"),
        fact(T, "政府办公厅（室）及相关机构事务", "1337.83", code="20103", source="all"),
        fact(T, "社会保障和就业支出", "411.22", code="208", source="all"),
    ]


def test_total_row_equals_its_classes() -> None:
    assert findings(RULE, disclosure(_table("1759.05"))) == []


def test_total_row_off_is_an_error() -> None:
    (error,) = errors(RULE, disclosure(_table("1760.05")))
    assert (error["check"], error["code_or_item"], error["difference"]) == ("table_total", "总计", Decimal("1.00"))


def test_uncoded_lines_beside_the_classes_are_added() -> None:
    facts = _table("1769.05") + [fact(T, "结转下年", "10.00", source="all")]
    assert findings(RULE, disclosure(facts)) == []


def test_tables_without_codes_are_not_checked_here() -> None:
    facts = [fact("three_public_expenditure", "合计", "99.00", source="all"),
             fact("three_public_expenditure", "公务接待费", "5.00", source="all")]
    assert findings(RULE, disclosure(facts)) == []
