"""Render the seed disclosure as a PDF like the office's: portrait text pages, landscape tables.

Page sequence: cover, contents, the narrative parts (each from a new page), a divider page
for the tables part, then 表1–表11 on A4 landscape pages (see table_pages). The output is
byte-for-byte reproducible: reportlab's invariant mode plus a fixed creation date.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from assets.demo.document_model import BudgetDocument, NarrativePart
from assets.demo.pdf_text import draw_bold_string, register_cjk_font, wrap_text
from assets.demo.seed_document import load_seed_document
from assets.demo.table_pages import draw_table_pages

PORTRAIT_WIDTH: float = A4[0]
PORTRAIT_HEIGHT: float = A4[1]
TEXT_MARGIN = 72.0
BODY_SIZE = 12.0
BODY_LEADING = 22.0
CREATION_DATE = datetime(2026, 2, 5, 1, 0, tzinfo=UTC)  # 09:00 in Xinjiang's official (Beijing) time
CHINESE_NUMERALS = "一二三四五六七八九十"

_timestamp_lock = threading.Lock()


def render_seed_pdf(path: Path | str) -> Path:
    """Render the seed disclosure to `path` (same bytes on every run) and return the path."""
    return render_document_pdf(load_seed_document(), path)


def render_document_pdf(document: BudgetDocument, path: Path | str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _fixed_creation_date():
        canvas = Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle(document.title)
    canvas.setAuthor(document.department)
    canvas.setSubject(f"{document.year}年部门预算")
    canvas.setCreator("budget-facts demo fixtures (assets.demo.render_pdf)")
    _draw_cover(canvas, document)
    _draw_contents(canvas, document)
    for part in document.narrative:
        _draw_narrative_part(canvas, part)
    _draw_divider(canvas, document.tables_heading)
    for table in document.tables:
        draw_table_pages(canvas, table, document.department)
    canvas.save()
    return path


@contextmanager
def _fixed_creation_date() -> Iterator[None]:
    """reportlab stamps CreationDate (and seeds the file ID) from SOURCE_DATE_EPOCH when set.

    Setting it ourselves, around the canvas construction only, pins both regardless of the
    caller's environment; the lock keeps concurrent renders from seeing each other's value.
    """
    with _timestamp_lock:
        previous = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = str(int(CREATION_DATE.timestamp()))
        try:
            yield
        finally:
            if previous is None:
                del os.environ["SOURCE_DATE_EPOCH"]
            else:
                os.environ["SOURCE_DATE_EPOCH"] = previous


def chinese_numeral(number: int) -> str:
    """一 … 十九 (enough for table and section numbers)."""
    if number <= 10:
        return CHINESE_NUMERALS[number - 1]
    return "十" + CHINESE_NUMERALS[number - 11]


def _start_portrait_page(canvas: Any) -> None:
    canvas.setPageSize((PORTRAIT_WIDTH, PORTRAIT_HEIGHT))


def _finish_portrait_page(canvas: Any, with_page_number: bool = True) -> None:
    if with_page_number:
        canvas.setFont(register_cjk_font(), 10)
        canvas.drawCentredString(PORTRAIT_WIDTH / 2, 40, f"- {canvas.getPageNumber()} -")
    canvas.showPage()


def _draw_cover(canvas: Any, document: BudgetDocument) -> None:
    _start_portrait_page(canvas)
    middle = PORTRAIT_WIDTH / 2
    draw_bold_string(canvas, middle, PORTRAIT_HEIGHT - 300, document.department, 22, centred=True)
    draw_bold_string(
        canvas, middle, PORTRAIT_HEIGHT - 350, f"{document.year}年部门预算公开", 26, centred=True
    )
    _finish_portrait_page(canvas, with_page_number=False)


def _draw_contents(canvas: Any, document: BudgetDocument) -> None:
    _start_portrait_page(canvas)
    draw_bold_string(canvas, PORTRAIT_WIDTH / 2, PORTRAIT_HEIGHT - TEXT_MARGIN, "目  录", 18, centred=True)
    entries: list[tuple[int, str]] = []
    for part in document.narrative:
        entries.append((0, part.heading))
        entries.extend((1, section.heading) for section in part.sections)
    entries.append((0, document.tables_heading))
    entries.extend((1, f"{chinese_numeral(t.number)}、{t.title}") for t in document.tables)
    canvas.setFont(register_cjk_font(), BODY_SIZE)
    top = TEXT_MARGIN + 40
    for level, text in entries:
        canvas.drawString(TEXT_MARGIN + level * 2 * BODY_SIZE, PORTRAIT_HEIGHT - top, text)
        top += BODY_LEADING
    _finish_portrait_page(canvas)


def _draw_narrative_part(canvas: Any, part: NarrativePart) -> None:
    """Headings and indented paragraphs, flowing onto further pages as needed."""
    _start_portrait_page(canvas)
    font = register_cjk_font()
    width = PORTRAIT_WIDTH - 2 * TEXT_MARGIN
    draw_bold_string(
        canvas, PORTRAIT_WIDTH / 2, PORTRAIT_HEIGHT - TEXT_MARGIN, part.heading, 16, centred=True
    )
    top = TEXT_MARGIN + 2 * BODY_LEADING

    def next_line() -> float:
        nonlocal top
        if top > PORTRAIT_HEIGHT - TEXT_MARGIN:
            _finish_portrait_page(canvas)
            _start_portrait_page(canvas)
            top = TEXT_MARGIN
        line_top, top = top, top + BODY_LEADING
        return PORTRAIT_HEIGHT - line_top

    for section in part.sections:
        draw_bold_string(canvas, TEXT_MARGIN, next_line(), section.heading, 13)
        for paragraph in section.paragraphs:
            indent = 2 * BODY_SIZE  # first-line indent of two characters
            lines = wrap_text(paragraph, BODY_SIZE, width - indent)
            # Re-wrap after the first line so later lines use the full width.
            rest = wrap_text(paragraph[len(lines[0]) :].lstrip(), BODY_SIZE, width) if len(lines) > 1 else []
            for index, line in enumerate([lines[0], *rest]):
                baseline = next_line()
                canvas.setFont(font, BODY_SIZE)
                canvas.drawString(TEXT_MARGIN + (indent if index == 0 else 0), baseline, line)
    _finish_portrait_page(canvas)


def _draw_divider(canvas: Any, heading: str) -> None:
    _start_portrait_page(canvas)
    draw_bold_string(canvas, PORTRAIT_WIDTH / 2, PORTRAIT_HEIGHT - TEXT_MARGIN, heading, 16, centred=True)
    _finish_portrait_page(canvas)
