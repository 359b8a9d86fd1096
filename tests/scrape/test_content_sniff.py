from __future__ import annotations

import io
import zipfile

import pytest

from assets.core.content_sniff import (
    ContentKind,
    decode_html,
    detect_html_encoding,
    extension_for,
    looks_like_challenge,
    pdf_offset,
    sniff,
)

from .conftest import CHALLENGE, CORPUS, PORTAL, require


def _zip(*names: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in names:
            zf.writestr(name, "<x/>")
    return buf.getvalue()


def _ole(stream_name: str) -> bytes:
    # Header magic, then a directory entry name in UTF-16LE as OLE2 stores it.
    return (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + stream_name.encode("utf-16-le") + b"\x00" * 64
    )


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n...", ContentKind.PDF),
        (b"\r\n\xef\xbb\xbfjunk before the header %PDF-1.4\n...", ContentKind.PDF),
        (b"<!DOCTYPE html><html><body>x</body></html>", ContentKind.HTML),
        (b"\xef\xbb\xbf\n  <html lang='zh'>", ContentKind.HTML),
        (b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>", ContentKind.HTML),
        (b"\n<div class='error'>404</div><script>x()</script>", ContentKind.HTML),
        (CHALLENGE, ContentKind.HTML),
        (_zip("[Content_Types].xml", "word/document.xml"), ContentKind.DOCX),
        (_zip("[Content_Types].xml", "xl/workbook.xml"), ContentKind.XLSX),
        (_zip("a.pdf"), ContentKind.ZIP),
        (_ole("WordDocument"), ContentKind.DOC),
        (_ole("Workbook"), ContentKind.XLS),
        (_ole("PowerPoint Document"), ContentKind.OLE),
        (b"Rar!\x1a\x07\x01\x00rest", ContentKind.RAR),
        (b"7z\xbc\xaf\x27\x1c rest", ContentKind.SEVEN_ZIP),
        (b"", ContentKind.EMPTY),
        (b"  \r\n", ContentKind.EMPTY),
        (b"File not found", ContentKind.UNKNOWN),
        (b"\x89PNG\r\n\x1a\n", ContentKind.UNKNOWN),
    ],
)
def test_sniff(data: bytes, kind: ContentKind) -> None:
    assert sniff(data) is kind


def test_pdf_header_only_counts_within_the_first_kilobyte() -> None:
    assert pdf_offset(b"junk%PDF-1.4") == 4
    assert pdf_offset(b"x" * 2000 + b"%PDF-1.4") is None


def test_extensions() -> None:
    assert extension_for(ContentKind.PDF) == "pdf" and extension_for(ContentKind.XLS) == "xls"
    assert extension_for(ContentKind.OLE) is None and extension_for(ContentKind.UNKNOWN) is None


def test_challenge_pages() -> None:
    assert looks_like_challenge(CHALLENGE)
    assert not looks_like_challenge(b"<html><body><a href='/x.pdf'>x</a></body></html>")
    assert not looks_like_challenge(b"%PDF-1.4 cookie location")


def test_real_samples() -> None:
    html = require(CORPUS / "html")
    assert looks_like_challenge((html / "wh_rsj_ANTIBOT_js_challenge.html").read_bytes())
    detail = (html / "cq_tjj_2026_budget_detail_6pdf_relative_links.html").read_bytes()
    assert sniff(detail) is ContentKind.HTML and not looks_like_challenge(detail)
    uploads = require(PORTAL / "site" / "uploadfiles" / "202602" / "26")
    assert sniff((uploads / "2026022609153320458114.docx").read_bytes()) is ContentKind.DOCX
    assert sniff((uploads / "2026022609161248732114.xls").read_bytes()) is ContentKind.XLS


TEXT = "重庆市财政局2026年部门预算公开"


@pytest.mark.parametrize(
    ("data", "content_type", "encoding"),
    [
        (f'<meta charset="gb2312"><title>{TEXT}</title>'.encode("gbk"), None, "gb18030"),
        (
            f'<meta http-equiv="Content-Type" content="text/html; charset=GBK"><p>{TEXT}</p>'.encode("gbk"),
            None,
            "gb18030",
        ),
        (f"<html><p>{TEXT}</p>".encode("gbk"), None, "gb18030"),  # undeclared GBK
        (f"<html><p>{TEXT}</p>".encode(), None, "utf-8"),  # undeclared UTF-8
        (f'<meta charset="utf-8"><p>{TEXT}</p>'.encode("gbk"), None, "gb18030"),  # the meta lies
        (f"<p>{TEXT}</p>".encode("gbk"), "text/html; charset=ISO-8859-1", "gb18030"),  # server default
        (f"<p>{TEXT}</p>".encode("gbk"), "text/html; charset=gbk", "gb18030"),
        ("\ufeff<p>x</p>".encode(), "text/html; charset=gbk", "utf-8-sig"),  # BOM wins
    ],
)
def test_html_encoding(data: bytes, content_type: str | None, encoding: str) -> None:
    assert detect_html_encoding(data, content_type) == encoding
    assert ("x" if encoding == "utf-8-sig" else TEXT) in decode_html(data, content_type)


def test_a_stray_bad_byte_does_not_garble_a_declared_gbk_page() -> None:
    data = f'<meta charset="gbk"><p>{TEXT}</p>'.encode("gbk") + b"\xff"
    assert TEXT in decode_html(data)
