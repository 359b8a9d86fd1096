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
from bench.pdfium_check import Comparison
from tests.conftest import SEED_PDF, SHARED, shared_file
from tests.extract.synthetic_pdfs import FONT

CHONGQING = SHARED / "corpus" / "real" / "rw__004_重庆__2026年重庆市气象局部门预算.pdf"


def _drawn_pdf(path: Path, rotate: int = 0, media_offset: float = 0.0) -> Path:
    """A page with a table drawn every way pdfminer distinguishes: `re` rectangles, single
    lines, a closed four-sided path, a path with a curve; text inside and around it."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    pdf = canvas.Canvas(str(path))
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
    if media_offset:
        pdf.setPageSize((595 + media_offset, 842 + media_offset))
    pdf.showPage()
    pdf.save()
    if media_offset:
        _offset_media_box(path, media_offset)
    return path


def _offset_media_box(path: Path, offset: float) -> None:
    document = pypdfium2.PdfDocument(str(path))
    page = document[0]
    page.set_mediabox(-offset, -offset, 595, 842)
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


@pytest.mark.parametrize("media_offset", [0.0, 12.0])
def test_characters_and_edges_equal_pdfplumbers(tmp_path: Path, media_offset: float) -> None:
    pdf_path = _drawn_pdf(tmp_path / "drawn.pdf", media_offset=media_offset)
    document = pypdfium2.PdfDocument(str(pdf_path))
    fast = read_page(document[0], 0)
    assert fast is not None
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        assert _chars(page_chars(fast)) == _chars(page_chars(page))
        assert _edges(fast.edges) == _edges(page.edges)
        assert _cells(fast.find_tables({})) == _cells(page.find_tables({}))


def test_a_rotated_page_is_left_to_pdfplumber(tmp_path: Path) -> None:
    pdf_path = _drawn_pdf(tmp_path / "rotated.pdf", rotate=90)
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
