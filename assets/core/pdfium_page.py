"""Pages read by pdfium (C) instead of pdfminer (Python), shaped exactly as pdfplumber gives them.

pdfplumber parses a page's content stream with pdfminer, in Python: ~20 pages/s, and most of the
pipeline's time. pdfium parses it in C. This module reads from pdfium the two things the
extraction uses from a page — its characters and the edges of its drawings — in pdfplumber's
shape (same boxes, size and baseline, with the widths and descents the PDF declares, see
pdf_widths; edges built by pdfminer's rules for lines, rectangles and curves), and hands the
edges to pdfplumber's own table finder, so grids, cells and text lines come out as pdfplumber's
would (coordinates agree to float precision: pdfium stores floats). bench/pdfium_check compares
every corpus document both ways.

A page whose geometry pdfium would not give as pdfplumber does is refused (None) and parsed by
pdfplumber: rotated or cropped pages, rotated or skewed characters, characters without Unicode.
"""

from __future__ import annotations

import ctypes
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c
from pdfplumber.table import TableFinder, TableSettings

from .pdf_widths import DESCENT, Widths, font_key

NO_UNICODE = 0xFFFD
HYPHEN_MARK = 0x02  # pdfium's code for a printed "-" it takes for a hyphen ending a line
Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass
class PdfiumPage:
    """The parts of a pdfplumber page that pdf_grid reads: number, box, characters, edges."""

    page_number: int  # 1-based, as pdfplumber's
    width: float
    height: float
    chars: list[dict[str, Any]] = field(repr=False)
    edges: list[dict[str, Any]] = field(repr=False)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)

    def find_tables(self, table_settings: dict[str, Any]) -> list[Any]:
        """pdfplumber's table finder over this page's edges (it reads only edges and bbox)."""
        return list(TableFinder(self, TableSettings.resolve(table_settings)).tables)  # type: ignore[arg-type]


def open_pdfium(source: Any) -> Any:
    """A pdfium document over a path or bytes (the caller closes it)."""
    return pypdfium2.PdfDocument(source)


def read_page(page: Any, index: int, widths: Widths | None = None) -> PdfiumPage | None:
    """A pdfium page as pdfplumber would give it, or None when it must go to pdfplumber.
    ``widths``: the advance widths the PDF declares (pdf_widths), which pdfminer measures by."""
    if page.get_rotation():
        return None
    media, crop = tuple(page.get_mediabox()), tuple(page.get_cropbox())
    if media != crop:
        return None  # pdfplumber's geometry for a cropped page: keep to the plain case
    # pdfplumber's top is the page height minus the PDF's y (even for a media box off the
    # origin, as pdfminer reads it); x is the PDF's own.
    top_edge = media[3] - media[1]
    chars = page_chars(page, top_edge, widths or {})
    if chars is None:
        return None
    return PdfiumPage(index + 1, media[2] - media[0], media[3] - media[1], chars, page_edges(page, top_edge))


def page_chars(page: Any, top_edge: float, widths: Widths) -> list[dict[str, Any]] | None:
    """The page's characters as pdfplumber's char dicts (the keys pdf_grid reads), or None when
    one could not be represented the same way (rotated or skewed text, no Unicode)."""
    text_page = pdfium_c.FPDFText_LoadPage(page.raw)
    try:
        count = pdfium_c.FPDFText_CountChars(text_page)
        origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
        box = pdfium_c.FS_RECTF()
        fonts: dict[int, str] = {}
        descents: dict[tuple[int, float], float] = {}
        chars: list[dict[str, Any]] = []
        text_object, style = None, _TextStyle(0.0, 0.0, 0.0, 0.0, "", 0.0)
        for i in range(count):
            if pdfium_c.FPDFText_IsGenerated(text_page, i):
                continue  # a space or line break pdfium inferred, not printed
            code = pdfium_c.FPDFText_GetUnicode(text_page, i)
            if code == 0 or code == NO_UNICODE or pdfium_c.FPDFText_HasUnicodeMapError(text_page, i):
                return None
            current = pdfium_c.FPDFText_GetTextObject(text_page, i)
            if not _address(current):
                return None  # a character without its text object: nothing to measure it by
            if text_object is None or _address(current) != _address(text_object):
                # Matrix, font and size belong to the text object: read once per object.
                text_object = current
                style = _text_style(text_page, i, current, widths, fonts, descents)
                if not style.upright:
                    return None  # rotated or skewed: pdfplumber's geometry for it differs
            pdfium_c.FPDFText_GetCharOrigin(text_page, i, origin_x, origin_y)
            text = "-" if code == HYPHEN_MARK else chr(code)
            declared = widths.get((style.font, text))
            if declared is not None:
                # pdfminer's glyph box: from the origin, the advance width the PDF declares.
                x0, x1 = origin_x.value, origin_x.value + declared * style.font_size * style.a
            else:
                pdfium_c.FPDFText_GetLooseCharBox(text_page, i, box)  # pdfium's own width
                x0, x1 = box.left, box.right
            # The font size high, standing on the declared descent below the baseline.
            y0 = origin_y.value + style.descent * style.d
            bottom = top_edge - y0
            chars.append(
                {
                    "text": text,
                    "x0": x0,
                    "x1": x1,
                    "top": bottom - style.font_size * style.d,
                    "bottom": bottom,
                    "y0": y0,
                    "size": style.font_size * style.d,
                    "matrix": (style.a, 0.0, 0.0, style.d, style.e, origin_y.value),
                    "upright": True,
                    "fontname": style.font,
                }
            )
        return chars
    finally:
        pdfium_c.FPDFText_ClosePage(text_page)


@dataclass(frozen=True)
class _TextStyle:
    a: float  # horizontal scale of the text matrix
    d: float  # vertical scale
    e: float  # x translation
    font_size: float
    font: str
    descent: float  # in text space units at font_size (negative)
    upright: bool = True


def _address(handle: Any) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _text_style(
    text_page: Any, index: int, text_object: Any, widths: Widths, fonts: dict[int, str], descents: dict[tuple[int, float], float]
) -> _TextStyle:
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(text_page, index, matrix)
    font = pdfium_c.FPDFTextObj_GetFont(text_object)
    font_size = pdfium_c.FPDFText_GetFontSize(text_page, index)
    name = _font_name(font, fonts)
    declared_descent = widths.get((name, DESCENT))
    descent = declared_descent * font_size if declared_descent is not None else _descent(font, font_size, descents)
    upright = not matrix.b and not matrix.c and matrix.a > 0 and matrix.d > 0
    return _TextStyle(matrix.a, matrix.d, matrix.e, font_size, name, descent, upright)


def _font_name(font: Any, cache: dict[int, str]) -> str:
    key = _address(font)
    if key not in cache:
        buffer = ctypes.create_string_buffer(256)
        pdfium_c.FPDFFont_GetBaseFontName(font, buffer, len(buffer))
        cache[key] = font_key(buffer.value)
    return cache[key]


def _descent(font: Any, font_size: float, cache: dict[tuple[int, float], float]) -> float:
    """The font's descent at this size (negative: below the baseline), as its descriptor gives."""
    key = (_address(font), font_size)
    if key not in cache:
        descent = ctypes.c_float()
        cache[key] = descent.value if pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(font_size), descent) else 0.0
    return cache[key]


def _multiply(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _painted_paths(page: Any) -> Iterator[tuple[Any, Matrix]]:
    """Every stroked or filled path object with its matrix to page space (inside forms too)."""
    raw = page.raw
    pending = [(pdfium_c.FPDFPage_GetObject(raw, i), IDENTITY) for i in range(pdfium_c.FPDFPage_CountObjects(raw))]
    matrix = pdfium_c.FS_MATRIX()
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    while pending:
        obj, outer = pending.pop(0)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind not in (pdfium_c.FPDF_PAGEOBJ_FORM, pdfium_c.FPDF_PAGEOBJ_PATH):
            continue
        pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
        own = _multiply((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            children = [(pdfium_c.FPDFFormObj_GetObject(obj, i), own) for i in range(pdfium_c.FPDFFormObj_CountObjects(obj))]
            pending[0:0] = children
            continue
        pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
        if fill_mode.value == pdfium_c.FPDF_FILLMODE_NONE and not stroke.value:
            continue  # pdfminer draws nothing for a path ended with `n`
        yield obj, own


def _subpaths(obj: Any, matrix: Matrix) -> Iterator[tuple[str, list[Point]]]:
    """The path's subpaths as pdfminer sees them: operator shape (m, l, c, h) and the point of
    each operator (a curve's end point; h's is the subpath's start), in page space."""
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    shape, points = "", list[Point]()
    bezier = 0
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (x.value * a + y.value * c + e, x.value * b + y.value * d + f)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if shape:
                yield shape, points
            shape, points, bezier = "m", [point], 0
        elif kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier == 3:  # two control points, then the end point
                shape, bezier = shape + "c", 0
                points.append(point)
        else:
            shape += "l"
            points.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and points:
            shape += "h"
            points.append(points[0])
    if shape:
        yield shape, points


RECT_SHAPES = {"mlllh", "mllll"}


def page_edges(page: Any, top_edge: float) -> list[dict[str, Any]]:
    """pdfplumber's page.edges from pdfium's paths: pdfminer turns a two-point subpath into a
    line, a closed axis-aligned four-sided one into a rectangle, anything else into a curve;
    pdfplumber gives a line one edge, a rectangle its four sides, a curve one edge per step."""
    edges: list[dict[str, Any]] = []
    for obj, matrix in _painted_paths(page):
        for shape, points in _subpaths(obj, matrix):
            pts = [(px, top_edge - py) for px, py in points]  # to pdfplumber's top-down y
            if shape in {"ml", "mlh"}:
                edges.append(_edge(pts[0], pts[1], line=True))
            elif re.fullmatch(r"m(l|h)+", shape) and _is_rect(shape, points):
                x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
                top, bottom = min(p[1] for p in pts), max(p[1] for p in pts)
                edges += [
                    _edge((x0, top), (x1, top)), _edge((x0, bottom), (x1, bottom)),
                    _edge((x0, top), (x0, bottom)), _edge((x1, top), (x1, bottom)),
                ]
            else:
                edges.extend(_edge(p0, p1) for p0, p1 in itertools.pairwise(pts))
    return edges


def _is_rect(shape: str, points: list[Point]) -> bool:
    """pdfminer's rectangle test: five points (`re` is m l l l h), closed, sides on the axes.
    pdfium spells `re` as m l l l l+close, i.e. one more point on the start."""
    if shape == "mllllh" and points[4] == points[0]:
        points = points[:5]
    elif shape not in RECT_SHAPES or len(points) != 5:
        return False
    (x0, y0), (x1, y1), (x2, y2), (x3, y3), end = points
    square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
    return end == points[0] and square


def _edge(p0: Point, p1: Point, line: bool = False) -> dict[str, Any]:
    x0, x1 = min(p0[0], p1[0]), max(p0[0], p1[0])
    top, bottom = min(p0[1], p1[1]), max(p0[1], p1[1])
    if line:  # pdfplumber's line_to_edge: horizontal when level, otherwise vertical
        orientation: str | None = "h" if top == bottom else "v"
    else:
        orientation = "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None)
    return {
        "object_type": "line" if line else "curve_edge",
        "x0": x0, "x1": x1, "top": top, "bottom": bottom,
        "width": x1 - x0, "height": bottom - top, "orientation": orientation,
    }
