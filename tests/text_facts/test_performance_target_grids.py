"""The layouts of 绩效目标表 the reader handles, on small hand-made grids."""

from __future__ import annotations

from decimal import Decimal

from assets.core.performance_targets import TitleLine, performance_targets
from tests.text_facts.grids import make_grid, unrecognized

CONTEXT = {"disclosure_id": "d", "source_sha256": "s", "pipeline_version": "v"}
HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据", "上年完成值", "指标分值权重", "指标赋分规则", "佐证资料"]


def test_header_block_then_indicators_across_a_page_break() -> None:
    header_block = make_grid(
        [
            ["预算单位", "某局", "<", "<"],
            ["项目名称", "宣传项目", "项目负责人", "张三"],
        ],
        page=3,
        top=600,
    )
    body = make_grid(
        [
            ["项目资金(万元)", "<", "年度预算总额", "50.00", "其中：财政拨款", "40.00", "其他资金", "10.00", "<"],
            HEADER,
            ["产出指标", "数量指标", "宣传次数(次)", "> =12 次", "计划标准", "10 次", "10", "按比例", "工作资料"],
            ["^", "^", "覆盖人数(人)", "≥ 1 000 人", "计划标准", "新增", "10", "按比例", "工作资料"],
            ["^", "质量指标", "完成率(%)", "=100", "计划标准", "100%", "10", "按比例", "工作资料"],
        ],
        page=4,
        top=70,
    )
    continuation = make_grid(
        [
            ["", "", "按时完成率(%)", "100%", "计划标准", "100%", "5", "按比例", "工作资料"],
            ["效益指标", "社会效益指标", "群众认可", "有效提升", "计划标准", "有效提升", "20", "按评判等级", "说明材料"],
        ],
        page=5,
        top=70,
    )
    rows = performance_targets([unrecognized(header_block), unrecognized(body, continuation)], CONTEXT)

    assert [r["row_seq"] for r in rows] == [1, 2, 3, 4, 5]
    assert {(r["table_seq"], r["scope"], r["project"]) for r in rows} == {(1, "project", "宣传项目")}
    assert (rows[0]["budget_total"], rows[0]["budget_fiscal"], rows[0]["budget_other"]) == (
        Decimal("50.00"), Decimal("40.00"), Decimal("10.00"),
    )
    assert [(r["operator"], r["target_value"], r["target_unit"]) for r in rows] == [
        (">=", Decimal("12"), "次"),
        (">=", Decimal("1000"), "人"),
        ("=", Decimal("100"), "%"),  # unit from the indicator's (%)
        ("=", Decimal("100"), "%"),
        (None, None, None),
    ]
    assert rows[3]["operator_implied"] is True and rows[0]["operator_implied"] is False
    # The merged 一级指标 of page 4 is carried onto page 5.
    assert [(r["indicator_l1"], r["indicator_l2"]) for r in rows] == [
        ("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "质量指标"),
        ("产出指标", "质量指标"), ("效益指标", "社会效益指标"),
    ]
    assert rows[0]["weight"] == Decimal("10") and rows[0]["prior_year_text"] == "10 次"
    assert (rows[0]["basis"], rows[0]["scoring_rule"], rows[0]["evidence"]) == ("计划标准", "按比例", "工作资料")
    assert rows[4]["target_text"] == "有效提升" and rows[4]["page"] == 5


def test_a_title_between_grids_starts_the_next_table_and_names_its_scope() -> None:
    first = make_grid([["部门名称", "某局"], ["年度绩效目标", "目标"]], page=1, top=100)
    first_body = make_grid([["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "会议(次)", ">=13 次"]], page=1, top=200)
    second = make_grid([["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "培训(人)", ">=10 人"]], page=1, top=400)
    titles = [TitleLine(1, 80, 95, "部门整体绩效目标表"), TitleLine(1, 370, 390, "项目支出绩效目标表")]

    rows = performance_targets([unrecognized(first), unrecognized(first_body), unrecognized(second)], CONTEXT, titles)

    assert [(r["table_seq"], r["scope"], r["indicator_l3"]) for r in rows] == [
        (1, "department", "会议(次)"),
        (2, "project", "培训(人)"),
    ]


def test_wide_table_with_project_operator_and_unit_columns() -> None:
    grid = make_grid(
        [
            ["预算表12 项目支出绩效目标表", "<", "<", "<", "<", "<", "<", "<", "<", "<"],
            ["项目名称", "项目总额", "其中：", "<", "一级指标", "二级指标", "三级指标", "绩效指标性质", "本年绩效指标值", "绩效度量单位"],
            ["^", "^", "财政资金", "其他资金", "^", "^", "^", "^", "^", "^"],
            ["公车购置", "18.69", "18.69", "", "成本指标", "经济成本指标", "车辆购置税", "≤", "0.89", "万元"],
            ["^", "^", "^", "^", "产出指标", "数量指标", "采购数量", "≥", "1", "台"],
            ["价格监测", "125.00", "125.00", "", "效益指标", "社会效益指标", "提供支撑", "定性", "优", ""],
            ["^", "^", "^", "^", "成本指标", "经济成本指标", "宣传成本", "≤", "示、推介30", "万元"],
        ]
    )
    rows = performance_targets([unrecognized(grid)], CONTEXT)

    assert [(r["table_seq"], r["project"], r["budget_total"], r["budget_fiscal"]) for r in rows] == [
        (1, "公车购置", Decimal("18.69"), Decimal("18.69")),
        (1, "公车购置", Decimal("18.69"), Decimal("18.69")),
        (2, "价格监测", Decimal("125.00"), Decimal("125.00")),
        (2, "价格监测", Decimal("125.00"), Decimal("125.00")),
    ]
    assert [(r["operator"], r["target_value"], r["target_unit"]) for r in rows] == [
        ("<=", Decimal("0.89"), "万元"),
        (">=", Decimal("1"), "台"),
        (None, None, None),
        ("<=", Decimal("30"), "万元"),  # a neighbouring cell's text run into the value cell
    ]
    assert rows[0]["target_text"] == "≤ 0.89 万元"


def test_repeated_side_label_and_in_grid_title() -> None:
    grid = make_grid(
        [
            ["车驾管所经费项目绩效目标表", "<", "<", "<", "<"],
            ["项目名称", "车驾管所经费", "<", "<", "<"],
            ["专项资金情况（万元）", "资金总额", "<", "1700.00", "<"],
            ["^", "财政拨款", "<", "1700.00", "<"],
            ["^", "其他资金", "<", "0.00", "<"],
            ["绩效目标指标", "一级指标", "二级指标", "三级指标", "指标值"],
            ["绩效目标指标", "成本指标", "经济成本指标", "项目支出费用", "≥1700万元"],
            ["绩效目标指标", "产出指标", "数量指标", "新车注册登记数", "≥10万辆"],
        ]
    )
    rows = performance_targets([unrecognized(grid)], CONTEXT)

    assert [(r["indicator_l3"], r["target_value"], r["target_unit"]) for r in rows] == [
        ("项目支出费用", Decimal("1700"), "万元"),
        ("新车注册登记数", Decimal("10"), "万辆"),
    ]
    assert (rows[0]["budget_total"], rows[0]["budget_fiscal"], rows[0]["budget_other"]) == (
        Decimal("1700.00"), Decimal("1700.00"), Decimal("0.00"),
    )


def test_grids_without_an_indicator_header_give_nothing() -> None:
    grid = make_grid([["项目", "金额"], ["办公费", "12.00"]])
    assert performance_targets([unrecognized(grid)], CONTEXT) == []
