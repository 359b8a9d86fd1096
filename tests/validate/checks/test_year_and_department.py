from assets.core.checks.year_consistency import DEPARTMENT_RULE, YEAR_RULE
from tests.validate.checks.build import disclosure, findings, stated


def test_title_and_headings_name_the_year() -> None:
    doc = disclosure([], [stated("other", "x", sentence="第二部分 2026年部门预算公开表")])
    assert findings(YEAR_RULE, doc) == []
    doc = disclosure([], [stated("other", "x", sentence="第二部分 2025年部门预算公开表")])
    (warning,) = findings(YEAR_RULE, doc)
    assert (warning["check"], warning["severity"]) == ("year_consistency", "error")


def test_a_wrong_year_in_the_title_is_reported() -> None:
    assert len(findings(YEAR_RULE, disclosure([], title="测试州人民政府办公室2025年部门预算"))) == 1


def test_tables_name_the_department() -> None:
    ok = disclosure([], [stated("other", "x", sentence="编制部门：测试州人民政府办公室 单位：万元")])
    assert findings(DEPARTMENT_RULE, ok) == []
    other = disclosure([], [stated("other", "x", sentence="编制部门：测试州财政局")])
    (warning,) = findings(DEPARTMENT_RULE, other)
    assert warning["code_or_item"] == "测试州财政局"


def test_table_titles_name_the_year() -> None:
    doc = disclosure([])
    doc.titles = ["2026年部门收支总体情况表"]
    assert findings(YEAR_RULE, doc) == []
    doc.titles = ["2026年部门收支总体情况表", "第二部分 某局 2025 年度部门预算表"]
    (error,) = findings(YEAR_RULE, doc)
    assert error["code_or_item"].startswith("2025年度部门预算")
