"""Classification code lists: codes with names by year, and conflicts listed."""

from __future__ import annotations

from typing import Any

import pytest

from assets.core.publish_codelists import build_code_lists, display_name


def _fact(code: str | None, item: str, disclosure: str = "d1", year: int | None = 2026, **extra: Any) -> dict[str, Any]:
    return {
        "disclosure_id": disclosure,
        "year": year,
        "classification": "functional",
        "code": code,
        "item": item,
        "source_sha256": f"sha-{disclosure}",
        "page": 7,
        **extra,
    }


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("一、一般公共服务支出", "一般公共服务支出"),
        ("[2010501]行政运行", "行政运行"),
        ("2050803-培训支出", "培训支出"),
        ("  行政 运行 ", "行政运行"),
        ("（一）其中：人员经费", "人员经费"),
        ("其他一般公共服务支出(项)", "其他一般公共服务支出(项)"),
    ],
)
def test_display_name_drops_layout_not_words(printed: str, name: str) -> None:
    assert display_name(printed) == name


def test_codes_by_year_with_levels_parents_and_counts() -> None:
    facts = [
        _fact("201", "一、一般公共服务支出"),
        _fact("20101", "人大事务"),
        _fact("2010101", "行政运行"),
        _fact("2010101", "行政运行", disclosure="d2"),
        _fact("201", "一般公共服务支出", year=2025),
        _fact(None, "合计"),  # no code: not a code-list entry
        _fact("2010101", "行政运行", year=None),  # unknown year: left out
        _fact("201", "工资福利支出", classification="three_public"),  # not a code-list classification
    ]

    codes, conflicts = build_code_lists(facts)

    assert [(c["year"], c["code"], c["level"], c["parent_code"], c["name"], c["disclosure_count"]) for c in codes] == [
        (2025, "201", 1, None, "一般公共服务支出", 1),
        (2026, "201", 1, None, "一般公共服务支出", 1),
        (2026, "20101", 2, "201", "人大事务", 1),
        (2026, "2010101", 3, "20101", "行政运行", 2),
    ]
    assert all(c["name_count"] == 1 for c in codes)
    assert conflicts == []


def test_economic_codes_to_kuan_only() -> None:
    facts = [
        _fact("301", "工资福利支出", classification="economic"),
        _fact("30101", "基本工资", classification="economic"),
        _fact("3010101", "岗位工资", classification="economic"),
        _fact("30A", "bad code", classification="economic"),
    ]

    codes, _ = build_code_lists(facts)

    assert [(c["classification"], c["code"], c["level"]) for c in codes] == [("economic", "301", 1), ("economic", "30101", 2)]


def test_same_code_different_names_in_one_year_is_a_conflict() -> None:
    facts = [
        _fact("2080505", "机关事业单位基本养老保险缴费支出", disclosure="a"),
        _fact("2080505", "机关事业单位基本养老保险缴费支出", disclosure="b"),
        _fact("2080505", "机关事业单位基本养老保险缴费", disclosure="c", page=3),
        _fact("2080505", "机关事业单位基本养老保险缴费", disclosure="c", year=2025),  # another year: no conflict
        _fact("2010350", "事业运行（行政）", disclosure="a"),
        _fact("2010350", "事业运行(行政)", disclosure="b"),  # full-/half-width only: the same name
    ]

    codes, conflicts = build_code_lists(facts)

    by_code = {(c["year"], c["code"]): c for c in codes}
    assert by_code[(2026, "2080505")]["name"] == "机关事业单位基本养老保险缴费支出"  # printed by most disclosures
    assert by_code[(2026, "2080505")]["name_count"] == 2
    assert by_code[(2025, "2080505")]["name_count"] == 1
    assert by_code[(2026, "2010350")]["name_count"] == 1
    assert [(c["code"], c["name"], c["disclosure_ids"], c["source_sha256"], c["page"]) for c in conflicts] == [
        ("2080505", "机关事业单位基本养老保险缴费", ["c"], "sha-c", 3),
        ("2080505", "机关事业单位基本养老保险缴费支出", ["a", "b"], "sha-a", 7),
    ]
