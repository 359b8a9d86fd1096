"""The static site of the demo release, loaded from the release folder (file://) in headless
Chromium: the index filters, a disclosure page's charts, and a number's link to its PDF page.
Screenshots go to tests/artifacts/ (git-ignored)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pdfplumber
import pyarrow.parquet as pq
import pytest

from assets.core.amounts import parse_amount
from tests.conftest import REPO
from tests.demo_release import demo_release
from tests.site.chromium import Browser, chromium_path

ARTIFACTS = REPO / "tests" / "artifacts"


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_release(tmp_path_factory)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    if executable is None:
        pytest.skip("Debian chromium is not installed (.ci/run and scripts/bootstrap install it)")
    with Browser(executable) as running:
        yield running


@pytest.fixture(scope="module")
def seed(release: Path) -> dict[str, Any]:
    return next(r for r in pq.read_table(release / "disclosures.parquet").to_pylist() if r["status"] == "ok")


def _visible_rows(browser: Browser) -> list[str]:
    return list(
        browser.evaluate(
            "Array.from(document.querySelectorAll('#disclosures tbody tr'))"
            ".filter(r => !r.hidden && r.offsetParent !== null).map(r => r.dataset.validation)"
        )
    )


def _choose(browser: Browser, element_id: str, value: str, event: str = "change") -> None:
    browser.evaluate(
        f"(() => {{ const e = document.getElementById('{element_id}'); e.value = {value!r};"
        f" e.dispatchEvent(new Event('{event}')); }})()"
    )


def test_index_lists_and_filters_disclosures(browser: Browser, release: Path, seed: dict[str, Any]) -> None:
    browser.open((release / "site" / "index.html").as_uri())

    assert sorted(_visible_rows(browser)) == ["not_validated", "warnings"]
    _choose(browser, "filter-validation", "warnings")
    assert _visible_rows(browser) == ["warnings"]
    assert browser.evaluate("document.getElementById('shown-count').textContent") == "1"
    _choose(browser, "filter-validation", "")
    _choose(browser, "filter-region", seed["region"])
    assert _visible_rows(browser) == ["warnings"]
    _choose(browser, "filter-region", "")
    _choose(browser, "filter-year", "2026")
    assert _visible_rows(browser) == ["warnings"]  # the rejected document has no year
    _choose(browser, "filter-year", "")
    _choose(browser, "filter-department", "人民政府办公室", event="input")
    assert _visible_rows(browser) == ["warnings"]
    _choose(browser, "filter-department", "没有这个部门", event="input")
    assert _visible_rows(browser) == []
    _choose(browser, "filter-department", "", event="input")
    browser.screenshot(ARTIFACTS / "site-index.png")


def test_disclosure_page_charts_and_source_links(browser: Browser, release: Path, seed: dict[str, Any]) -> None:
    browser.open((release / "site" / "index.html").as_uri())
    href = browser.evaluate(
        "document.querySelector('#disclosures tr[data-validation=\"warnings\"] a.disclosure-link').href"
    )
    browser.open(href)

    charts = browser.evaluate(
        "Array.from(document.querySelectorAll('svg.chart')).map(svg => ({key: svg.dataset.chart,"
        " width: svg.getBoundingClientRect().width,"
        " bars: Array.from(svg.querySelectorAll('rect.bar')).map(r => r.getBoundingClientRect().width)}))"
    )
    assert [c["key"] for c in charts] == ["funding", "functional", "basic_project", "three_public"]
    for chart in charts:
        assert chart["width"] > 100 and chart["bars"] and all(w > 0 for w in chart["bars"]), chart
    assert len(charts[1]["bars"]) == 4  # 201, 208, 210, 221

    facts = pq.read_table(release / "budget_facts.parquet").to_pylist()
    links = browser.evaluate("Array.from(document.querySelectorAll('details a.source-link')).map(a => a.href)")
    assert len(links) == len(facts)  # every number on the page links to its source page

    # The key figure 收入总计: its link opens the copy of the PDF at the page it was printed on.
    link = browser.evaluate(
        "Array.from(document.querySelectorAll('.figure')).find(f => f.textContent.includes('收入总计'))"
        ".querySelector('a.source-link').href"
    )
    total = next(f for f in facts if f["table_key"] == "income_expenditure_summary" and f["item"] == "收入总计")
    url = urlparse(link)
    pdf = Path(unquote(url.path))
    assert url.scheme == "file" and url.fragment == f"page={total['page']}"
    assert pdf == release / "documents" / f"{seed['sha256']}.pdf"
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() == seed["sha256"]
    with pdfplumber.open(pdf) as document:
        printed = document.pages[total["page"] - 1].crop(tuple(total["bbox"])).extract_text()
    assert parse_amount(printed) == total["amount"]

    # Offline: every resource the page loads is a file of the release, and the stylesheet applied.
    resources = browser.evaluate("Array.from(document.querySelectorAll('[src], link[href]')).map(e => e.src || e.href)")
    assert resources and all(r.startswith(release.as_uri()) for r in resources), resources
    header = browser.evaluate("getComputedStyle(document.querySelector('header.site')).backgroundColor")
    assert header == "rgb(22, 50, 79)"
    browser.screenshot(ARTIFACTS / "site-disclosure.png")
