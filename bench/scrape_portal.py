"""Scraper benchmark: a generated TRS-CMS column of N detail pages served on 127.0.0.1.

    .venv/bin/python -m bench.scrape_portal [--pages 1000] [--per-page 20] [--concurrency 4] [--runs 2]

Generates the portal (assets/demo/generated_portal.py: list pages with createPageHTML
pagination, one small PDF per detail page), serves it from a local thread, and runs the
scraper (scrape_run.scrape: robots.txt, discovery, downloads, disclosure identities, manifest)
`--runs` times against it with the conditional-GET cache: run 1 downloads everything, later
runs against the unchanged portal should download nothing. Prints one line per run (requests,
304s, bytes, seconds, disclosures found / new) and a JSON summary. Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any


def run(pages: int, per_page: int, concurrency: int, runs: int, work: Path) -> list[dict[str, Any]]:
    from assets.core.portal_sources import generic_source
    from assets.core.scrape_run import scrape
    from assets.demo.generated_portal import write_generated_portal
    from assets.demo.server import serve_directory

    started = time.perf_counter()
    portal = write_generated_portal(work / "site", detail_pages=pages, per_page=per_page)
    print(f"generated {pages} detail pages on {portal.list_pages} list pages in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    results = []
    with serve_directory(work / "site") as base:
        source = generic_source([base + portal.start_path])
        source = replace(
            source,
            politeness=replace(source.politeness, max_per_host=concurrency),
            limits=replace(source.limits, max_pages=pages + portal.list_pages + 10),
        )
        for n in range(1, runs + 1):
            result = scrape([source], work / "raw", work / "staged", work / "http_cache", log=lambda _: None)
            stats = {k: result.stats[k] for k in ("requests", "not_modified", "bytes_received", "seconds", "disclosures", "new", "changed", "attachments", "attachments_unchanged", "truncated")}
            stats.update(run=n, expected_first_run_requests=portal.requests_expected)
            results.append(stats)
            print(
                f"run {n}: {stats['requests']} requests ({stats['not_modified']} not modified), "
                f"{stats['bytes_received']:,} bytes, {stats['seconds']} s; {stats['disclosures']} disclosures "
                f"({stats['new']} new), {stats['attachments_unchanged']}/{stats['attachments']} attachments unchanged",
                file=sys.stderr,
            )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--per-page", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=4, help="simultaneous requests to the portal")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--work-dir", type=Path, default=None, help="keep the portal and data here (default: a temporary directory)")
    args = parser.parse_args(argv)
    if args.work_dir:
        args.work_dir.mkdir(parents=True, exist_ok=True)
        results = run(args.pages, args.per_page, args.concurrency, args.runs, args.work_dir)
    else:
        with tempfile.TemporaryDirectory(prefix="budget-facts-scrape-bench-") as work:
            results = run(args.pages, args.per_page, args.concurrency, args.runs, Path(work))
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
