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


def test_headings_of_the_page_texts_name_the_year_with_their_page() -> None:
    doc = disclosure([])
    doc.page_texts = ["2026年部门预算", "第三部分 测试州人民政府办公室 2026年部门预算情况说明\n与2025年部门预算相比，"]
    assert findings(YEAR_RULE, doc) == []
    doc.page_texts = ["2026年部门预算", "第三部分 测试州人民政府办公室 2025年部门预算情况说明"]
    (error,) = findings(YEAR_RULE, doc)
    assert (error["severity"], error["pages"], error["code_or_item"]) == ("error", "2", "2025年部门预算")


def test_a_wrapped_narrative_line_naming_another_year_is_not_a_heading() -> None:
    doc = disclosure([])
    doc.page_texts = ["", "纳入测试州人民政府办公室2025年度部门决算编制范围的单位包括："]
    assert findings(YEAR_RULE, doc) == []


def test_headings_name_the_department_or_abbreviate_it() -> None:
    doc = disclosure([], department="江苏省人民检察院")
    doc.page_texts = ["第二部分省检察院 2026 年度部门预算表\n上海市2026年市级单位预算\n2026年部门预算"]
    assert findings(DEPARTMENT_RULE, doc) == []
    doc.page_texts = ["", "", "第二部分江苏省XX院 2026 年度部门预算表"]
    (warning,) = findings(DEPARTMENT_RULE, doc)
    assert (warning["severity"], warning["pages"], warning["code_or_item"]) == ("warning", "3", "江苏省XX院")
