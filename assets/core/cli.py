"""`budget-facts`: the command-line entry point."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _extract(args: argparse.Namespace) -> int:
    from .local_run import extract_to_directory

    missing = [p for p in args.files if not p.exists()]
    for path in missing:
        print(f"budget-facts: no such file: {path}", file=sys.stderr)
    files = [p for p in args.files if p.exists()]
    if not files:
        return 2
    extract_to_directory(files, args.out, jobs=args.jobs, cache_dir=None if args.no_cache else args.cache_dir)
    return 0


def _scrape(args: argparse.Namespace) -> int:
    from .portal_sources import SourceError
    from .scrape_run import scrape_to_directory

    if not args.urls and not args.source:
        print("budget-facts: give entry URLs, source names or --source NAME", file=sys.stderr)
        return 2
    data_dir = args.data_dir or Path(os.environ.get("BUDGET_FACTS_DATA_DIR") or "data")
    try:
        result = scrape_to_directory(
            args.urls, args.out, data_dir.resolve(), args.source, not args.no_cache, log=_stderr
        )
    except SourceError as exc:
        print(f"budget-facts: {exc}", file=sys.stderr)
        return 2
    stats = result.stats
    _stderr(
        f"{stats['disclosures']} disclosures ({stats['new']} new, {stats['changed']} changed), "
        f"{stats['attachments']} attachments ({stats['attachments_failed']} failed, "
        f"{stats['attachments_unchanged']} unchanged); {stats['requests']} requests, "
        f"{stats['not_modified']} not modified, {stats['bytes_received']} bytes in {stats['seconds']} s "
        f"→ {args.out / 'disclosures.parquet'}"
    )
    return 0


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _corpus_report(args: argparse.Namespace) -> int:
    from .corpus_report import corpus_report, find_documents

    missing = [p for p in args.inputs if not p.exists()]
    for path in missing:
        print(f"budget-facts: no such file or directory: {path}", file=sys.stderr)
    if not find_documents(args.inputs):
        print("budget-facts: no documents found", file=sys.stderr)
        return 2
    corpus_report(args.inputs, args.out, jobs=args.jobs, cache_dir=None if args.no_cache else args.cache_dir)
    return 0


def default_cache_dir() -> Path:
    """Extraction cache: $BUDGET_FACTS_CACHE_DIR, else the user's cache directory."""
    explicit = os.environ.get("BUDGET_FACTS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "budget-facts" / "extract"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="budget-facts",
        description="Chinese government budget disclosures (部门预算/决算) → validated open data.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser(
        "extract",
        help="run extract → normalize → validate → publish on local files",
        description="Run the pipeline on local PDF files and write the published layout into OUT "
        "(budget_facts, disclosures, findings as Parquet and CSV, datapackage.json).",
    )
    extract.add_argument("files", nargs="+", type=Path, metavar="FILE")
    extract.add_argument("--out", type=Path, required=True, help="output directory")
    extract.add_argument("--jobs", type=int, default=None, help="parallel worker processes (default: cores)")
    extract.add_argument(
        "--cache-dir",
        type=Path,
        default=default_cache_dir(),
        help="extraction cache by content hash (default: $BUDGET_FACTS_CACHE_DIR or ~/.cache/budget-facts/extract)",
    )
    extract.add_argument("--no-cache", action="store_true", help="parse every document again")
    extract.set_defaults(func=_extract)
    report = commands.add_parser(
        "corpus-report",
        help="run the pipeline over many documents and report how well it did",
        description="Run extract → normalize → validate over every document given (directories: their "
        "PDFs and other attachments, recursively) in parallel, and write into OUT a per-document report "
        "and a summary (CSV and report.html) and the published layout of all documents (OUT/published).",
    )
    report.add_argument("inputs", nargs="+", type=Path, metavar="DIR_OR_FILE")
    report.add_argument("--out", type=Path, required=True, help="report directory")
    report.add_argument("--jobs", type=int, default=None, help="parallel worker processes (default: all cores)")
    report.add_argument("--cache-dir", type=Path, default=default_cache_dir(), help="extraction cache (as for extract)")
    report.add_argument("--no-cache", action="store_true", help="parse every document again")
    report.set_defaults(func=_corpus_report)
    scrape = commands.add_parser(
        "scrape",
        help="discover disclosures on portals and download their attachments",
        description="Crawl the portals whose entry (list) pages are given — generic CMS rules, or the "
        "declared portal source named by --source (sources/*.yaml) — store their attachments in the raw "
        "store as the pipeline does (BUDGET_FACTS_DATA_DIR or --data-dir) and write OUT/disclosures.parquet "
        "and .csv: one row per disclosure found (department × year × kind) with its pages, attachment "
        "URLs, sha256 and status.",
    )
    scrape.add_argument("urls", nargs="*", metavar="URL", help="entry (list) page URLs, or declared source names")
    scrape.add_argument("--out", type=Path, required=True, help="output directory")
    scrape.add_argument("--source", default=None, help="declared portal source (sources/NAME.yaml) to apply")
    scrape.add_argument("--data-dir", type=Path, default=None, help="data directory (default: $BUDGET_FACTS_DATA_DIR or ./data)")
    scrape.add_argument("--no-cache", action="store_true", help="no conditional requests: download everything again")
    scrape.set_defaults(func=_scrape)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
