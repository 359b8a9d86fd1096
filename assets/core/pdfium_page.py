"""Pages read by pdfium (C) instead of pdfminer (Python), shaped exactly as pdfplumber gives them.

pdfplumber parses a page's content stream with pdfminer, in Python: ~20 pages/s, and most of the
pipeline's time. pdfium parses it in C. This module reads from pdfium the two things the
extraction uses from a page — its characters and the edges of its drawings — in pdfplumber's
shape (same boxes, size and baseline, with the widths and descents the PDF declares, see
pdf_widths; edges built by pdfminer's rules for lines, rectangles and curves), which pdf_grid
hands to pdfplumber's table finder (table_finder), so grids, cells and text lines come out as
pdfplumber's would (coordinates agree to float precision: pdfium stores floats). bench/pdfium_check compares
every corpus document both ways.

Rotated pages are turned as pdfminer turns them (PageSpace). A page whose geometry pdfium would
not give as pdfplumber does is refused (None) and parsed by pdfplumber: characters rotated or
skewed on the turned page, characters without Unicode.
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


def open_pdfium(source: Any) -> Any:
    """A pdfium document over a path or bytes (the caller closes it)."""
    return pypdfium2.PdfDocument(source)


def read_page(page: Any, index: int, widths: Widths | None = None) -> PdfiumPage | None:
    """A pdfium page as pdfplumber would give it, or None when it must go to pdfplumber.
    ``widths``: the advance widths the PDF declares (pdf_widths), which pdfminer measures by."""
    space = page_space(tuple(page.get_mediabox()), page.get_rotation())
    if space is None:
        return None
    chars = page_chars(page, space, widths or {})
    if chars is None:
        return None
    return PdfiumPage(index + 1, space.width, space.height, chars, page_edges(page, space))


# pdfminer's device space for each page rotation: the page turned upright, origin at its corner.
ROTATION_CTM = {
    0: lambda x0, y0, x1, y1: (1.0, 0.0, 0.0, 1.0, -x0, -y0),
    90: lambda x0, y0, x1, y1: (0.0, -1.0, 1.0, 0.0, -y0, x1),
    180: lambda x0, y0, x1, y1: (-1.0, 0.0, 0.0, -1.0, x1, y1),
    270: lambda x0, y0, x1, y1: (0.0, 1.0, -1.0, 0.0, y1, -x0),
}


@dataclass(frozen=True)
class PageSpace:
    """pdfplumber's coordinates of a page: pdfminer's device space (the PDF's user space
    through the rotation matrix pdfminer builds from the media box), then pdfplumber's flip to
    a top-down y measured from its media box (turned by the rotation). The crop box plays no
    part in either."""

    ctm: Matrix
    left: float  # pdfplumber's media box x0, added to device x
    bottom_of_top: float  # pdfplumber's page height plus its media box top: top = this - device y
    width: float
    height: float

    def device(self, x: float, y: float) -> Point:
        a, b, c, d, e, f = self.ctm
        return (x * a + y * c + e, x * b + y * d + f)

    def point(self, x: float, y: float) -> Point:
        """A user-space point as pdfplumber's (x, top)."""
        dx, dy = self.device(x, y)
        return (dx + self.left, self.bottom_of_top - dy)


def page_space(media: tuple[float, ...], rotation: int) -> PageSpace | None:
    """The page's PageSpace (``media``: the MediaBox as the PDF writes it), or None for an
    empty media box or a rotation that is not a quarter turn."""
    x0, y0, x1, y1 = media
    if x0 == x1 or y0 == y1 or rotation not in ROTATION_CTM:
        return None
    # pdfminer builds its matrix from the box as written; pdfplumber orders the corners, swaps
    # the axes for a quarter turn, and measures top from the ordered box's y0.
    (bx0, bx1), (by0, by1) = sorted((x0, x1)), sorted((y0, y1))
    if rotation in (90, 270):
        bx0, by0, bx1, by1 = by0, bx0, by1, bx1
    height = by1 - by0
    return PageSpace(ROTATION_CTM[rotation](x0, y0, x1, y1), bx0, height - by0, bx1 - bx0, height)


def page_chars(page: Any, space: PageSpace, widths: Widths) -> list[dict[str, Any]] | None:
    """The page's characters as pdfplumber's char dicts (the keys pdf_grid reads), or None when
    one could not be represented the same way (text rotated or skewed on the turned page, no
    Unicode)."""
    text_page = pdfium_c.FPDFText_LoadPage(page.raw)
    try:
        count = pdfium_c.FPDFText_CountChars(text_page)
        origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
        box = pdfium_c.FS_RECTF()
        styles = _TextStyles(text_page, space, widths)
        chars: list[dict[str, Any]] = []
        runs: list[list[int]] = []  # per text object, its characters' places in chars
        text_object, style = None, _TextStyle(0.0, 0.0, 0.0, "", 0.0)
        for i in range(count):
            if pdfium_c.FPDFText_IsGenerated(text_page, i):
                continue  # a space or line break pdfium inferred, not printed
            code = pdfium_c.FPDFText_GetUnicode(text_page, i)
            if code == 0 or code == NO_UNICODE or pdfium_c.FPDFText_HasUnicodeMapError(text_page, i):
                return None
            current = _text_object_of_char(text_page, i)
            if not current:
                return None  # a character without its text object: nothing to measure it by
            if current != text_object:
                # Matrix, font and size belong to the text object: read once per object.
                text_object = current
                runs.append([])
                style = styles.of(i, current)
                if not style.upright:
                    return None  # rotated or skewed: pdfplumber's geometry for it differs
            pdfium_c.FPDFText_GetCharOrigin(text_page, i, origin_x, origin_y)
            text = "-" if code == HYPHEN_MARK else chr(code)
            device_x, device_y = space.device(origin_x.value, origin_y.value)
            declared = widths.get((style.font, text))
            if declared is not None:
                # pdfminer's glyph box: from the origin, the advance width the PDF declares.
                x0 = device_x + space.left
                x1 = x0 + declared * style.font_size * style.a
            else:
                pdfium_c.FPDFText_GetLooseCharBox(text_page, i, box)  # pdfium's own width
                xs = [space.point(x, y)[0] for x in (box.left, box.right) for y in (box.bottom, box.top)]
                x0, x1 = min(xs), max(xs)
            runs[-1].append(len(chars))
            # The font size high, standing on the declared descent below the baseline.
            y0 = device_y + style.descent * style.d
            bottom = space.bottom_of_top - y0
            chars.append(
                {
                    "text": text,
                    "x0": x0,
                    "x1": x1,
                    "top": bottom - style.font_size * style.d,
                    "bottom": bottom,
                    "y0": y0,
                    "size": style.font_size * style.d,
                    "matrix": (style.a, 0.0, 0.0, style.d, device_x, device_y),
                    "upright": True,
                    "fontname": style.font,
                }
            )
        if _continues_after_char_spacing(chars, runs):
            return None
        return chars
    finally:
        pdfium_c.FPDFText_ClosePage(text_page)


CONTINUED = 1e-3  # pt: a string starting this close to where the previous one ended continues it
# A character spacing is read from a string of at least three characters (two equal gaps), at
# least this wide (pt; narrower gaps are width rounding, e.g. a space's box).
SPACING_CHARS, SPACING_MIN = 3, 0.02


def _continues_after_char_spacing(chars: list[dict[str, Any]], runs: list[list[int]]) -> bool:
    """Whether a string (text object) continues the previous one on its line after a character
    spacing (Tc): pdfminer adds Tc between a string's characters but not after its last, so
    each later string of the line stands Tc left of where the PDF — and pdfium — puts it. Such
    a page is left to pdfplumber. Tc shows as the equal gap between a string's characters
    beyond their widths."""
    for previous, run in itertools.pairwise(runs):
        if len(previous) < SPACING_CHARS or not run:
            continue
        gaps = [chars[b]["x0"] - chars[a]["x1"] for a, b in itertools.pairwise(previous)]
        spacing = gaps[0]
        if abs(spacing) < SPACING_MIN or any(abs(gap - spacing) > CONTINUED for gap in gaps):
            continue
        last, first = chars[previous[-1]], chars[run[0]]
        same_line = abs(last["matrix"][5] - first["matrix"][5]) <= CONTINUED
        if same_line and abs(first["x0"] - (last["x1"] + spacing)) <= CONTINUED:
            return True
    return False


def _returning_address(function: Any, *argtypes: Any) -> Any:
    """The pdfium function returning its handle as a plain address (int, or None for null):
    comparing handles through ctypes.cast, once per character, cost more than reading it."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    assert address, "pdfium function not loaded"
    return ctypes.CFUNCTYPE(ctypes.c_void_p, *argtypes)(address)


_text_object_of_char = _returning_address(pdfium_c.FPDFText_GetTextObject, pdfium_c.FPDF_TEXTPAGE, ctypes.c_int)
_font_of_text_object = _returning_address(pdfium_c.FPDFTextObj_GetFont, ctypes.c_void_p)


@dataclass(frozen=True)
class _TextStyle:
    a: float  # horizontal scale of the text matrix in device space
    d: float  # vertical scale
    font_size: float
    font: str
    descent: float  # in text space units at font_size (negative)
    upright: bool = True


class _TextStyles:
    """The style of a page's text objects; many objects share one (a CJK page often draws each
    character as an object of its own), so styles are kept by font, size and matrix."""

    def __init__(self, text_page: Any, space: PageSpace, widths: Widths) -> None:
        self.text_page, self.space, self.widths = text_page, space, widths
        self.matrix = pdfium_c.FS_MATRIX()
        self.styles: dict[tuple[Any, ...], _TextStyle] = {}
        self.fonts: dict[int, str] = {}

    def of(self, index: int, text_object: int) -> _TextStyle:
        """The style of character ``index``'s text object."""
        matrix = self.matrix
        pdfium_c.FPDFText_GetMatrix(self.text_page, index, matrix)
        font = _font_of_text_object(text_object)
        font_size = pdfium_c.FPDFText_GetFontSize(self.text_page, index)
        key = (font, font_size, matrix.a, matrix.b, matrix.c, matrix.d)
        style = self.styles.get(key)
        if style is None:
            style = self.styles[key] = self._style(font, font_size, (matrix.a, matrix.b, matrix.c, matrix.d, 0.0, 0.0))
        return style

    def _style(self, font: int | None, font_size: float, matrix: Matrix) -> _TextStyle:
        # As pdfminer does: the text matrix through the page's rotation.
        a, b, c, d, _, _ = _multiply(matrix, self.space.ctm)
        handle = ctypes.cast(font or 0, pdfium_c.FPDF_FONT)
        name = _font_name(handle, font or 0, self.fonts)
        declared_descent = self.widths.get((name, DESCENT))
        descent = declared_descent * font_size if declared_descent is not None else _descent(handle, font_size)
        upright = not b and not c and a > 0 and d > 0
        return _TextStyle(a, d, font_size, name, descent, upright)


def _font_name(font: Any, address: int, cache: dict[int, str]) -> str:
    if address not in cache:
        buffer = ctypes.create_string_buffer(256)
        pdfium_c.FPDFFont_GetBaseFontName(font, buffer, len(buffer))
        cache[address] = font_key(buffer.value)
    return cache[address]


def _descent(font: Any, font_size: float) -> float:
    """The font's descent at this size (negative: below the baseline), as its descriptor gives."""
    descent = ctypes.c_float()
    return descent.value if pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(font_size), descent) else 0.0


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


def page_edges(page: Any, space: PageSpace) -> list[dict[str, Any]]:
    """pdfplumber's page.edges from pdfium's paths: pdfminer turns a two-point subpath into a
    line, a closed axis-aligned four-sided one into a rectangle, anything else into a curve;
    pdfplumber gives a line one edge, a rectangle its four sides, a curve one edge per step."""
    edges: list[dict[str, Any]] = []
    for obj, matrix in _painted_paths(page):
        for shape, points in _subpaths(obj, matrix):
            pts = [space.point(px, py) for px, py in points]  # pdfplumber's (x, top)
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
