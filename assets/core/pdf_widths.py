"""Glyph advance widths (/Widths, /W) and font descents as the PDF declares them, by font name.

pdfium measures a glyph's box from the font program's own metrics; pdfminer — and so
pdfplumber, the reference for every coordinate the pipeline publishes — from the widths the
PDF declares. They differ for a few glyphs of some fonts (a CJK glyph 1.007 em wide in the font,
1 em in the PDF), and a difference of a few hundredths of a point decides whether a gap reads
as a space. pdfminer reads a page's font resources without parsing its content, cheaply; this
module turns them into widths per (font name, character) for pdfium_page.
"""

from __future__ import annotations

import ast
import re
from typing import Any

from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdftypes import resolve1

SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
BYTES_REPR = re.compile(r"b'.*'|b\".*\"", re.DOTALL)
# (font name, character) → advance in em; (font name, "") → the font's descent in em.
Widths = dict[tuple[str, str], float]
DESCENT = ""


def font_key(name: Any) -> str:
    """A font's base name without its subset tag (ABCDEF+), spelt alike for both libraries:
    names that are not UTF-8 (GBK font names) come from pdfminer as the repr of their bytes
    and from pdfium as bytes; both are decoded as UTF-8 with replacement characters."""
    if isinstance(name, str) and BYTES_REPR.fullmatch(name):
        try:
            name = ast.literal_eval(name)
        except (ValueError, SyntaxError):
            pass
    text = name.decode("utf-8", "replace") if isinstance(name, bytes) else str(name)
    return SUBSET_TAG.sub("", text)


def page_widths(page: Any, resource_manager: Any, cache: dict[Any, Widths]) -> Widths:
    """Declared widths of the fonts of a pdfplumber page (its content is not parsed); ``cache``
    keeps each font object's widths, and each set of fonts' merged widths, across the
    document's pages (pages mostly share their fonts). A character a font maps to two different
    widths is left out (the caller measures it another way)."""
    try:
        fonts = resolve1(resolve1(page.page_obj.resources or {}).get("Font")) or {}
    except Exception:  # noqa: BLE001 - unreadable resources: no declared widths
        return {}
    keys: list[Any] = []
    for reference in fonts.values():
        key = getattr(reference, "objid", None) or id(reference)
        if key not in cache:
            cache[key] = _font_widths(reference, resource_manager)
        keys.append(key)
    merged_key = ("fonts", *keys)
    if merged_key not in cache:
        cache[merged_key] = _merged([cache[key] for key in keys])
    return cache[merged_key]


def _merged(fonts: list[Widths]) -> Widths:
    widths: Widths = {}
    conflicts: set[tuple[str, str]] = set()
    for font in fonts:
        for item, width in font.items():
            if widths.get(item, width) != width:
                conflicts.add(item)
            widths[item] = width
    for item in conflicts:
        del widths[item]
    return widths


def _font_widths(reference: Any, resource_manager: Any) -> Widths:
    try:
        spec = resolve1(reference)
        font = resource_manager.get_font(getattr(reference, "objid", None), spec)
    except Exception:  # noqa: BLE001 - a font pdfminer cannot read: no declared widths
        return {}
    name = font_key(getattr(font, "fontname", ""))
    codes = set(getattr(font, "widths", {}) or {})
    codes |= set(getattr(getattr(font, "unicode_map", None), "cid2unichr", {}) or {})
    out: Widths = {}
    try:
        out[(name, DESCENT)] = float(font.get_descent())
    except (AttributeError, TypeError, ValueError):
        pass
    seen_twice: set[str] = set()
    for code in codes:
        if not isinstance(code, int):
            continue
        try:
            text = font.to_unichr(code)
            width = float(font.char_width(code))
        except (PDFUnicodeNotDefined, KeyError, TypeError, ValueError):
            continue
        if len(text) != 1:  # a ligature, or the empty key of the descent
            continue
        if (name, text) in out and out[(name, text)] != width:
            seen_twice.add(text)
        out[(name, text)] = width
    for text in seen_twice:
        del out[(name, text)]
    return out
