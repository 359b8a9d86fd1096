from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pytest
from pdfplumber.pdf import PDF

from assets.demo.document_model import AMOUNT_PATTERN, BudgetDocument, BudgetTable
from assets.demo.render_pdf import render_seed_pdf

# Pages (1-based) of each table: cover, contents, two narrative parts and a divider come first.
TABLE_PAGES = {
    1: [6],
    2: [7, 8],
    3: [9],
    4: [10],
    5: [11],
    6: [12],
    7: [13],
    8: [14],
    9: [15],
    10: [16],
    11: [17],
}
PORTRAIT_PAGES = [1, 2, 3, 4, 5]
PAGE_COUNT = 17


@pytest.fixture(scope="module")
def pdf(seed_pdf: Path) -> Iterator[PDF]:
    with pdfplumber.open(seed_pdf) as document:
        yield document


@pytest.fixture(scope="module")
def page_texts(pdf: PDF) -> dict[int, str]:
    return {page.page_number: page.extract_text() or "" for page in pdf.pages}


def test_page_sequence_and_orientation(pdf: PDF) -> None:
    assert len(pdf.pages) == PAGE_COUNT
    for page in pdf.pages:
        is_portrait = page.page_number in PORTRAIT_PAGES
        assert (page.height > page.width) == is_portrait, page.page_number


def test_every_page_has_a_real_text_layer(page_texts: dict[int, str]) -> None:
    for number, text in page_texts.items():
        assert text.strip(), f"page {number} has no text"
        assert "(cid:" not in text, f"page {number} extracts glyph ids, not characters"


def test_cover_names_department_and_year(page_texts: dict[int, str], seed_document: BudgetDocument) -> None:
    assert seed_document.department in page_texts[1]
    assert "2026年部门预算公开" in page_texts[1]


def test_only_table_pages_are_ruled(pdf: PDF) -> None:
    table_pages = {n for pages in TABLE_PAGES.values() for n in pages}
    for page in pdf.pages:
        assert bool(page.lines) == (page.page_number in table_pages), page.page_number


@pytest.mark.parametrize("number", TABLE_PAGES)
def test_title_block_is_on_the_tables_first_page(
    page_texts: dict[int, str], seed_document: BudgetDocument, number: int
) -> None:
    table = seed_document.table(number)
    first = TABLE_PAGES[number][0]
    lines = page_texts[first].splitlines()
    assert lines[:2] == [f"表{number}", table.title]
    assert lines[2] == f"编制部门：{seed_document.department} 单位：万元"
    landscape = [n for n, text in page_texts.items() if n not in PORTRAIT_PAGES and table.title in text]
    assert landscape == [first]


def test_table_2_continues_with_header_and_no_title(page_texts: dict[int, str]) -> None:
    continuation = page_texts[8]
    assert "表2" not in continuation and "部门收入总体情况表" not in continuation
    assert continuation.startswith("功能分类科目编码 财政拨款（补助）")
    assert "※ ※ ※ ※ 1 2 3 4 5 6 7 8 9 10 11 12" in continuation
    assert "210 卫生健康支出 92.29 92.29 92.29" in continuation


def expected_grid(table: BudgetTable, body: tuple[tuple[str, ...], ...]) -> list[list[str | None]]:
    """What pdfplumber's table extraction should give: merged positions are None."""
    grid: list[list[str | None]] = [[None] * table.column_count for _ in range(table.header_row_count)]
    for cell in table.header:
        grid[cell.row][cell.col] = cell.text
    return grid + [list(row) for row in body]


def unwrap(grid: list[list[str | None]]) -> list[list[str | None]]:
    return [[None if cell is None else cell.replace("\n", "") for cell in row] for row in grid]


@pytest.mark.parametrize("number", TABLE_PAGES)
def test_pdfplumber_finds_each_table_cell_for_cell(
    pdf: PDF, seed_document: BudgetDocument, number: int
) -> None:
    table = seed_document.table(number)
    for page_number, body in zip(TABLE_PAGES[number], table.body_pages or ((),), strict=True):
        (found,) = pdf.pages[page_number - 1].find_tables()  # default: the "lines" strategy
        extracted = found.extract()
        expected = expected_grid(table, body)
        # Header cells wrap to fit their width; compare them without line breaks.
        assert unwrap(extracted[: table.header_row_count]) == unwrap(expected[: table.header_row_count])
        # Body cells must break exactly where the seed breaks them (表7 names), nowhere else.
        assert extracted[table.header_row_count :] == expected[table.header_row_count :]


def test_table_7_names_wrap_inside_their_cells(pdf: PDF) -> None:
    rows = pdf.pages[TABLE_PAGES[7][0] - 1].find_tables()[0].extract()
    names = [row[3] for row in rows[3:]]
    assert names[1] == "克孜勒苏柯尔克孜自治州人民政府\n办公室"
    assert names[3] == "政府办公厅（室）及相关机构\n事务"
    assert names[4] == "其他政府办公厅（室）及相\n关机构事务支出"


def test_printed_amounts_are_exactly_the_data(
    pdf: PDF, page_texts: dict[int, str], seed_document: BudgetDocument
) -> None:
    table_pages = [n for pages in TABLE_PAGES.values() for n in pages]
    printed = Counter(a for n in table_pages for a in AMOUNT_PATTERN.findall(page_texts[n]))
    assert printed == Counter(seed_document.amounts())
    assert sum(printed.values()) == 270


@pytest.mark.parametrize("number", [8, 9])
def test_empty_tables_are_header_only_with_their_sentence_below(
    pdf: PDF, seed_document: BudgetDocument, number: int
) -> None:
    page = pdf.pages[TABLE_PAGES[number][0] - 1]
    (found,) = page.find_tables()
    assert len(found.rows) == seed_document.table(number).header_row_count
    note = seed_document.table(number).empty_note
    assert note is not None
    (match,) = page.search(note[-12:], regex=False)
    assert match["top"] > found.bbox[3]


def test_metadata_is_fixed(pdf: PDF, seed_document: BudgetDocument) -> None:
    assert pdf.metadata["Title"] == seed_document.title
    assert pdf.metadata["CreationDate"] == "D:20260205010000+00'00'"


def test_rendering_is_byte_for_byte_reproducible(
    seed_pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    again = render_seed_pdf(tmp_path / "again.pdf")
    assert again.read_bytes() == seed_pdf.read_bytes()
    # The caller's reproducible-build epoch must not leak into our fixed date.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    with_epoch = render_seed_pdf(tmp_path / "with_epoch.pdf")
    assert with_epoch.read_bytes() == seed_pdf.read_bytes()
