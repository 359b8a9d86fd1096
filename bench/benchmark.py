"""Throughput benchmark: the full extract → normalize → validate path against naive pdfplumber.

    .venv/bin/python -m bench.benchmark [FILES_OR_DIRS ...] [--limit N] [--modes ...]

Default input: ../shared/corpus/real. Every measurement runs in fresh worker processes (so peak
RSS is per worker and nothing is warm from another mode), all in the same run on the same machine:

- baseline      pdfplumber: open every page, `extract_tables()`, close (one process)
- pipeline      extract → normalize → validate, no cache (one process), with the per-stage split
                and the pages read by pdfium (the rest are parsed by pdfplumber)
- pipeline-2p   the same over two worker processes (files balanced by pages)
- rerun         the pipeline again over a warm extraction cache (counts PDFs parsed)
- largest       the pipeline on the largest document alone (peak RSS of one worker)

Prints pages/s, documents/min (over the busy time of the slowest worker: process start and
library imports are a constant per process and left out; wall time is printed too), peak RSS and
the ratios to the baseline.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = REPO.parent / "shared" / "corpus" / "real"


def pdf_files(inputs: list[Path]) -> list[Path]:
    """The PDFs among the given files and folders (a PDF header in the first KiB); missing
    paths are skipped."""
    files: list[Path] = []
    for item in inputs:
        files.extend(sorted(item.glob("*.pdf")) if item.is_dir() else [item] if item.is_file() else [])
    return [f for f in files if _starts_as_pdf(f)]


def _starts_as_pdf(path: Path) -> bool:
    with path.open("rb") as handle:
        return b"%PDF-" in handle.read(1024)


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """The PDFs to run over: files or folders (default ../shared/corpus/real), and --limit."""
    parser.add_argument("inputs", nargs="*", type=Path, default=[DEFAULT_INPUT])
    parser.add_argument("--limit", type=int, default=None, help="only the first N PDFs (sorted by name)")


def selected_files(args: argparse.Namespace, tool: str) -> list[Path]:
    """The PDFs named by add_input_arguments' arguments; says so on stderr when there are none."""
    files = pdf_files(args.inputs)[: args.limit]
    if not files:
        print(f"{tool}: no PDF input (is ../shared/corpus/real beside the repository?)", file=sys.stderr)
    return files


def page_count(path: Path) -> int:
    import pypdfium2

    try:
        return len(pypdfium2.PdfDocument(str(path)))
    except Exception:  # noqa: BLE001 - unreadable files count as 0 pages
        return 0


def run_worker(mode: str, files: list[Path], cache_dir: Path | None = None) -> subprocess.Popen[str]:
    args = [sys.executable, "-m", "bench.worker", mode, *map(str, files)]
    if cache_dir is not None:
        args += ["--cache-dir", str(cache_dir)]
    return subprocess.Popen(args, cwd=REPO, stdout=subprocess.PIPE, text=True)


def collect(processes: list[subprocess.Popen[str]]) -> list[dict]:
    results = []
    for process in processes:
        out, _ = process.communicate()
        if process.returncode != 0:
            raise SystemExit(f"benchmark worker failed (exit {process.returncode})")
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def measure(label: str, mode: str, groups: list[list[Path]], cache_dir: Path | None = None) -> dict:
    print(f"… {label}: {sum(len(g) for g in groups)} documents in {len(groups)} process(es)", file=sys.stderr, flush=True)
    started = time.perf_counter()
    results = collect([run_worker(mode, group, cache_dir) for group in groups if group])
    wall = time.perf_counter() - started
    merged: dict = {"label": label, "wall": wall, "processes": len(results)}
    merged["pages"] = sum(r["pages"] for r in results)
    merged["documents"] = sum(r["documents"] for r in results)
    merged["parsed"] = sum(r.get("parsed", r["documents"]) for r in results)
    merged["pdfium_pages"] = sum(r.get("pdfium_pages", 0) for r in results)
    merged["peak_rss_mb"] = max(r["peak_rss_mb"] for r in results)
    merged["stages"] = {}
    for r in results:
        for stage, seconds in r.get("stages", {}).items():
            merged["stages"][stage] = merged["stages"].get(stage, 0.0) + seconds
    # Throughput over the processing time of the slowest worker (imports excluded: a constant).
    busy = max(r["seconds"] for r in results)
    merged["busy"] = busy
    merged["pages_per_s"] = merged["pages"] / busy if busy else 0.0
    merged["docs_per_min"] = merged["documents"] / busy * 60 if busy else 0.0
    return merged


def balanced_halves(files: list[Path], pages: dict[Path, int]) -> list[list[Path]]:
    halves: list[list[Path]] = [[], []]
    load = [0, 0]
    for f in sorted(files, key=lambda f: -pages[f]):
        i = 0 if load[0] <= load[1] else 1
        halves[i].append(f)
        load[i] += pages[f]
    return halves


def print_report(rows: list[dict]) -> None:
    base = next((r for r in rows if r["label"] == "baseline"), None)
    single = next((r for r in rows if r["label"] == "pipeline"), None)
    print(f"\n{'mode':<14}{'docs':>6}{'parsed':>8}{'pages':>7}{'wall s':>9}{'busy s':>9}{'pages/s':>9}{'docs/min':>10}{'peak RSS MB':>13}{'× baseline':>12}")
    for r in rows:
        ratio = f"{r['pages_per_s'] / base['pages_per_s']:.2f}" if base and base["pages_per_s"] else "-"
        print(
            f"{r['label']:<14}{r['documents']:>6}{r['parsed']:>8}{r['pages']:>7}{r['wall']:>9.1f}{r['busy']:>9.1f}"
            f"{r['pages_per_s']:>9.1f}{r['docs_per_min']:>10.1f}{r['peak_rss_mb']:>13.0f}{ratio:>12}"
        )
    if single and single["pages"]:
        print(f"\npages read by pdfium (1 process): {single['pdfium_pages']} of {single['pages']}; the rest parsed by pdfplumber")
    if single and single["stages"]:
        total = sum(single["stages"].values())
        split = ", ".join(f"{k} {v:.1f}s ({v / total:.0%})" for k, v in single["stages"].items())
        print(f"pipeline stage split (1 process): {split}")
    two = next((r for r in rows if r["label"] == "pipeline-2p"), None)
    if single and two and single["pages_per_s"]:
        print(f"two processes vs one: {two['pages_per_s'] / single['pages_per_s']:.2f}×")
    if base and single and base["pages_per_s"]:
        print(f"pipeline vs naive baseline (1 process): {single['pages_per_s'] / base['pages_per_s']:.2f}×")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_arguments(parser)
    parser.add_argument(
        "--modes",
        default="baseline,pipeline,pipeline-2p,rerun,largest",
        help="comma-separated subset of: baseline, pipeline, pipeline-2p, rerun, largest",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    files = selected_files(args, "benchmark")
    if not files:
        return 2
    pages = {f: page_count(f) for f in files}
    print(f"benchmark: {len(files)} PDFs, {sum(pages.values())} pages", file=sys.stderr)
    modes = args.modes.split(",")
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as cache:
        if "baseline" in modes:
            rows.append(measure("baseline", "baseline", [files]))
        if "pipeline" in modes:
            rows.append(measure("pipeline", "pipeline", [files]))
        if "pipeline-2p" in modes:
            rows.append(measure("pipeline-2p", "pipeline", balanced_halves(files, pages)))
        if "rerun" in modes:
            measure("cache-fill", "pipeline", [files], Path(cache))
            rows.append(measure("rerun", "pipeline", [files], Path(cache)))
        if "largest" in modes:
            largest = max(files, key=lambda f: pages[f])
            print(f"largest document: {largest.name} ({pages[largest]} pages)", file=sys.stderr)
            rows.append(measure("largest", "pipeline", [[largest]]))
    print_report(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
