"""A generated portal of 1,000 detail pages served locally: the scraper finds every
disclosure, and a second run against the unchanged portal downloads nothing (slow: run with
`pytest -m slow tests/scrape/test_scale.py -s`; bench/scrape_portal.py prints the same)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.scrape_portal import run

PAGES = 1000


@pytest.mark.slow
def test_thousand_detail_pages(tmp_path: Path) -> None:
    first, second = run(PAGES, per_page=20, concurrency=4, runs=2, work=tmp_path)
    assert first["disclosures"] == first["new"] == PAGES and not first["truncated"]
    assert first["requests"] == first["expected_first_run_requests"]  # robots + 50 lists + 1000 + 1000
    assert second["new"] == second["changed"] == 0 and second["disclosures"] == PAGES
    assert second["attachments_unchanged"] == PAGES and second["bytes_received"] < 10_000
    print(f"\n[scale] {PAGES} detail pages: run 1 {first['requests']} requests in {first['seconds']} s; "
          f"run 2 {second['requests']} requests ({second['not_modified']} not modified) in {second['seconds']} s")
