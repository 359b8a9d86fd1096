"""Narrative sentences → statements, on sentences in the shapes the disclosures print."""

from __future__ import annotations

from decimal import Decimal

from assets.core.narrative_facts import narrative_facts, read_sentence
from assets.core.narrative_text import build_narrative

DEPARTMENT = "某市某局"


def one(sentence: str):
    statements = read_sentence(sentence, DEPARTMENT)
    assert len(statements) == 1, statements
    return statements[0]


def test_amount_share_change_and_reason() -> None:
    s = one("一般公共预算1,719.05万元，占97.73%，比上年预算减少35.22万元，下降2.01%，主要原因是经费减少。")
    assert (s.fact_type, s.subject, s.amount, s.unit, s.share) == ("amount", "一般公共预算", Decimal("1719.05"), "万元", Decimal("97.73"))
    assert (s.direction, s.comparison, s.change, s.change_percent) == ("decrease", "上年预算", Decimal("-35.22"), Decimal("-2.01"))
    assert s.reason == "经费减少"


def test_subject_before_a_colon_and_a_generic_amount_phrase() -> None:
    s = one("1、一般公共服务支出（类）行政运行（项）：2026年预算数为1,085.07万元，比上年预算增加5.02万元，增长6.93%。")
    assert s.subject == "一般公共服务支出（类）行政运行（项）" and s.amount == Decimal("1085.07")
    assert (s.change, s.change_percent) == (Decimal("5.02"), Decimal("6.93"))


def test_department_and_year_are_not_part_of_the_subject() -> None:
    s = one("某市某局2026年财政拨款“三公”经费数为83.00万元。")
    assert s.subject == "财政拨款“三公”经费"


def test_change_without_amount_compared_with_a_named_year() -> None:
    statements = read_sentence("“三公”经费预算较2025年决算增加3.5万元，增长12.5%，其中：公务接待费减少1.00万元，下降10.00%", DEPARTMENT)
    assert [(s.fact_type, s.subject, s.change, s.comparison) for s in statements] == [
        ("change", "“三公”经费预算", Decimal("3.5"), "2025年决算"),
        ("change", "公务接待费", Decimal("-1.00"), "2025年决算"),
    ]


def test_change_in_yuan_of_an_amount_in_wan_yuan_is_converted_exactly() -> None:
    s = one("基本支出120.5万元，比上年增加3000元。")
    assert (s.unit, s.change) == ("万元", Decimal("0.3"))


def test_unchanged_and_printed_prior_year() -> None:
    assert one("机关运行经费50.00万元，与上年预算持平。").direction == "unchanged"
    s = one("项目支出80.00万元，上年预算数为100.00万元。")
    assert s.prior == Decimal("100.00") and s.extras["prior_printed"]


def test_comparison_base_printed_with_its_amount_before_the_change() -> None:
    s = one("2026年度收入预算9626.78万元，比2025年年初预算数9819.98万元减少193.20万元，下降1.97%。")
    assert (s.subject, s.amount, s.prior, s.extras["prior_printed"]) == ("收入预算", Decimal("9626.78"), Decimal("9819.98"), True)
    assert (s.direction, s.comparison, s.change, s.change_percent) == ("decrease", "2025年年初预算数", Decimal("-193.20"), Decimal("-1.97"))
    s = one("项目支出80.00万元，较上年预算数100.00万元减少20.00万元。")
    assert (s.prior, s.change, s.comparison) == (Decimal("100.00"), Decimal("-20.00"), "上年预算数")


def test_counts_values_thresholds_and_things_after_the_number() -> None:
    statements = read_sentence("车辆10辆，价值416.64万元；其中：一般公务用车2辆，价值30.00万元", DEPARTMENT)
    assert [(s.fact_type, s.subject, s.amount, s.unit) for s in statements] == [
        ("count", "车辆", Decimal("10"), "辆"),
        ("amount", "车辆", Decimal("416.64"), "万元"),
        ("count", "一般公务用车", Decimal("2"), "辆"),
        ("amount", "一般公务用车", Decimal("30.00"), "万元"),
    ]
    s = one("单位价值100万元以上大型设备0台。")
    assert (s.subject, s.amount, s.unit) == ("单位价值100万元以上大型设备", Decimal("0"), "台")
    s = read_sentence("本部门无下属预算单位，下设12个科室，分别是：办公室、财务科。", DEPARTMENT)
    assert [(x.subject, x.amount) for x in s] == [("下属预算单位", Decimal("0")), ("科室", Decimal("12"))]


def test_staffing_with_and_without_units() -> None:
    statements = read_sentence("编制数59，实有人数97人，其中：在职57人，减少6人", DEPARTMENT)
    assert [(s.subject, s.amount, s.unit, s.change) for s in statements] == [
        ("编制数", Decimal("59"), None, None),
        ("实有人数", Decimal("97"), "人", None),
        ("在职", Decimal("57"), "人", Decimal("-6")),
    ]


def test_numbers_inside_a_reason_are_not_facts() -> None:
    s = one("公用经费20.00万元，比上年减少2.00万元，下降9.09%，主要原因是本年减少3辆公务用车。")
    assert s.reason == "本年减少3辆公务用车"


def test_not_arranged() -> None:
    s = one("政府性基金预算未安排。")
    assert (s.fact_type, s.subject, s.amount) == ("not_arranged", "政府性基金预算", None)


def _page(page: int, *lines: str) -> dict:
    """A text page: full-width lines at the left margin, a short last line ends the paragraph."""
    out, top = [], 100.0
    for text in lines:
        width = 12.0 * len(text)
        out.append([text, 72.0, top, 72.0 + width, top + 12.0])
        top += 20
    return {"page": page, "lines": out}


def test_rows_carry_topic_offsets_and_derived_prior_across_pages() -> None:
    pages = [
        _page(1, "二、收入预算情况说明", "一般公共预算100.00万元，占80.00%，比上年预算增", "- 1 -"),
        _page(2, "加10.00万元，增长11.11%，主要原因是人员增加。", "十、“三公”经费预算情况说明", "“三公”经费5.00万元。"),
        _page(3, "“三公”经费预算比上年减少1.00万元，下降16.67%。"),
    ]
    rows = narrative_facts(pages, {"disclosure_id": "d", "source_sha256": "s", "pipeline_version": "v"})

    first = rows[0]
    assert (first["topic"], first["source"], first["amount"], first["change_amount"]) == (
        "income", "general_public_budget", Decimal("100.00"), Decimal("10.00"),
    )
    assert (first["prior_year_amount"], first["prior_year_source"]) == (Decimal("90.00"), "derived")
    assert first["page"] == 1 and first["char_start"] == len(pages[0]["lines"][0][0]) + 1
    page_1 = "\n".join(line[0] for line in pages[0]["lines"])
    page_2 = "\n".join(line[0] for line in pages[1]["lines"])
    spanned = (page_1 + "\n" + page_2)[first["char_start"] : first["char_end"]]
    assert spanned.startswith("一般公共预算100.00万元") and spanned.endswith("增长11.11%")
    change = rows[-1]
    assert (change["topic"], change["fact_type"], change["change_amount"]) == ("three_public", "change", Decimal("-1.00"))
    assert change["prior_year_amount"] == Decimal("6.00")  # from the 5.00 stated before
    assert [r["fact_seq"] for r in rows] == list(range(1, len(rows) + 1))


def test_the_department_name_is_dropped_even_when_the_metadata_does_not_know_it() -> None:
    (s,) = read_sentence("国家信访局2026年收支总预算50,616.94万元。", None)
    assert (s.subject, s.amount) == ("收支总预算", Decimal("50616.94"))
    (s,) = read_sentence("某自治州人民政府办公室编制数59。", None)
    assert (s.subject, s.amount, s.unit) == ("编制数", Decimal("59"), None)


def test_a_generic_amount_takes_the_short_heading_above_it() -> None:
    pages = [_page(1, "十、“三公”经费预算情况说明", "1.因公出国（境）经费", "2026年预算安排0.00万元，与上年持平。")]
    (row,) = narrative_facts(pages, {"disclosure_id": "d", "source_sha256": "s", "pipeline_version": "v"})
    assert (row["subject"], row["item"], row["topic"], row["change_direction"]) == (
        "因公出国（境）经费", "因公出国（境）经费", "three_public", "unchanged",
    )


def test_a_line_wrapped_short_of_the_margin_before_a_share_goes_on() -> None:
    """The writer wraps early when the percentage does not fit: “…445.69万元，占” / “15.16%；”."""
    lines = [
        ("一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出", 96.0, 519.0),
        ("（类）2106.66万元，占71.73%；社会保障和就业支出（类）326.72万元，占11.11%；", 72.0, 518.0),
        ("卫生健康支出（类）60.99万元，占2.07%；住房保障支出（类）445.69万元，占", 72.0, 487.0),
        ("15.16%；", 72.0, 121.0),
        ("（三）一般公共预算财政拨款支出决算具体情况", 96.0, 348.0),
    ]
    page = {"page": 1, "lines": [[text, x0, 600.0 + 14 * i, x1, 613.0 + 14 * i] for i, (text, x0, x1) in enumerate(lines)]}
    rows = narrative_facts([page], {"disclosure_id": "d", "source_sha256": "s", "pipeline_version": "v"})
    housing = next(r for r in rows if r["subject"] == "住房保障支出（类）")
    assert (housing["amount"], housing["share_percent"]) == (Decimal("445.69"), Decimal("15.16"))
    assert not any(r["text"].startswith("（三）") for r in rows)


def test_a_short_line_that_ends_its_sentence_still_ends_the_paragraph() -> None:
    lines = [
        ("本年收入合计125.00万元，其中：一般公共预算100.00万元，占80.00%，比上年增加", 72.0, 500.0),
        ("5.00万元。", 72.0, 130.0),
        ("20.00万元为其他收入。", 72.0, 200.0),
    ]
    page = {"page": 1, "lines": [[text, x0, 600.0 + 14 * i, x1, 613.0 + 14 * i] for i, (text, x0, x1) in enumerate(lines)]}
    paragraphs = build_narrative([page]).paragraphs
    assert [p.text for p in paragraphs] == ["本年收入合计125.00万元，其中：一般公共预算100.00万元，占80.00%，比上年增加5.00万元。", "20.00万元为其他收入。"]


CONTEXT = {"disclosure_id": "d", "source_sha256": "s", "pipeline_version": "v"}


def test_comparison_words_before_a_change_are_not_its_subject() -> None:
    s = one("2026年财政拨款“三公”经费预算1281.82万元，比2025年财政拨款“三公”经费年初预算增加157.79万元，增长14.04%。")
    assert (s.subject, s.amount, s.change, s.change_percent, s.comparison) == (
        "财政拨款“三公”经费预算", Decimal("1281.82"), Decimal("157.79"), Decimal("14.04"), "2025年年初预算",
    )
    s = one("一般公共预算收入预算21,940.96万元，与上年相比增加3,959.28万元，增长22%。")
    assert (s.subject, s.change, s.comparison) == ("一般公共预算收入预算", Decimal("3959.28"), "上年")
    amount, change = read_sentence("收入、支出预算总计9,146.79万元，与上年相比收、支预算总计各增加498.72万元，增长5.77%。", DEPARTMENT)
    assert (change.subject, change.change, change.comparison) == ("收、支预算", Decimal("498.72"), "上年")


def test_unchanged_with_a_zero_and_counts_after_yu() -> None:
    s = one("公务车用车运行费0万元，与2024年预算一致0万元，主要原因是本部门无公务用车。")
    assert (s.subject, s.amount, s.direction, s.change) == ("公务车用车运行费", Decimal("0"), "unchanged", Decimal("0"))
    s = one("确保设备稳定运行，与31个省级信访数据中心和新疆生产建设兵团信访数据中心保持互联互通。")
    assert (s.subject, s.amount) == ("省级信访数据中心", Decimal("31"))


def test_a_change_in_the_sentence_after_its_amount_takes_the_amount_s_subject() -> None:
    pages = [_page(1, "五、一般公共预算当年拨款情况", "（1）科学技术支出（类）科技成果转化与扩散（项）28.00万元，主要用于模型项目。比上年执行数减少113.53万元，下降80.2%。")]
    amount, change = narrative_facts(pages, CONTEXT)
    assert (change["subject"], change["fact_type"], change["change_amount"], change["comparison"]) == (
        amount["subject"], "change", Decimal("-113.53"), "上年执行数",
    )
    assert (change["prior_year_amount"], change["prior_year_source"]) == (Decimal("141.53"), "derived")


def test_a_change_or_share_whose_subject_cannot_be_read_is_dropped() -> None:
    pages = [_page(1, "十、一般公共预算机关运行经费支出预算表情况说明", "机关运行经费9193.40万元，比2016年增加5503.07万元。按与上年统计口径一致相比，比上年减少161.96万元，下降4.39%。")]
    rows = narrative_facts(pages, CONTEXT)
    assert [(r["subject"], r["change_amount"]) for r in rows] == [("机关运行经费", Decimal("5503.07"))]
    assert all(r["subject"] for r in rows)


def test_a_numbered_heading_run_into_its_paragraph_names_the_generic_amount_after_it() -> None:
    pages = [_page(1, "十、“三公”经费预算情况说明", "（一）因公出国（境）费用。2026年预算数128.25万元，主要用于出国（境）学习。")]
    (row,) = narrative_facts(pages, CONTEXT)
    assert (row["subject"], row["item"], row["amount"], row["topic"]) == ("因公出国（境）费用", "因公出国（境）费", Decimal("128.25"), "three_public")


def test_list_and_possession_words_and_a_bracket_closed_from_before_are_not_the_subject() -> None:
    statements = read_sentence("2026年预算数1143.04万元，包括公务用车购置费预算491.28万元、公务用车运行维护费预算651.76万元。", DEPARTMENT)
    assert [s.subject for s in statements][1:] == ["公务用车购置费预算", "公务用车运行维护费预算"]
    assert [s.subject for s in read_sentence("截至2025年底，某市某局共有车辆408台。", DEPARTMENT)] == ["车辆"]
    statements = read_sentence("收费标准：居民1.36元/吨（京发改〔2014〕865号）和非居民3.00元/吨。", DEPARTMENT)
    assert [(s.subject, s.unit) for s in statements] == [("居民", "元/吨"), ("非居民", "元/吨")]


def test_a_purpose_ends_before_a_clause_that_states_an_amount_a_share_or_a_change() -> None:
    total, first = read_sentence("一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出（类）2106.66万元，占71.73%；", DEPARTMENT)
    assert (total.subject, total.purpose) == ("一般公共预算财政拨款支出", None)
    assert (first.subject, first.amount, first.share) == ("一般公共服务支出（类）", Decimal("2106.66"), Decimal("71.73"))
    s = one("2.教育（类）支出180.03万元，主要用于教育培训支出，比2023年度决算数增加47.92万元，增长36.27%，主要原因是培训任务增加。")
    assert (s.purpose, s.change, s.change_percent, s.comparison, s.reason) == (
        "教育培训支出", Decimal("47.92"), Decimal("36.27"), "2023年度决算数", "培训任务增加",
    )
    s = one("“一般公共服务支出”科目12,789万元，主要用于人员经费、公用经费等基本支出，国库集中收付银行代理银行费等项目支出。")
    assert s.purpose == "人员经费、公用经费等基本支出，国库集中收付银行代理银行费等项目支出"


def test_an_item_heading_and_a_purpose_before_the_amounts_of_its_paragraph() -> None:
    lines = [
        ("5、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休", 90.0, 480.0),
        ("（项）。主要用于：退休人员经费支出。年初预算为85.55万元，支出决算为84.65万元。决算数小于预", 90.0, 520.0),
        ("算数的主要原因：预算按充分保障预估。", 90.0, 300.0),
    ]
    page = {"page": 1, "lines": [[text, x0, 600.0 + 14 * i, x1, 613.0 + 14 * i] for i, (text, x0, x1) in enumerate(lines)]}
    budget, actual = narrative_facts([page], CONTEXT)
    item = "社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）"
    assert (budget["subject"], budget["amount"], budget["purpose"]) == ("年初预算", Decimal("85.55"), "退休人员经费支出")
    assert (actual["subject"], actual["amount"], actual["item"], actual["item_level"]) == (item + "支出决算", Decimal("84.65"), "行政单位离退休", 3)


def test_a_prior_year_amount_in_brackets_after_a_comparison() -> None:
    s = one("2017年度部门支出预算安排与2016年度相比（2016年度部门支出预算安排为8,648.07万元），增加498.72万元，增长5.77%。")
    assert (s.fact_type, s.subject, s.amount, s.prior, s.extras["prior_printed"]) == ("change", "部门支出预算安排", None, Decimal("8648.07"), True)
    assert (s.change, s.change_percent, s.comparison) == (Decimal("498.72"), Decimal("5.77"), "2016年度")
    s = one("委托业务费财政拨款预算为332.14万元，比上年预算（上年290万元）增加42.14万元，增长14.53%。")
    assert (s.subject, s.amount, s.prior, s.change, s.comparison) == ("委托业务费财政拨款预算", Decimal("332.14"), Decimal("290"), Decimal("42.14"), "上年预算")
    s = one("公务用车购置支出421.30万元，比上年预算数增加421.30万元（上年预算数为0万元，无法计算增减比率）。")
    assert (s.amount, s.change, s.prior) == (Decimal("421.30"), Decimal("421.30"), Decimal("0"))
    statements = read_sentence("项目支出80.00万元（2025年结转10.00万元）。", DEPARTMENT)  # brackets after no comparison
    assert statements[0].amount == Decimal("80.00") and all(s.prior is None for s in statements)


def test_a_printed_prior_is_not_replaced_by_a_derived_one() -> None:
    pages = [_page(1, "一、收支预算总体情况", "部门支出预算安排8,000.00万元。", "部门支出预算安排与2016年度相比（2016年度部门支出预算安排为8,648.07万元），增加498.72万元，增长5.77%。")]
    change = narrative_facts(pages, CONTEXT)[-1]
    assert (change["subject"], change["prior_year_amount"], change["prior_year_source"]) == ("部门支出预算安排", Decimal("8648.07"), "printed")


def test_running_heads_and_dashed_page_numbers_do_not_cut_a_paragraph_at_a_page_break() -> None:
    def page(number: int, *body: str) -> dict:
        lines = [["某市某局2026年度单位预算公开", 41.0, 10.0, 190.0, 19.0]]
        lines += [[text, 63.0, 80.0 + 30 * i, 63.0 + 13.0 * len(text) if i < len(body) - 1 else 529.0, 96.0 + 30 * i] for i, text in enumerate(body)]
        return {"page": number, "lines": [*lines, [f"─ {number} ─", 284.0, 817.0, 311.0, 826.0]]}

    pages = [
        page(1, "一、收支预算总体情况", "本部门2026年度收入预算合计1,000.00万元，支出预算合计1,000.00万元，收支平衡，"),
        page(2, "其中一般公共预算财政拨款基本支出预算", "八、一般公共预算基本支出预算情况说明", "本部门2026年度一般公共预算财政拨款基本支出预算"),
        page(3, "2,147.85万元，其中：人员经费1,941.88万元。", "九、其他"),
    ]
    rows = narrative_facts(pages, CONTEXT)
    basic = next(r for r in rows if r["amount"] == Decimal("2147.85"))
    assert basic["subject"] == "一般公共预算财政拨款基本支出预算" and basic["page"] == 2


def test_a_long_line_that_stops_mid_sentence_goes_on_although_its_right_edge_is_ragged() -> None:
    lines = [
        ("按照全面实施预算绩效管理的要求，结合本部门职能和重点工作，开展了绩效目标编制。", 106.8, 565.2),
        ("截止2025年12月31日，固定资产账上共有机动车3辆。本单位固", 90.8, 524.5),
        ("定资产总量为4295.98万元，房屋和构筑物3773.63万元，占固定资", 59.6, 516.6),
        ("产总额的87.84%。", 59.6, 225.1),
    ]
    page = {"page": 1, "lines": [[text, x0, 100.0 + 29 * i, x1, 116.0 + 29 * i] for i, (text, x0, x1) in enumerate(lines)]}
    rows = narrative_facts([page], CONTEXT)
    assert [(r["subject"], r["amount"], r["share_percent"]) for r in rows if r["unit"] == "万元"] == [
        ("固定资产总量", Decimal("4295.98"), None),
        ("房屋和构筑物", Decimal("3773.63"), Decimal("87.84")),
    ]


def test_a_budget_amount_of_final_accounts_and_a_section_title_do_not_name_a_generic_amount() -> None:
    pages = [_page(1, "（三）一般公共预算财政拨款支出决算具体情况说明", "1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。预算为52.00万元，支出决算为51.32万元。")]
    budget, actual = narrative_facts(pages, CONTEXT)
    assert (budget["subject"], budget["item_level"]) == ("预算", None)
    assert (actual["subject"], actual["item"]) == ("一般公共服务支出（类）社会工作事务（款）行政运行（项）支出决算", "行政运行")
    pages = [_page(1, "关于一般公共预算支出表的说明", "2026年预算数3,623.98为万元，比2025年执行减少21,519.26万元，减少85.59%。")]
    assert narrative_facts(pages, CONTEXT) == []


def test_an_amount_right_after_a_count_is_the_value_of_what_was_counted() -> None:
    statements = read_sentence("2026年计划购置车辆2辆、57万元；在建工程1项12277.73万元。", DEPARTMENT)
    assert [(s.fact_type, s.subject, s.amount) for s in statements] == [
        ("count", "计划购置车辆", Decimal("2")),
        ("amount", "计划购置车辆", Decimal("57")),
        ("count", "在建工程", Decimal("1")),
        ("amount", "在建工程", Decimal("12277.73")),
    ]


def test_a_basis_word_after_the_comparison_is_not_the_subject_of_the_change() -> None:
    s = one("2026年公务接待费为0.86万元，和2025年相比预算减低0.27万元，主要原因是过紧日子。")
    assert (s.subject, s.amount, s.change, s.direction) == ("公务接待费", Decimal("0.86"), Decimal("-0.27"), "decrease")
