from assets.core.checks.placeholder import RULE
from tests.validate.checks.build import disclosure, fact, findings, stated


def test_no_placeholder_passes() -> None:
    doc = disclosure([fact("income_summary", "总计", "1.00", source="all")], [stated("income", "部门收入预算", "1.00")])
    assert findings(RULE, doc) == []


def test_placeholders_in_title_table_and_text_are_warnings() -> None:
    doc = disclosure([fact("income_summary", "XX项目", "1.00", source="all")],
                     [stated("other", "说明", sentence="本部门待填写。")], title="上海市普陀区XX局2024年度部门决算")
    found = findings(RULE, doc)
    assert [(f["check"], f["severity"], f["code_or_item"]) for f in found] == [
        ("placeholder", "warning", "XX"), ("placeholder", "warning", "XX"), ("placeholder", "warning", "待填写")]


def test_latin_words_are_not_placeholders() -> None:
    doc = disclosure([fact("income_summary", "XXL型设备购置", "1.00", source="all")])
    assert findings(RULE, doc) == []


def test_table_titles_are_looked_at() -> None:
    doc = disclosure([fact("income_summary", "总计", "1.00", source="all")])
    doc.titles = ["第二部分上海市普陀区XX局2024年度部门决算表收入支出决算总表"]
    (warning,) = findings(RULE, doc)
    assert "table title" in warning["message"]


def test_every_printed_line_is_looked_at_with_its_page() -> None:
    doc = disclosure([fact("income_summary", "总计", "1.00", source="all")])
    doc.page_texts = ["测试州人民政府办公室2026年部门预算", "第二部分 测试州人民政府办公室 2026 年部门预算表"]
    assert findings(RULE, doc) == []
    doc.page_texts = ["测试州人民政府办公室2026年部门预算", "第二部分 测试州XX局 2026 年部门预算表"]
    (warning,) = findings(RULE, doc)
    assert (warning["code_or_item"], warning["pages"]) == ("XX", "2")
