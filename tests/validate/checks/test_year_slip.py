from assets.core.checks.year_slip import RULE
from tests.validate.checks.build import disclosure, findings, stated


def _doc(*sentences: str, doc_kind: str = "budget", year: int = 2026) -> object:
    return disclosure([], [stated("three_public", "x", sentence=s) for s in sentences], doc_kind=doc_kind, year=year)


def test_comparisons_naming_this_and_last_year_pass() -> None:
    doc = _doc("2026年预算数为77.50万元，比上年预算增加5.02万元，增长6.93%。",
               "2026年上年结转结余10.00万元。", "截至2024年底，车辆10辆。")
    assert findings(RULE, doc) == []


def test_a_wrong_year_in_a_comparison_is_reported() -> None:
    (slip,) = findings(RULE, _doc("因公出国（境）费增加0.00万元，增长0.00%，主要原因是2024年与2026年均未安排因公出国（境）费用；"))
    assert (slip["check"], slip["severity"], slip["code_or_item"]) == ("year_slip", "warning", "2024年")


def test_carryover_of_the_budget_year_first_half_is_reported() -> None:
    (slip,) = findings(RULE, _doc("克孜勒苏柯尔克孜自治州人民政府办公室2026年上半年结转结余10.00万元，包括：财政拨款10.00万元。"))
    assert slip["code_or_item"] == "2026年上半年结转结余"


def test_final_accounts_compare_with_the_year_before() -> None:
    final = {"doc_kind": "final_accounts", "year": 2024}
    assert findings(RULE, _doc("与2023年度相比，收入支出总计减少56.95万元，下降1.87%。", **final)) == []
    assert len(findings(RULE, _doc("与2022年度相比，收入减少56.95万元。", **final))) == 1


def test_a_final_account_reports_its_own_year_end() -> None:
    final = {"doc_kind": "final_accounts", "year": 2024}
    assert findings(RULE, _doc("截至2024年12月31日，共有车辆0辆。", **final)) == []
    (slip,) = findings(RULE, _doc("截至2023年12月31日，共有车辆0辆。", **final))
    assert (slip["code_or_item"], slip["pages"]) == ("截至2023年12月31日", "20")


def test_a_budget_reports_a_closed_year_end() -> None:
    assert findings(RULE, _doc("截至2025年12月31日，共有车辆2辆。", "截至2024年底，车辆10辆。")) == []
    (slip,) = findings(RULE, _doc("截至2026年12月31日，共有车辆2辆。"))
    assert slip["code_or_item"] == "截至2026年12月31日"
