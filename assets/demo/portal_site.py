"""A small static 部门预算 column to scrape offline, with the seed disclosure and three traps.

Two list pages (index.html, index_1.html; the link between them exists only as a
createPageHTML(...) call) list four items:

* the seed disclosure's detail page, with the rendered seed PDF as a relative ./P0….pdf;
* a detail page whose ".pdf" attachment is an HTML error page served with status 200;
* a 预算编制 notice (title has 部门预算 and a year) without any attachment;
* the seed's detail page once more, on the second list page (duplicate listing).

`build_demo_portal` returns a `DemoPortal` saying what a correct scraper finds, and writes the
same as expected.json at the site root.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from assets.demo.portal_html import (
    ERROR_PAGE_HTML,
    AttachmentLink,
    ListItem,
    detail_page_html,
    list_page_html,
)
from assets.demo.render_pdf import render_seed_pdf
from assets.demo.seed_document import SEED_DEPARTMENT, SEED_REGION, SEED_TITLE, SEED_YEAR

COLUMN_PATH = "/zwgk_1652/fdzdgknr/czyjs/bmys/"
LIST_PAGE_NAMES = ("index.html", "index_1.html")


@dataclass(frozen=True)
class DetailPage:
    path: str
    """Relative to the column, e.g. 202603/t20260305_16210431.html."""
    title: str
    date: str
    paragraphs: tuple[str, ...]
    attachment: AttachmentLink | None = None

    @property
    def article_id(self) -> str:
        return self.path.rsplit("_", 1)[1].removesuffix(".html")

    @property
    def attachment_path(self) -> str | None:
        """Column-relative path of the attachment file (the href is relative to the page)."""
        if self.attachment is None:
            return None
        return f"{self.path.rsplit('/', 1)[0]}/{self.attachment.file_name}"


SEED_PAGE = DetailPage(
    path="202603/t20260305_16210431.html",
    title=SEED_TITLE,
    date="2026-03-05",
    paragraphs=(
        f"根据《中华人民共和国预算法》和预决算公开的有关规定，现将{SEED_DEPARTMENT}"
        f"{SEED_YEAR}年部门预算予以公开。",
    ),
    attachment=AttachmentLink(
        file_name="P020260305583016472901.pdf",
        label=f"{SEED_TITLE}.pdf",
        protect_path="/protect/P0202603/P020260305/P020260305583016472901.pdf",
    ),
)

NOT_A_PDF_PAGE = DetailPage(
    path="202603/t20260304_16208877.html",
    title="克孜勒苏柯尔克孜自治州统计局2026年部门预算公开",
    date="2026-03-04",
    paragraphs=("现将克孜勒苏柯尔克孜自治州统计局2026年部门预算予以公开。",),
    attachment=AttachmentLink(
        file_name="P020260304470021938845.pdf",
        label="克孜勒苏柯尔克孜自治州统计局2026年部门预算公开.pdf",
        protect_path="/protect/P0202603/P020260304/P020260304470021938845.pdf",
    ),
)

NOTICE_PAGE = DetailPage(
    path="202602/t20260226_16190102.html",
    title="克孜勒苏柯尔克孜自治州财政局关于做好2027年州级部门预算编制工作的通知",
    date="2026-02-26",
    paragraphs=(
        "州直各部门：",
        "为做好2027年州级部门预算编制工作，现就有关事项通知如下：各部门要坚持零基预算理念，"
        "严格执行支出标准，于规定时间内报送部门预算建议数。",
    ),
)

# Newest first, as the CMS lists them; the seed shows up again on the second page.
LIST_PAGES: tuple[tuple[DetailPage, ...], ...] = (
    (SEED_PAGE, NOT_A_PDF_PAGE),
    (SEED_PAGE, NOTICE_PAGE),
)


@dataclass(frozen=True)
class ExpectedDisclosure:
    page_title: str
    detail_page: str
    listed_on: tuple[str, ...]
    attachment_path: str
    attachment_sha256: str
    document_title: str
    department: str
    region: str
    year: int
    doc_kind: str
    published: str


@dataclass(frozen=True)
class ExpectedTrap:
    kind: str
    page: str
    listed_on: tuple[str, ...]
    expected: str
    attachment_path: str | None = None


@dataclass(frozen=True)
class DemoPortal:
    """Where the demo site is and what a correct scraper finds there (URL paths are root-relative)."""

    root_dir: Path
    start_path: str
    list_pages: tuple[str, ...]
    detail_pages: tuple[str, ...]
    disclosures: tuple[ExpectedDisclosure, ...]
    traps: tuple[ExpectedTrap, ...]
    seed_pdf: Path

    def url(self, base_url: str, path: str | None = None) -> str:
        """Absolute URL of a site path (default: the start page) on a server at base_url."""
        return base_url.rstrip("/") + (path or self.start_path)

    def expected(self) -> dict[str, Any]:
        not_pdf = sum(t.kind == "attachment_not_pdf" for t in self.traps)
        return {
            "start_url": self.start_path,
            "list_pages": list(self.list_pages),
            "pagination": 'JavaScript only: createPageHTML(2, <current 0-based>, "index", "html")',
            "detail_pages": list(self.detail_pages),
            "disclosures": [asdict(d) for d in self.disclosures],
            "traps": [asdict(t) for t in self.traps],
            "expected_counts": {
                "list_pages": len(self.list_pages),
                "detail_pages": len(self.detail_pages),
                # Pages with an attachment link; the not-a-PDF one fails only at download.
                "detail_pages_with_attachment": len(self.disclosures) + not_pdf,
                "disclosures": len(self.disclosures),
                "pdf_downloads_ok": len(self.disclosures),
                "attachments_not_pdf": not_pdf,
            },
        }


def build_demo_portal(root_dir: Path | str) -> DemoPortal:
    """Write the demo site (pages, seed PDF, trap file, expected.json) under root_dir."""
    root = Path(root_dir)
    column_dir = root / COLUMN_PATH.strip("/")
    pages = {page.path: page for list_page in LIST_PAGES for page in list_page}
    for page in pages.values():
        target = column_dir / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            detail_page_html(page.title, page.date, page.article_id, page.paragraphs, page.attachment),
            encoding="utf-8",
        )
    seed_pdf = render_seed_pdf(column_dir / _required(SEED_PAGE.attachment_path))
    (column_dir / _required(NOT_A_PDF_PAGE.attachment_path)).write_text(ERROR_PAGE_HTML, encoding="utf-8")
    for index, (name, listed) in enumerate(zip(LIST_PAGE_NAMES, LIST_PAGES, strict=True)):
        items = [ListItem(f"./{page.path}", page.title, page.date) for page in listed]
        (column_dir / name).write_text(list_page_html(items, len(LIST_PAGES), index), encoding="utf-8")
    portal = _describe(root, seed_pdf)
    (root / "expected.json").write_text(
        json.dumps(portal.expected(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return portal


def _required(path: str | None) -> str:
    if path is None:
        raise ValueError("this page was declared with an attachment")
    return path


def _listed_on(page: DetailPage) -> tuple[str, ...]:
    return tuple(
        COLUMN_PATH + name for name, listed in zip(LIST_PAGE_NAMES, LIST_PAGES, strict=True) if page in listed
    )


def _describe(root: Path, seed_pdf: Path) -> DemoPortal:
    seed = ExpectedDisclosure(
        page_title=SEED_PAGE.title,
        detail_page=COLUMN_PATH + SEED_PAGE.path,
        listed_on=_listed_on(SEED_PAGE),
        attachment_path=COLUMN_PATH + _required(SEED_PAGE.attachment_path),
        attachment_sha256=hashlib.sha256(seed_pdf.read_bytes()).hexdigest(),
        document_title=SEED_TITLE,
        department=SEED_DEPARTMENT,
        region=SEED_REGION,
        year=SEED_YEAR,
        doc_kind="budget",
        published=SEED_PAGE.date,
    )
    traps = (
        ExpectedTrap(
            kind="js_pagination",
            page=COLUMN_PATH + LIST_PAGE_NAMES[0],
            listed_on=(),
            expected="the only way to index_1.html is the createPageHTML(2, 0, ...) call: follow it",
        ),
        ExpectedTrap(
            kind="duplicate_listing",
            page=seed.detail_page,
            listed_on=seed.listed_on,
            expected="the same detail page on both list pages: one disclosure, fetched once, no doubled facts",
        ),
        ExpectedTrap(
            kind="attachment_not_pdf",
            page=COLUMN_PATH + NOT_A_PDF_PAGE.path,
            listed_on=_listed_on(NOT_A_PDF_PAGE),
            attachment_path=COLUMN_PATH + _required(NOT_A_PDF_PAGE.attachment_path),
            expected="the .pdf answers 200 with an HTML error page (no %PDF- header): "
            "record a not-a-PDF error for this document, keep going, no facts",
        ),
        ExpectedTrap(
            kind="non_budget_notice",
            page=COLUMN_PATH + NOTICE_PAGE.path,
            listed_on=_listed_on(NOTICE_PAGE),
            expected="a 预算编制 notice without attachment: not a disclosure (skip it, or record it as skipped)",
        ),
    )
    return DemoPortal(
        root_dir=root,
        start_path=COLUMN_PATH + LIST_PAGE_NAMES[0],
        list_pages=tuple(COLUMN_PATH + name for name in LIST_PAGE_NAMES),
        detail_pages=tuple(dict.fromkeys(COLUMN_PATH + p.path for listed in LIST_PAGES for p in listed)),
        disclosures=(seed,),
        traps=traps,
        seed_pdf=seed_pdf,
    )
