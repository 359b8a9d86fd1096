"""Text on reportlab canvases: the CJK font and line wrapping.

The font is reportlab's built-in CID font STSong-Light: it needs no font file (the PDF names
the font and a viewer supplies it), and its Unicode CMap gives pdfplumber real characters
rather than "(cid:N)" glyph ids.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

CJK_FONT = "STSong-Light"

# Runs of digits/Latin (amounts, codes, percentages) stay on one line; CJK breaks anywhere.
_UNBREAKABLE_RUN = re.compile(r"[0-9A-Za-z.,%\-]+|\s+|.")
_NO_LINE_START = frozenset("，。、；：！？）》”’％")


def register_cjk_font() -> str:
    """Register the CJK font once (idempotent) and return its name."""
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    return CJK_FONT


def text_width(text: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, register_cjk_font(), size))


def wrap_line(text: str, size: float, max_width: float) -> list[str]:
    """Greedy wrap of one line of text to max_width.

    Never splits a digit/Latin run, and never starts a line with closing punctuation
    (the character before it moves down with it, as word processors do).
    """
    lines: list[str] = []
    current: list[str] = []
    for token in _UNBREAKABLE_RUN.findall(text):
        if current and text_width("".join(current) + token, size) > max_width:
            carried = [current.pop()] if token in _NO_LINE_START and len(current) > 1 else []
            lines.append("".join(current).rstrip())
            current = [*carried, token] if carried or not token.isspace() else []
        else:
            current.append(token)
    if current or not lines:
        lines.append("".join(current))
    return lines


def wrap_text(text: str, size: float, max_width: float) -> list[str]:
    """Wrap text whose "\\n" are printed line breaks, each piece to max_width."""
    return [line for piece in text.split("\n") for line in wrap_line(piece, size, max_width)]


def draw_bold_string(canvas: Any, x: float, y: float, text: str, size: float, centred: bool = False) -> None:
    """Draw text "bold" by also stroking its outline (one text object, so no doubled chars)."""
    text_object = canvas.beginText()
    text_object.setFont(register_cjk_font(), size)
    text_object.setTextRenderMode(2)
    offset = text_width(text, size) / 2 if centred else 0.0
    text_object.setTextOrigin(x - offset, y)
    text_object.textOut(text)
    canvas.saveState()
    canvas.setLineWidth(0.35)
    canvas.drawText(text_object)
    canvas.restoreState()
