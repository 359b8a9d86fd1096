"""Changes to the demo portal between simulated nights: a new disclosure, a re-published file,
a withdrawn page. The site is the generated demo portal (assets/demo/portal_site.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from assets.demo.portal_html import AttachmentLink, ListItem, detail_page_html, list_page_html
from assets.demo.portal_site import (
    COLUMN_PATH,
    LIST_PAGE_NAMES,
    LIST_PAGES,
    NOT_A_PDF_PAGE,
    SEED_PAGE,
    DetailPage,
)
from assets.demo.render_pdf import render_document_pdf
from assets.demo.seed_document import SEED_YEAR, load_seed_document

NEW_DEPARTMENT = "克孜勒苏柯尔克孜自治州财政局"
NEW_TITLE = f"{NEW_DEPARTMENT}{SEED_YEAR}年部门预算公开"
NEW_PAGE = DetailPage(
    path="202603/t20260310_16230001.html",
    title=NEW_TITLE,
    date="2026-03-10",
    paragraphs=(f"现将{NEW_DEPARTMENT}{SEED_YEAR}年部门预算予以公开。",),
    attachment=AttachmentLink(
        file_name="P020260310000000000001.pdf",
        label=f"{NEW_TITLE}.pdf",
        protect_path="/protect/P0202603/P020260310/P020260310000000000001.pdf",
    ),
)


def column(site: Path) -> Path:
    return site / COLUMN_PATH.strip("/")


def write_first_list_page(site: Path, pages: list[DetailPage]) -> None:
    items = [ListItem(f"./{p.path}", p.title, p.date) for p in pages]
    (column(site) / LIST_PAGE_NAMES[0]).write_text(list_page_html(items, len(LIST_PAGES), 0), encoding="utf-8")


def add_new_disclosure(site: Path) -> None:
    """Another department's 2026 budget (the seed's tables under its name) on the first list page."""
    document = dataclasses.replace(load_seed_document(), department=NEW_DEPARTMENT, title=NEW_TITLE)
    page = column(site) / NEW_PAGE.path
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(
        detail_page_html(NEW_PAGE.title, NEW_PAGE.date, NEW_PAGE.article_id, NEW_PAGE.paragraphs, NEW_PAGE.attachment),
        encoding="utf-8",
    )
    render_document_pdf(document, column(site) / str(NEW_PAGE.attachment_path))
    write_first_list_page(site, [NEW_PAGE, *LIST_PAGES[0]])


def republish_seed(site: Path) -> None:
    """The office replaces the seed PDF with a re-saved copy: same content, different bytes."""
    pdf = column(site) / str(SEED_PAGE.attachment_path)
    pdf.write_bytes(pdf.read_bytes() + b"\n% re-published by the office\n")


def withdraw_not_a_pdf_page(site: Path) -> None:
    """The page whose attachment was an HTML error page is taken off the list."""
    write_first_list_page(site, [NEW_PAGE, *(p for p in LIST_PAGES[0] if p != NOT_A_PDF_PAGE)])
