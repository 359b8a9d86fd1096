from __future__ import annotations

import csv
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from assets.demo.document_model import AMOUNT_PATTERN, BudgetDocument, BudgetTable, HeaderCell, parse_header
from assets.demo.seed_narrative import SEED_NARRATIVE

TEMPLATE_TITLES = {
    1: "部门收支总体情况表",
    2: "部门收入总体情况表",
    3: "部门支出总体情况表",
    4: "财政拨款收支预算总体情况表",
    5: "一般公共预算支出情况表",
    6: "一般公共预算基本支出情况表",
    7: "一般公共预算项目支出情况表",
    8: "政府性基金预算支出情况表",
    9: "国有资本经营预算支出情况表",
    10: "财政拨款“三公”经费支出情况表",
    11: "上年结转结余情况明细表",
}


def as_decimal(amount: str) -> Decimal:
    return Decimal(amount.replace(",", ""))


def test_header_grid_notation_gives_spans() -> None:
    cells, rows, columns = parse_header(
        """
        编码 | < | 名称 | 资金 | <
        类 | 款 | ^ | 甲 | 乙
        """
    )
    assert (rows, columns) == (2, 5)
    assert cells[:3] == (
        HeaderCell("编码", 0, 0, 1, 2),
        HeaderCell("名称", 0, 2, 2, 1),
        HeaderCell("资金", 0, 3, 1, 2),
    )


@pytest.mark.parametrize(
    "grid",
    [
        "甲 | 乙\n丙",  # ragged row
        "< | 乙",  # merged into nothing
        "甲 | 乙\n^ | <",  # "<" joins 甲 (via ^) into an L shape
    ],
)
def test_header_grid_notation_rejects_malformed_grids(grid: str) -> None:
    with pytest.raises(ValueError):
        parse_header(grid)


def test_tables_are_the_eleven_template_tables(seed_document: BudgetDocument) -> None:
    assert {t.number: t.title for t in seed_document.tables} == TEMPLATE_TITLES
    assert {t.unit for t in seed_document.tables} == {"万元"}


@pytest.mark.parametrize("number", range(1, 12))
def test_header_cells_tile_the_header_grid(seed_document: BudgetDocument, number: int) -> None:
    table = seed_document.table(number)
    covered = Counter(
        (r, c)
        for cell in table.header
        for r in range(cell.row, cell.row + cell.rowspan)
        for c in range(cell.col, cell.col + cell.colspan)
    )
    expected = {(r, c) for r in range(table.header_row_count) for c in range(table.column_count)}
    assert set(covered) == expected
    assert set(covered.values()) == {1}


def header_text(table: BudgetTable, row: int, col: int) -> str:
    (cell,) = [h for h in table.header if (h.row, h.col) == (row, col)]
    return cell.text


def test_table_2_header_merges_as_published(seed_document: BudgetDocument) -> None:
    table = seed_document.table(2)
    spans = {h.text: (h.row, h.col, h.rowspan, h.colspan) for h in table.header}
    assert spans["功能分类科目编码"] == (0, 0, 1, 3)
    assert spans["功能分类科目名称"] == (0, 3, 2, 1)
    assert spans["财政拨款（补助）"] == (0, 5, 1, 7)
    assert spans["上级国有资本经营预算安排的转移支付"] == (1, 11, 1, 1)
    assert spans["非财政拨款结转结余"] == (0, 15, 2, 1)
    assert [header_text(table, 1, c) for c in range(3)] == ["类", "款", "项"]
    numbering_row = [h.text for h in table.header if h.row == 2]
    assert numbering_row == ["※"] * 4 + [str(n) for n in range(1, 13)]


def test_table_2_continues_on_a_second_page(seed_document: BudgetDocument) -> None:
    first, second = seed_document.table(2).body_pages
    assert (len(first), len(second)) == (13, 8)
    assert first[-1][:4] == ("208", "05", "05", "机关事业单位基本养老保险缴费支出")
    assert second[0][:4] == ("210", "", "", "卫生健康支出")


def test_header_only_tables_carry_their_empty_table_sentence(seed_document: BudgetDocument) -> None:
    for number in (8, 9):
        table = seed_document.table(number)
        assert table.body_pages == ()
        assert table.empty_note is not None and table.empty_note.endswith("为空表。")
    assert all(t.empty_note is None for t in seed_document.tables if t.number not in (8, 9))


def test_amount_counts_per_table(seed_document: BudgetDocument) -> None:
    counts = {t.number: len(t.amounts()) for t in seed_document.tables}
    assert counts == {1: 14, 2: 67, 3: 46, 4: 13, 5: 41, 6: 53, 7: 19, 8: 0, 9: 0, 10: 8, 11: 9}


def test_totals_add_up(seed_document: BudgetDocument) -> None:
    """Spot invariants of the published numbers, so a transcription slip shows up."""
    total_row = seed_document.table(3).body_rows[0]
    assert as_decimal(total_row[4]) == as_decimal(total_row[5]) + as_decimal(total_row[6])
    basic = seed_document.table(6).body_rows
    class_rows = [row for row in basic if row[0] and not row[1]]
    # As published, 表6's classes sum to 1,599.06 against a printed total of 1,599.05
    # (the office's rounding); the data keeps what is printed.
    assert sum(as_decimal(row[3]) for row in class_rows) - as_decimal(basic[0][3]) == Decimal("0.01")


def test_narrative_figures_are_printed_in_the_tables(seed_document: BudgetDocument) -> None:
    table_amounts = set(seed_document.amounts())
    narrative = " ".join(p for part in SEED_NARRATIVE for s in part.sections for p in s.paragraphs)
    figures = set(re.findall(r"(\d[\d,]*\.\d{2})万元", narrative))
    assert "1,759.05" in figures
    assert figures <= table_amounts


def test_amounts_equal_the_gold_facts(seed_document: BudgetDocument, shared_dir: Path) -> None:
    with (shared_dir / "spec" / "gold" / "seed_budget_facts.csv").open(encoding="utf-8") as f:
        gold = Counter((int(row["table_no"]), Decimal(row["amount"])) for row in csv.DictReader(f))
    ours = Counter((t.number, as_decimal(a)) for t in seed_document.tables for a in t.amounts())
    assert sum(gold.values()) == 270
    assert ours == gold


def seed_text_bodies(seed_text: str) -> dict[int, list[tuple[str, ...]]]:
    """Tab-separated rows of each 表N block in the seed text (headers included)."""
    blocks: dict[int, list[tuple[str, ...]]] = {}
    current = None
    for line in seed_text.splitlines():
        if match := re.fullmatch(r"表 (\d+)", line.strip()):
            current = int(match.group(1))
            blocks[current] = []
        elif line.startswith("第三部分"):
            current = None
        elif current is not None and "\t" in line:
            blocks[current].append(tuple(cell.strip() for cell in line.split("\t")))
    return blocks


def test_body_cells_match_the_seed_text(seed_document: BudgetDocument, shared_dir: Path) -> None:
    """Every body cell as the seed prints it (its text marks an in-cell line break with a space)."""
    (seed_file,) = (shared_dir / "seed").glob("*.txt")
    blocks = seed_text_bodies(seed_file.read_text(encoding="utf-8"))
    for table in seed_document.tables:
        rows = blocks[table.number]
        header = rows[: table.header_row_count]
        body = [row for row in rows[table.header_row_count :] if row not in header]
        ours = [tuple(cell.replace("\n", " ") for cell in row) for row in table.body_rows]
        assert ours == body, f"表{table.number}"


def test_amount_pattern() -> None:
    assert all(AMOUNT_PATTERN.fullmatch(s) for s in ["1,759.05", "0.01", "30.00", "1,234,567.000001"])
    assert not any(AMOUNT_PATTERN.fullmatch(s) for s in ["201", "1210366P", "97.73%", "1759,05"])
