"""Pages read by pdfium give what pdfplumber gives: characters, edges, grids, facts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from assets.core.document import extract_document, normalize_document
from assets.core.pdf_grid import page_chars
from assets.core.pdfium_page import read_page
from assets.core.table_finder import find_tables
from bench.pdfium_check import Comparison
from tests.conftest import SEED_PDF, SHARED, shared_file
from tests.extract.synthetic_pdfs import FONT

CHONGQING = SHARED / "corpus" / "real" / "rw__004_重庆__2026年重庆市气象局部门预算.pdf"


# Content drawn turned against the page's /Rotate, so that it reads upright when displayed:
# the drawing's coordinates → user space, per rotation, on reportlab's A4 (which it lays
# landscape for a quarter turn), so the displayed page is portrait A4 with the drawing upright.
A4_WIDTH, A4_HEIGHT = 595.2756, 841.8898
UPRIGHT_ON_ROTATED = {
    90: (0, 1, -1, 0, A4_HEIGHT, 0),
    180: (-1, 0, 0, -1, A4_WIDTH, A4_HEIGHT),
    270: (0, -1, 1, 0, 0, A4_WIDTH),
}


def _drawn_pdf(path: Path, rotate: int = 0, media_box: tuple[float, ...] | None = None, upright: bool = False) -> Path:
    """A page with a table drawn every way pdfminer distinguishes: `re` rectangles, single
    lines, a closed four-sided path, a path with a curve; text inside and around it.
    ``upright``: with ``rotate``, the content is turned so that it reads upright when displayed."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    pdf = canvas.Canvas(str(path))
    if rotate and upright:
        pdf.transform(*UPRIGHT_ON_ROTATED[rotate])
    pdf.setFont(FONT, 12)
    pdf.drawString(60, 790, "2026年部门收支预算总表")
    for i in range(4):
        pdf.rect(60, 700 - 20 * i, 120, 20)  # `re`
        pdf.line(180, 720 - 20 * i, 400, 720 - 20 * i)  # lines
        pdf.setFont(FONT, 12)
        pdf.drawString(64, 706 - 20 * i, f"项目{i}")
        pdf.setFont("Helvetica", 10)
        pdf.drawString(300, 706 - 20 * i, f"{i * 1234.5:,.2f}")
    pdf.line(400, 720, 400, 640)
    path_ = pdf.beginPath()  # closed four-sided path (m l l l h)
    path_.moveTo(60, 600)
    path_.lineTo(400, 600)
    path_.lineTo(400, 560)
    path_.lineTo(60, 560)
    path_.close()
    pdf.drawPath(path_)
    pdf.roundRect(60, 500, 200, 40, 6)  # curves
    pdf.setFont(FONT, 12)
    pdf.drawString(66, 515, "说明：单位为万元。")
    if rotate:
        pdf.setPageRotation(rotate)
    pdf.showPage()
    pdf.save()
    if media_box:  # a media box, and a crop box after it
        _set_media_box(path, media_box[:4], media_box[4:])
    return path


def _set_media_box(path: Path, box: tuple[float, ...], crop_box: tuple[float, ...] | None = None) -> None:
    document = pypdfium2.PdfDocument(str(path))
    page = document[0]
    page.set_mediabox(*box)
    if crop_box:
        page.set_cropbox(*crop_box)
    document.save(str(path))
    document.close()


def _cells(tables: list[Any]) -> list[list[tuple[float, ...]]]:
    return [[tuple(round(v, 2) for v in cell) for cell in table.cells] for table in tables]


def _edges(edges: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted(
        (str(e["orientation"]), *(round(e[k], 2) for k in ("x0", "top", "x1", "bottom")))
        for e in edges
        if e["width"] or e["height"]
    )


def _chars(chars: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Characters with their boxes. The drawing uses two fonts neither library has a font
    program for: STSong-Light (pdfium measures its widths from a substitute font) and Helvetica
    (pdfium's descent for it is its own); each is compared on what both read from the PDF.
    Real documents embed their fonts or describe them (bench/pdfium_check on the corpus)."""
    out = []
    for c in chars:
        if c["text"].isspace():
            continue
        latin = "Helvetica" in c["fontname"]
        box = (c["x0"], c["x1"]) if latin else (c["x0"], c["top"], c["bottom"])
        out.append((c["text"], round(c["size"], 2), *(round(v, 2) for v in box)))
    return out


# The media box as drawn, off the origin, written top-down (as some generators do), cropped.
@pytest.mark.parametrize(
    "media_box", [None, (-12, -12, 595, 842), (0, 842, 595, 0), (0, 0, 595, 842, 20, 30, 500, 800)],
    ids=["a4", "offset", "top-down", "cropped"],
)
def test_characters_and_edges_equal_pdfplumbers(tmp_path: Path, media_box: tuple[float, ...] | None) -> None:
    pdf_path = _drawn_pdf(tmp_path / "drawn.pdf", media_box=media_box)
    document = pypdfium2.PdfDocument(str(pdf_path))
    fast = read_page(document[0], 0)
    assert fast is not None
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        assert _chars(page_chars(fast)) == _chars(page_chars(page))
        assert _edges(fast.edges) == _edges(page.edges)
        assert _cells(find_tables(fast, {})) == _cells(page.find_tables({}))


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_a_rotated_page_with_upright_text_equals_pdfplumbers(tmp_path: Path, rotate: int) -> None:
    pdf_path = _drawn_pdf(tmp_path / "rotated.pdf", rotate=rotate, upright=True)
    document = pypdfium2.PdfDocument(str(pdf_path))
    fast = read_page(document[0], 0)
    assert fast is not None
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        assert (round(fast.width, 2), round(fast.height, 2)) == (round(page.width, 2), round(page.height, 2))
        assert min(c["top"] for c in page.chars) > 0  # the drawing stands on the displayed page
        assert _chars(page_chars(fast)) == _chars(page_chars(page)) != []
        assert _edges(fast.edges) == _edges(page.edges)
        assert _cells(find_tables(fast, {})) == _cells(page.find_tables({})) != []
    comparison, doc = _same_results(pdf_path)
    assert comparison.difference is None
    assert doc.pages_pdfium == 1


def test_text_turned_on_the_displayed_page_is_left_to_pdfplumber(tmp_path: Path) -> None:
    pdf_path = _drawn_pdf(tmp_path / "rotated.pdf", rotate=90)  # the text runs down the page
    document = pypdfium2.PdfDocument(str(pdf_path))
    assert read_page(document[0], 0) is None
    doc = extract_document(pdf_path)
    assert doc.pages == 1 and doc.pages_pdfium == 0 and doc.text_chars > 0


def _same_results(path: Path) -> tuple[Comparison, Any]:
    reference, fast = extract_document(path, use_pdfium=False), extract_document(path)
    comparison = Comparison()
    comparison.walk(normalize_document(reference).to_dict(), normalize_document(fast).to_dict(), "result")
    comparison.walk(reference.to_dict(), fast.to_dict(), "extracted")
    return comparison, fast


def test_synthetic_document_same_both_ways(tmp_path: Path) -> None:
    comparison, fast = _same_results(_drawn_pdf(tmp_path / "drawn.pdf"))
    assert comparison.difference is None
    assert fast.pages_pdfium == 1


@pytest.mark.parametrize("pdf", [SEED_PDF, CHONGQING], ids=["seed", "chongqing"])
def test_real_documents_same_both_ways(pdf: Path) -> None:
    comparison, fast = _same_results(shared_file(pdf))
    assert comparison.difference is None, comparison.difference
    assert fast.pages_pdfium == fast.pages


def test_font_names_match_between_the_libraries() -> None:
    from assets.core.pdf_widths import font_key

    gbk = "宋体".encode("gbk")
    # pdfminer gives a GBK name as the repr of its bytes, pdfium as the bytes, with or without tag.
    assert font_key(repr(b"ABCDEE+" + gbk)) == font_key(gbk) == font_key(b"ABCDEE+" + gbk)
    assert font_key("CAAAAA+NotoSerifCJKjp-Regular") == "NotoSerifCJKjp-Regular"
    assert font_key("SimSun") != font_key("SimHei")


def _spaced_strings_pdf(path: Path, reposition: float | None) -> Path:
    """One line of two strings shown with a character spacing (Tc): the second either continues
    where the first ended or is placed by a Td (``reposition``, in points)."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    pdf = canvas.Canvas(str(path))
    text = pdf.beginText(60, 700)
    text.setFont(FONT, 12)
    text.setCharSpace(1.5)
    text.textOut("一般公共预算")
    if reposition is not None:
        text.moveCursor(reposition, 0)  # a Td: the second string placed, not continued
    text.textOut("财政拨款收入")
    pdf.drawText(text)
    pdf.showPage()
    pdf.save()
    return path


def test_a_string_continuing_after_character_spacing_is_left_to_pdfplumber(tmp_path: Path) -> None:
    # pdfminer adds Tc between a string's characters, not after its last: the next string on
    # the line stands Tc left of where pdfium puts it, so pdfplumber must read the page.
    comparison, doc = _same_results(_spaced_strings_pdf(tmp_path / "continued.pdf", reposition=None))
    assert comparison.difference is None and doc.pages_pdfium == 0

    comparison, doc = _same_results(_spaced_strings_pdf(tmp_path / "placed.pdf", reposition=100.0))
    assert comparison.difference is None and doc.pages_pdfium == 1
