"""The narrative of a document as paragraphs and sentences, each character traceable to its page.

Input is the extract stage's `text_pages`: per page, the text lines outside ruled tables with
their boxes. A page's *text* is its lines joined by newlines; published character offsets index
into it (a span that runs onto the next page continues past a newline into that page's text).
Lines are joined into paragraphs by layout — a line that stops short of the right margin ends a
paragraph, an indented line or a numbered heading starts one, also across a page break — and
the paragraph text is cleaned for matching: line-wrap breaks and the spaces word processors put
around numbers next to CJK characters are removed, and ASCII punctuation between words becomes
its full-width form. Every cleaned character keeps its (page, offset) of origin.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .pdf_grid import is_cjk

PAGE_NUMBER = re.compile(r"^[-—–－─━\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/共]\s*\d+\s*页?)?[-—–－─━\s]*$")
PARAGRAPH_START = re.compile(
    r"^\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]"
    r"|\d+\s*[、．]|\d+\.(?!\d)|[-•·●]\s)"
)
# A line ending in a word that needs what follows ("…445.69万元，占" / "15.16%；") goes on, and so
# does a line before one that starts with the rest of a quantity or a closing bracket ("…行政单位离退休"
# / "（项）。"), even when the writer wrapped it short of the right margin because it did not fit.
CONTINUED_END = re.compile(r"(?:占|为|比|较|与|及|和|的|是|[，,、（(])\s*$")
QUANTITY_START = re.compile(r"^\s*(?:[\d０-９][\d０-９,.．\s]*(?:%|％|万元|亿元|元)|[）)」”]|[（(][类款项][）)])")
CLOSED_END = re.compile(r"[。；！？：:;]\s*$")
# ASCII punctuation between words → the full-width form the patterns expect ("59, 实有" → "59，实有").
_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}
_DIGITS = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


@dataclass
class Paragraph:
    """Cleaned text of one paragraph and, per character, its page and offset in that page's text."""

    text: str = ""
    origins: list[tuple[int, int]] = field(default_factory=list)

    def append(self, ch: str, page: int, offset: int) -> None:
        self.text += ch
        self.origins.append((page, offset))


@dataclass
class NarrativeText:
    pages: dict[int, str]  # page → its text (lines joined by "\n")
    paragraphs: list[Paragraph]
    page_starts: dict[int, int]  # page → offset of its text in the whole document's text

    def span(self, paragraph: Paragraph, start: int, end: int) -> tuple[int, int, int]:
        """(page, char_start, char_end) of paragraph.text[start:end] in the page text of its start."""
        page, first = paragraph.origins[start]
        last_page, last = paragraph.origins[max(start, end - 1)]
        char_end = self.page_starts[last_page] + last + 1 - self.page_starts[page]
        return page, first, char_end


def _is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER.match(text))


def _is_body(text: str, running: set[str]) -> bool:
    """A line of the text itself: not blank, not a page number, not a running head or foot."""
    stripped = text.strip()
    return bool(stripped) and not _is_page_number(text) and stripped not in running


def _running_heads(text_pages: list[dict[str, Any]]) -> set[str]:
    """Texts printed as the first or last line of at least three pages (“苏州市水务局2026年度单位
    预算公开” atop every page): running heads and feet, which would cut a paragraph at each page."""
    edges: Counter[str] = Counter()
    for text_page in text_pages:
        lines = [str(ln[0]).strip() for ln in text_page["lines"] if str(ln[0]).strip() and not _is_page_number(str(ln[0]))]
        edges.update({*lines[:1], *lines[-1:]})
    return {text for text, pages in edges.items() if pages >= 3}


def _margins(lines: list[list[Any]]) -> tuple[float, float, float]:
    """Left margin, right margin and a typical character size of a page's body text."""
    long_lines = [ln for ln in lines if len(ln[0]) >= 12] or lines
    lefts = sorted(ln[1] for ln in long_lines)
    rights = sorted(ln[3] for ln in long_lines)
    sizes = sorted(ln[4] - ln[2] for ln in long_lines)
    left = lefts[len(lefts) // 10]
    right = rights[(len(rights) * 9) // 10]
    size = max(6.0, sizes[len(sizes) // 2])
    return left, right, size


def _clean_char(ch: str, prev: str, nxt: str) -> str:
    ch = ch.translate(_DIGITS)
    if ch == "," and prev.isdigit() and nxt.isdigit():
        return ch  # thousands separator
    if ch == "." and prev.isdigit() and nxt.isdigit():
        return ch
    return _FULL_WIDTH.get(ch, ch)


def _keep_space(prev: str, nxt: str) -> bool:
    """A space survives only between two non-CJK word characters ("1210366P 10.00", "and")."""
    return bool(prev) and bool(nxt) and not is_cjk(prev) and not is_cjk(nxt) and prev not in "，：；（）" and nxt not in "，：；（）%"


def build_narrative(text_pages: list[dict[str, Any]]) -> NarrativeText:
    pages: dict[int, str] = {}
    page_starts: dict[int, int] = {}
    paragraphs: list[Paragraph] = []
    current: Paragraph | None = None
    previous_open = False  # the previous line ran to the right margin: its paragraph goes on
    previous_text = ""
    position = 0
    running = _running_heads(text_pages)
    for text_page in text_pages:
        page_no = int(text_page["page"])
        page_text = "\n".join(str(ln[0]) for ln in text_page["lines"])
        pages[page_no] = page_text
        page_starts[page_no] = position
        position += len(page_text) + 1
        body = [ln for ln in text_page["lines"] if _is_body(str(ln[0]), running)]
        if not body:
            continue
        left, right, size = _margins(body)
        line_offsets = _line_offsets(text_page["lines"])
        previous_bottom: float | None = None
        for index, line in enumerate(text_page["lines"]):
            text, x0, top, x1, bottom = str(line[0]), *map(float, line[1:5])
            if not _is_body(text, running):
                continue
            starts = (
                bool(PARAGRAPH_START.match(text))
                or x0 > left + 1.2 * size
                or (previous_bottom is not None and top - previous_bottom > 1.2 * size)
            )
            continues = previous_open or _runs_on(previous_text, text)
            if current is None or starts or not continues:
                if current is not None and current.text:
                    paragraphs.append(current)
                current = Paragraph()
            _append_line(current, text, page_no, line_offsets[index])
            # A line reaching the right margin continues on the next line, also on the next page.
            # A long line that stops mid-sentence goes on too: ragged right edges end a few characters
            # short of the page's widest lines (Changchun “…本单位固” / “定资产总量为…”).
            previous_open = x1 >= right - 1.5 * size or (x1 >= right - 6 * size and not CLOSED_END.search(text))
            previous_bottom = bottom
            previous_text = text
    if current is not None and current.text:
        paragraphs.append(current)
    return NarrativeText(pages, paragraphs, page_starts)


def _runs_on(previous: str, line: str) -> bool:
    """A line wrapped early whose sentence goes on in the next line (see CONTINUED_END)."""
    if not previous or CLOSED_END.search(previous):
        return False
    return bool(CONTINUED_END.search(previous)) or bool(QUANTITY_START.match(line) and not PARAGRAPH_START.match(line))


def _line_offsets(lines: list[list[Any]]) -> list[int]:
    offsets, position = [], 0
    for line in lines:
        offsets.append(position)
        position += len(str(line[0])) + 1
    return offsets


def _append_line(paragraph: Paragraph, text: str, page: int, offset: int) -> None:
    """Append one wrapped line: no break between lines, spaces kept only between word characters."""
    pending_space: tuple[int, int] | None = None
    if paragraph.text and not is_cjk(paragraph.text[-1]) and text and not is_cjk(text.lstrip()[:1] or "x"):
        pending_space = (page, max(0, offset - 1))  # two words split by a line wrap ("and\nthe")
    for i, ch in enumerate(text):
        if ch.isspace():
            if paragraph.text:
                pending_space = pending_space or (page, offset + i)
            continue
        prev = paragraph.text[-1] if paragraph.text else ""
        nxt = next((c for c in text[i + 1 :] if not c.isspace()), "")
        cleaned = _clean_char(ch, prev, nxt)
        if pending_space is not None and _keep_space(prev, cleaned):
            paragraph.append(" ", *pending_space)
        pending_space = None
        paragraph.append(cleaned, page, offset + i)


SENTENCE_END = re.compile(r"[。；！？]")


def sentences(paragraph: Paragraph) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph, the closing mark included."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(paragraph.text):
        if m.end() > start:
            out.append((start, m.end()))
        start = m.end()
    if start < len(paragraph.text) and paragraph.text[start:].strip():
        out.append((start, len(paragraph.text)))
    return out
