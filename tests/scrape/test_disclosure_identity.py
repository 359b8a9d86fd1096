"""Which disclosure a document belongs to: department × year × kind from titles, link texts and
the document's first pages, cross-checked."""

from __future__ import annotations

import pytest

from assets.core.disclosure_identity import Evidence, fallback_key, from_title, resolve, same_department


@pytest.mark.parametrize(
    ("title", "department", "year", "kind", "scope"),
    [
        ("克孜勒苏柯尔克孜自治州人民政府办公室2026年部门预算公开", "克孜勒苏柯尔克孜自治州人民政府办公室", 2026, "budget", "department"),
        ("北京市信访办公室部门2026年度部门预算信息公开", "北京市信访办公室", 2026, "budget", "department"),
        ("上海市2026年市级单位预算（预算单位：上海水产老干部活动室）", "上海水产老干部活动室", 2026, "budget", "unit"),
        ("西安市人民政府办公厅（汇总）2026年部门预算公开说明", "西安市人民政府办公厅", 2026, "budget", "department"),
        ("2026年深圳市交通运输局（本级）部门预算", "深圳市交通运输局（本级）", 2026, "budget", "department"),
        ("2024年度中共上海市普陀区委社会工作部部门决算.pdf", "中共上海市普陀区委社会工作部", 2024, "final_accounts", "department"),
        ("天津市交通运输委员会_2018年部门预算公开目录_天津市财政局", "天津市交通运输委员会", 2018, "budget", "department"),
        ("重庆市财政局关于做好2027年市级部门预算编制工作的通知", None, None, None, None),
        ("2026年部门预算公开（第一批）", None, 2026, "budget", None),  # a hub: no department
        ("P020260302401122334455.pdf", None, None, None, None),
    ],
)
def test_titles(title: str, department: str | None, year: int | None, kind: str | None, scope: str | None) -> None:
    e = from_title(title, "page_title")
    assert (e.department, e.year, e.doc_kind, e.scope) == (department, year, kind, scope)


def test_document_is_trusted_and_disagreements_are_conflicts() -> None:
    document = Evidence("document", "…", "天津市交通运输委员会", 2019, "budget", "department")
    page = from_title("天津市交通运输委员会_2018年部门预算公开目录", "page_title")
    link = from_title("2019年天津市交通运输委员会部门预算.rar", "link_text")
    identity = resolve([page, link, document])
    assert (identity.department, identity.year, identity.chosen_from["year"]) == ("天津市交通运输委员会", 2019, "document")
    assert identity.conflicts == ["year: document says 2019, page_title says 2018"]
    assert identity.key.startswith("2019-budget-") and identity.identified
    # a page listing several departments' documents is no check on each of them
    assert resolve([page, document], compare={"document", "link_text"}).conflicts == []


def test_copies_without_a_year_take_it_from_the_page() -> None:
    pdf = resolve([Evidence("document", "", "某州人民政府办公室", 2026, "budget", "department")])
    xls = resolve(
        [Evidence("document", "", "某州人民政府办公室", None, None, None), from_title("某州人民政府办公室2026年部门预算公开表（Word、Excel版）", "page_title")]
    )
    assert xls.key == pdf.key and xls.conflicts == []


def test_department_names_and_fallback_keys() -> None:
    assert same_department("中共江苏省委办公厅", "中国共产党江苏省委员会办公厅")
    assert same_department("西安市人民政府办公厅（汇总）", "西安市人民政府办公厅")
    assert not same_department("重庆市气象局", "杭州市气象局")
    assert fallback_key("http://127.0.0.1:8000/a/t1.html") == fallback_key("http://127.0.0.1:9999/a/t1.html")
    assert fallback_key("http://h/a/t1.html") != fallback_key("http://h/a/t2.html")
