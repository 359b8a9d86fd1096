"""Write the static site of a release: ``site/index.html``, a page per disclosure, static files."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from ..publish_paths import SITE_DIR, site_page
from .pages import disclosure_page, index_page

Row = Mapping[str, Any]
STATIC_FILES = ("site.css", "site.js")


def build_site(
    release_dir: Path,
    disclosures: Sequence[Row],
    facts: Mapping[str, Sequence[Row]],
    findings: Mapping[str, Sequence[Row]],
    document_links: Mapping[str, str],
    downloads: Mapping[str, Sequence[tuple[str, str]]],
    release_files: Sequence[tuple[str, str]],
) -> list[Path]:
    """Pages for ``disclosures`` (one row per disclosure); ``facts``/``findings``/``downloads`` by
    disclosure_id; ``document_links``: sha256 → release-relative PDF path; paths in
    ``downloads``/``release_files`` are (label, release-relative path or absolute URL)."""
    site = release_dir / SITE_DIR
    (site / "static").mkdir(parents=True, exist_ok=True)
    (site / "disclosures").mkdir(parents=True, exist_ok=True)
    written = []
    for name in STATIC_FILES:
        target = site / "static" / name
        target.write_text(resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8"), encoding="utf-8")
        written.append(target)
    pages = {str(d["disclosure_id"]): site_page(str(d["disclosure_id"])) for d in disclosures}
    for d in disclosures:
        disclosure_id = str(d["disclosure_id"])
        html = disclosure_page(
            d, facts.get(disclosure_id, ()), findings.get(disclosure_id, ()), downloads.get(disclosure_id, ()), document_links
        )
        target = release_dir / pages[disclosure_id]
        target.write_text(html, encoding="utf-8")
        written.append(target)
    counts = {k: len(v) for k, v in findings.items()}
    index = site / "index.html"
    index.write_text(index_page(disclosures, pages, counts, release_files), encoding="utf-8")
    written.append(index)
    return written
