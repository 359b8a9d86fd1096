"""What are these bytes, really? Portals serve HTML error pages, anti-bot challenges and Word
files under `.pdf` names, so the pipeline trusts magic numbers, not URLs or Content-Type.
Also decodes HTML pages with the right encoding (many Chinese portals still serve GBK).
"""

from __future__ import annotations

import codecs
import re
from enum import StrEnum


class ContentKind(StrEnum):
    PDF = "pdf"
    HTML = "html"  # includes anti-bot / JavaScript challenge pages (see looks_like_challenge)
    DOCX = "docx"
    XLSX = "xlsx"
    ZIP = "zip"  # any other ZIP container (ODF, plain archives)
    DOC = "doc"
    XLS = "xls"
    OLE = "ole"  # OLE2 compound file that is neither a Word nor an Excel document
    RAR = "rar"
    SEVEN_ZIP = "7z"
    EMPTY = "empty"
    UNKNOWN = "unknown"


# Kinds that are a plausible published document (as opposed to a page or nothing).
DOCUMENT_KINDS = frozenset(
    {
        ContentKind.PDF,
        ContentKind.DOCX,
        ContentKind.XLSX,
        ContentKind.ZIP,
        ContentKind.DOC,
        ContentKind.XLS,
        ContentKind.OLE,
        ContentKind.RAR,
        ContentKind.SEVEN_ZIP,
    }
)

_EXTENSIONS = {
    ContentKind.PDF: "pdf",
    ContentKind.HTML: "html",
    ContentKind.DOCX: "docx",
    ContentKind.XLSX: "xlsx",
    ContentKind.ZIP: "zip",
    ContentKind.DOC: "doc",
    ContentKind.XLS: "xls",
    ContentKind.RAR: "rar",
    ContentKind.SEVEN_ZIP: "7z",
}

_PDF_HEADER = b"%PDF-"
_PDF_HEADER_WINDOW = 1024  # readers accept the header anywhere in the first 1 KiB
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_RAR_MAGIC = b"Rar!\x1a\x07"
_7Z_MAGIC = b"7z\xbc\xaf\x27\x1c"
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<meta", b"<title", b"<!--")
_HTML_MARKERS = (b"<html", b"<body", b"<head", b"<script", b"<iframe", b"<div")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def sniff(data: bytes) -> ContentKind:
    """Classify bytes by content alone."""
    if not data.strip():
        return ContentKind.EMPTY
    # Container magic numbers first: a ZIP or RAR holding a PDF shows "%PDF-" in its first KiB.
    if pdf_offset(data) == 0:
        return ContentKind.PDF
    if data.startswith(_ZIP_MAGICS):
        return _zip_kind(data)
    if data.startswith(_OLE_MAGIC):
        return _ole_kind(data)
    if data.startswith(_RAR_MAGIC):
        return ContentKind.RAR
    if data.startswith(_7Z_MAGIC):
        return ContentKind.SEVEN_ZIP
    if pdf_offset(data) is not None:
        return ContentKind.PDF
    if _looks_like_html(data):
        return ContentKind.HTML
    return ContentKind.UNKNOWN


def pdf_offset(data: bytes) -> int | None:
    """Where the PDF starts (junk before `%PDF-` happens), or None if these bytes are no PDF."""
    offset = data.find(_PDF_HEADER, 0, _PDF_HEADER_WINDOW + len(_PDF_HEADER))
    return None if offset < 0 else offset


def extension_for(kind: ContentKind) -> str | None:
    """File extension to store bytes of this kind under; None when the kind does not tell."""
    return _EXTENSIONS.get(kind)


def _zip_kind(data: bytes) -> ContentKind:
    # Member names are stored uncompressed in the local headers and the central directory.
    if b"word/document" in data:
        return ContentKind.DOCX
    if b"xl/workbook" in data:
        return ContentKind.XLSX
    return ContentKind.ZIP


def _ole_kind(data: bytes) -> ContentKind:
    # Stream names live in the OLE directory as UTF-16LE.
    if "WordDocument".encode("utf-16-le") in data:
        return ContentKind.DOC
    if "Workbook".encode("utf-16-le") in data or "Book\x00".encode("utf-16-le") in data:
        return ContentKind.XLS
    return ContentKind.OLE


def _looks_like_html(data: bytes) -> bool:
    head = data[:4096]
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    head = head.lstrip().lower()
    if head.startswith(b"<?xml"):
        return b"<html" in head
    return head.startswith(_HTML_STARTS) or (head.startswith(b"<") and any(m in head for m in _HTML_MARKERS))


# --- anti-bot challenges ----------------------------------------------------------------------

# Cookies / globals set by WAF challenge scripts seen on government portals.
_CHALLENGE_MARKERS = (b"eo_bot_ssid", b"__tst_status", b"acw_sc__v2", b"__jsl_clearance", b"_waf_bd8ce2ce37")
_CHALLENGE_MAX_BYTES = 16 * 1024


def looks_like_challenge(data: bytes) -> bool:
    """An anti-bot page: a tiny HTML document whose script sets a cookie and reloads itself."""
    if sniff(data) is not ContentKind.HTML:
        return False
    low = data[:_CHALLENGE_MAX_BYTES].lower()
    if any(m in low for m in _CHALLENGE_MARKERS):
        return True
    return len(data) < _CHALLENGE_MAX_BYTES and b"cookie" in low and b"location" in low and b"<a " not in low


# --- HTML decoding ----------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
# GB2312/GBK pages regularly use characters beyond their declared set; GB18030 decodes them all.
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "cp936": "gb18030",
}
# Servers send these by default without looking at the page; a real page is rarely Latin-1.
_WEAK = frozenset({"iso8859-1", "ascii", "cp1252"})


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = _ALIASES.get(label.strip().lower(), label.strip().lower())
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def detect_html_encoding(data: bytes, content_type: str | None = None) -> str:
    """Python codec name for an HTML page: BOM, then declared charsets that actually decode
    (HTTP header, then <meta>), then UTF-8, then GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    header = _HEADER_CHARSET.search(content_type or "")
    meta = _META_CHARSET.search(data[:8192])
    declared = [
        c
        for c in (
            _codec(header.group(1) if header else None),
            _codec(meta.group(1).decode("ascii") if meta else None),
        )
        if c
    ]
    strong = [c for c in declared if c not in _WEAK]
    for codec in [*strong, "utf-8", "gb18030", *declared]:
        if _decodes(data, codec):
            return codec
    # Nothing decodes cleanly (a stray bad byte): trust the declaration, else the fewer errors.
    if strong:
        return strong[0]
    return min(("utf-8", "gb18030"), key=lambda c: data.decode(c, errors="replace").count("\ufffd"))


def decode_html(data: bytes, content_type: str | None = None) -> str:
    return data.decode(detect_html_encoding(data, content_type), errors="replace")


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True
