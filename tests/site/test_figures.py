"""What a disclosure page shows, from the seed's gold facts: key figures, chart series, SVG."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from assets.core.site.charts import bar_chart_svg
from assets.core.site.figures import charts, functional_breakdown, funding_sources, key_figures, three_public
from tests.validate.gold import gold_facts


@pytest.fixture(scope="module")
def facts() -> list[dict[str, Any]]:
    return gold_facts(disclosure_id="seed")


def _series(figures: list[Any]) -> list[tuple[str, Decimal]]:
    return [(f.label, f.amount) for f in figures]


def test_key_figures_are_published_facts(facts: list[dict[str, Any]]) -> None:
    figures = {f.label: f for f in key_figures(facts)}

    assert {k: v.amount for k, v in figures.items()} == {
        "收入总计": Decimal("1759.05"),
        "本年收入": Decimal("1749.05"),
        "支出总计": Decimal("1759.05"),
        "一般公共预算拨款": Decimal("1719.05"),
        "基本支出": Decimal("1599.05"),
        "项目支出": Decimal("160.00"),
        "“三公”经费合计": Decimal("83.00"),
    }
    assert all(any(f is v.fact for f in facts) for v in figures.values())  # not made-up sums


def test_funding_sources_are_top_level_only(facts: list[dict[str, Any]]) -> None:
    # 其他收入 is part of 单位资金, 财政拨款结转 of 上年结转结余: children of a printed parent are left out
    assert _series(funding_sources(facts)) == [
        ("一般公共预算", Decimal("1719.05")),
        ("单位资金", Decimal("30.00")),
        ("上年结转结余", Decimal("10.00")),
    ]


def test_functional_breakdown_by_lei(facts: list[dict[str, Any]]) -> None:
    assert _series(functional_breakdown(facts)) == [
        ("201 一般公共服务支出", Decimal("1347.83")),
        ("208 社会保障和就业支出", Decimal("211.95")),
        ("210 卫生健康支出", Decimal("92.29")),
        ("221 住房保障支出", Decimal("106.98")),
    ]


def test_three_public_items(facts: list[dict[str, Any]]) -> None:
    assert _series(three_public(facts)) == [("公务接待费", Decimal("5.00")), ("公务用车运行费", Decimal("78.00"))]


def test_a_template_without_the_tables_gives_no_charts() -> None:
    assert key_figures([]) == []
    assert all(chart.bars == [] for chart in charts([]))


def test_svg_bars_link_to_their_page(facts: list[dict[str, Any]]) -> None:
    chart = next(c for c in charts(facts) if c.key == "functional")

    svg = bar_chart_svg(chart, lambda f: f"doc.pdf#page={f.fact['page']}", lambda f: f"{f.amount:,.2f}")

    assert svg.count('<rect class="bar"') == 4
    assert [svg.count(f'href="doc.pdf#page={bar.fact["page"]}"') > 0 for bar in chart.bars] == [True] * 4
    assert "1,347.83" in svg and 'data-chart="functional"' in svg
    assert bar_chart_svg(chart.__class__("x", "empty", []), lambda f: None, str) == ""
