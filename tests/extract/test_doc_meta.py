"""Disclosure metadata is read from the document's own text, in each family's wording."""

from __future__ import annotations

import pytest

from assets.core.doc_meta import department_key, read_meta, region_of, table_family


@pytest.mark.parametrize(
    ("pages", "department", "year", "kind", "scope", "region"),
    [
        # department before the year, 年度 and 决算
        (["测试市财政局\n2024 年度部门决算\n二〇二五年七月"], "测试市财政局", 2024, "final_accounts", "department", "测试市"),
        # year first, department wrapped over two lines, （本级）
        (["2026 年测试市交通运输局（本级）部\n门预算"], "测试市交通运输局（本级）", 2026, "budget", "department", "测试市"),
        # a 级 word: the text before the year is the region, the department is labelled
        (["测试市普陀区2025年区级部门预算\n预算主管部门：测试市普陀区商务委员会"], "测试市普陀区商务委员会", 2025, "budget", "department", "测试市普陀区"),
        (["测试市2026年市级单位预算\n预算单位：测试职业技术学院"], "测试职业技术学院", 2026, "budget", "unit", "测试市"),
        # 单位预算 in a year-first title; page number and stray dot before the title
        (["- 1 -\n2026 年度\n测试市水务局\n单位预算公开"], "测试市水务局", 2026, "budget", "unit", "测试市"),
        # 部门综合预算 (Xi'an) and a year without 年
        (["测试市民政局 2021 年部门综合预算\n目 录\n第一部分 部门概况"], "测试市民政局", 2021, "budget", "department", "测试市"),
        (["测试市国有资产监督管理委员会\n2026 部门预算情况的说明"], "测试市国有资产监督管理委员会", 2026, "budget", "department", "测试市"),
        # "X部门 2026年度部门预算"
        (["测试市信访办公室部门 2026 年度部门预算\n信息公开"], "测试市信访办公室", 2026, "budget", "department", "测试市"),
    ],
)
def test_cover_titles(pages: list[str], department: str, year: int, kind: str, scope: str, region: str) -> None:
    meta = read_meta(pages)
    assert (meta.department, meta.year, meta.doc_kind, meta.scope, meta.region) == (department, year, kind, scope, region)
    assert meta.unit == (department if scope == "unit" else None)


def test_table_lines_name_the_department_formally_and_win_over_the_cover() -> None:
    pages = ["测试省委办公厅2018年度部门预算公开", "收支预算总表\n部门：中共测试省委办公厅 单位：万元"]
    meta = read_meta(pages, table_titles=["收支预算总表"], table_departments=["中共测试省委办公厅"])
    assert meta.department == "中共测试省委办公厅" and meta.evidence["department"] == "table 编制部门 lines"


def test_a_tables_attachment_without_cover_reads_its_name_and_year_from_the_tables() -> None:
    pages = [
        "预算01表 收支总表\n金额单位：万元\n收 入 支 出",
        "预算13表 部门整体支出绩效目标表\n2026（年度）\n部门名称 测试市工程建设管理办公室",
    ]
    meta = read_meta(pages, table_titles=["预算01表收支总表"])
    assert (meta.department, meta.year, meta.doc_kind) == ("测试市工程建设管理办公室", 2026, "budget")


def test_year_from_a_table_title_when_nothing_else_names_it() -> None:
    pages = ["公开表一\n部门： 单位：万元", "公开表十二\n2019年政府采购预算表\n部门：测试省人大常委会办公厅"]
    meta = read_meta(pages)
    assert (meta.department, meta.year) == ("测试省人大常委会办公厅", 2019)


def test_narrative_sentences_do_not_name_the_department() -> None:
    pages = ["测试省委办公厅 2017 年度部门预算", "主要包括所属单位：东郊宾馆、西郊宾馆。"]
    assert read_meta(pages).department == "测试省委办公厅"


def test_final_accounts_from_table_titles_without_cover() -> None:
    meta = read_meta(["收入支出决算总表"], table_titles=["收入支出决算总表", "收入决算表", "支出决算表"])
    assert meta.doc_kind == "final_accounts" and meta.year is None and not meta.is_identified


def test_publication_dates_do_not_decide_the_year() -> None:
    pages = ["本报告于2027年3月发布", "2026年度预算安排如下，比2025年增加"]
    assert read_meta(pages).year == 2026


def test_one_disclosure_id_for_the_ways_a_party_department_is_named() -> None:
    names = ["中国共产党测试省委员会办公厅", "中共测试省委办公厅", "测试省委办公厅"]
    assert {department_key(n) for n in names} == {"测试省委办公厅"}
    ids = {read_meta([f"{n}2018年度部门预算"]).disclosure_id for n in names}
    assert len(ids) == 1
    # … but a city's 委员会 keeps its name, and kind, year and scope all separate disclosures.
    assert department_key("测试市卫生健康委员会") == "测试市卫生健康委员会"
    base = read_meta(["测试市水务局2026年部门预算"]).disclosure_id
    assert base != read_meta(["测试市水务局2025年部门预算"]).disclosure_id
    assert base != read_meta(["测试市水务局2026年部门决算"]).disclosure_id
    assert base != read_meta(["测试市水务局2026年单位预算"]).disclosure_id


def test_regions() -> None:
    assert region_of("克孜勒苏柯尔克孜自治州人民政府办公室") == "克孜勒苏柯尔克孜自治州"
    assert region_of("北京城市副中心工程建设管理办公室") == "北京市"
    assert region_of("中共测试省委办公厅") == "测试省"


@pytest.mark.parametrize(
    ("titles", "kind", "family"),
    [
        (["表一部门收支总体情况表", "表二部门收入总体情况表"], "budget", "总体情况表"),
        (["2026年部门财务收支预算总表"], "budget", "沪财务收支预算总表"),
        (["收支预算总表"], "budget", "收支预算总表"),
        (["预算01表收支总表"], "budget", "收支总表"),
        (["部门综合预算收支总表"], "budget", "陕综合预算"),
        (["收入支出决算总表"], "final_accounts", "决算"),
        (["财政拨款收支总表"], "budget", None),
    ],
)
def test_template_family_from_titles(titles: list[str], kind: str, family: str | None) -> None:
    assert table_family(titles, kind) == family


def test_years_in_table_rows_do_not_beat_the_title_note() -> None:
    # a tables attachment's performance table mentions other years in short rows
    pages = ["预算01表 收支总表\n金额单位：万元", "2025年度预算执行评价 定性 良\n2025年预算项目 ≥ 95 %", "预算13表 部门整体支出绩效目标表\n（2026年度）"]
    assert read_meta(pages, table_titles=["预算01表收支总表"]).year == 2026


def test_year_of_a_table_title_printed_with_its_department_line() -> None:
    pages = ["公开表一\n部门： 单位：万元", "2017年政府采购预算表部门：中国共产党测试省委员会办公厅单位：万元"]
    meta = read_meta(pages)
    assert (meta.year, meta.department) == (2017, "中国共产党测试省委员会办公厅")


def test_a_year_split_off_the_cover_title_is_put_back() -> None:
    # digits in another font on their own baseline come out as a line after the title
    meta = read_meta(["测试市气象局年部门预算情况说明\n2026\n一单位基本情况\n、"])
    assert (meta.department, meta.year, meta.title) == ("测试市气象局", 2026, "测试市气象局2026年部门预算")
