from assets.core.checks.text_budget_execution import RULE
from tests.validate.checks.build import disclosure, evaluated, findings


def _doc(*pages: str) -> object:
    doc = disclosure([], doc_kind="final_accounts", year=2024)
    doc.page_texts = list(pages)
    return doc


def test_the_comparison_word_agrees_with_the_amounts() -> None:
    doc = _doc("1、行政运行（项）。年初预算为 1560.05 万元，支出决算为 1511.89 万元。决算\n数小于预算数的主要原因：人员变化。",
               "年初预算为10.00万元，支出决算为10.00万元。决算数与预算数基本持平。"
               "年初预算为135.90万元，支出决算为135.25万元。决算数与预算数基本持平。")
    assert findings(RULE, doc) == []
    assert evaluated(RULE, doc) == 3


def test_a_wrong_comparison_word_is_an_error_on_its_page() -> None:
    doc = _doc("第三部分 情况说明", "年初预算为 1560.05 万元，支出决算为 1511.89 万元。 决算\n数大于预算数的主要原因：人员变化。",
               "年初预算为62.29万元，支出决算为60.99万元。决算数等于预算数的主要原因：预算按周全保障测算。")
    found = findings(RULE, doc)
    assert [(f["severity"], f["pages"], f["code_or_item"]) for f in found] == [
        ("error", "2", "决算数大于预算数"), ("error", "3", "决算数等于预算数")]


def test_nothing_is_evaluated_without_page_texts() -> None:
    assert evaluated(RULE, _doc()) == 0
