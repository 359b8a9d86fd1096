"""A synthetic TRS-CMS 部门预算 column of any size, for scraper scale tests and benchmarks.

`write_generated_portal(root, n)` writes n detail pages, each with one small (valid, text)
PDF attachment, listed `per_page` to a list page (index.html, index_1.html … with the TRS
`createPageHTML` pagination script), under `/zwgk/ysjs/bmys/`. Every department, year and
file is distinct, so a correct scraper finds exactly n disclosures. Serve it with
`assets.demo.server.serve_directory`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

COLUMN = "/zwgk/ysjs/bmys/"
START_PATH = COLUMN + "index.html"


@dataclass(frozen=True)
class GeneratedPortal:
    root: Path
    start_path: str
    detail_pages: int
    list_pages: int

    @property
    def requests_expected(self) -> int:
        """Requests of a first full crawl: robots.txt, list pages, detail pages, attachments."""
        return 1 + self.list_pages + 2 * self.detail_pages


_NAME_CHARS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土东南西北中春夏秋冬山川河湖海"


def department(i: int) -> str:
    """A distinct department name without digits (names with numbers read as codes)."""
    n = len(_NAME_CHARS)
    return f"示例市{_NAME_CHARS[i // n % n]}{_NAME_CHARS[i % n]}局"


def minimal_pdf(text: str) -> bytes:
    """A valid one-page PDF printing `text` (ASCII) in Helvetica, with a correct xref table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _page(title: str, body: str, script: str = "", charset: str = "UTF-8") -> str:
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{html.escape(title)}_示例市财政局</title>
<meta name="ArticleTitle" content="{html.escape(title)}"></head>
<body><div class="header"><a href="/">首页</a> <a href="http://www.gov.cn/">中国政府网</a></div>
{body}{script}
<div class="footer"><a href="/zwgk/">政务公开</a></div></body></html>
"""


def write_generated_portal(
    root: Path, detail_pages: int = 1000, per_page: int = 20, year: int = 2026, encoding: str = "utf-8"
) -> GeneratedPortal:
    """`encoding="gbk"` writes GBK pages declaring charset=GBK, as many portals still serve."""
    root = Path(root)
    charset = "GBK" if encoding.lower() in ("gbk", "gb2312", "gb18030") else "UTF-8"
    column = root / COLUMN.strip("/")
    list_pages = max(1, -(-detail_pages // per_page))
    items: list[list[str]] = [[] for _ in range(list_pages)]
    for i in range(detail_pages):
        month_dir = column / f"{year}03"
        month_dir.mkdir(parents=True, exist_ok=True)
        name = f"t{year}0302_{100000 + i}.html"
        pdf = f"P0{year}0302{100000 + i:06d}.pdf"
        title = f"{department(i)}{year}年部门预算公开"
        (month_dir / pdf).write_bytes(minimal_pdf(f"Department budget {year}, unit {i + 1}"))
        body = (
            f'<div class="zwxl-title">{html.escape(title)}</div>'
            f'<div class="trs_editor_view"><p>现将{html.escape(department(i))}{year}年部门预算公开如下。</p>'
            f'<p>附件：<a href="./{pdf}">{html.escape(title)}.pdf</a></p></div>'
        )
        (month_dir / name).write_text(_page(title, body, charset=charset), encoding=encoding)
        items[i // per_page].append(f'<li><a href="./{year}03/{name}">{html.escape(title)}</a><span>{year}-03-02</span></li>')
    for n, rows in enumerate(items):
        script = f'<script>createPageHTML({list_pages}, {n}, "index", "html");</script>'
        body = '<div class="list"><ul>' + "".join(rows) + "</ul></div>"
        target = column / ("index.html" if n == 0 else f"index_{n}.html")
        target.write_text(_page("部门预算", body, script, charset), encoding=encoding)
    return GeneratedPortal(root, START_PATH, detail_pages, list_pages)
