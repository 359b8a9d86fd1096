"""`budget-facts corpus-report`: the pipeline over many documents, and how well it did.

Runs extract → normalize → validate on every document in parallel worker processes (progress
bar with ETA on stderr), then writes into the report directory:

- ``documents.csv``: one row per document — status, message, template family, doc_kind, year,
  department, core tables recognised, facts, identities checked / closed, findings, pages,
  seconds;
- ``summary_status.csv``, ``summary_family.csv``, ``summary_findings.csv``: documents by status;
  per family the core-table coverage and identity close rate; findings by check and severity;
- ``summary_disclosures.csv``: core-table coverage per disclosure (its documents together);
- ``identity_failures.csv``: every identity that does not close, with its amounts;
- ``report.html``: all of the above as one self-contained page;
- ``published/``: the published layout of all documents (as `budget-facts extract` writes it).
"""

from __future__ import annotations

import csv
import os
import sys
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from tqdm import tqdm

from .document import DISCLOSURE_STATUSES, ExtractedDocument, Provenance, normalize_document
from .local_run import ProcessedDocument, process_and_validate
from .publish_run import Collected, publish_collected
from .validation import IDENTITY_CHECKS

# File types picked up from a directory: PDFs and the other attachment types portals publish
# (the pipeline reports those as unsupported_format rather than skipping them silently).
DOCUMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".zip", ".rar", ".7z")
# The tables every family must have recognised (the 三公 table only where the document has one).
CORE_TABLES = (
    "income_expenditure_summary",
    "income_summary",
    "expenditure_summary",
    "fiscal_appropriation_summary",
    "general_budget_expenditure",
    "general_budget_basic_expenditure",
)
THREE_PUBLIC = "three_public_expenditure"
# Documents whose tables were looked for (coverage is measured on these).
WITH_TABLES = ("ok", "blocked", "no_standard_tables")


@dataclass
class ReportRow:
    """One document of the report."""

    file: str
    status: str
    message: str
    family: str
    doc_kind: str
    scope: str
    year: int | None
    department: str
    region: str
    disclosure_id: str
    core_required: int
    core_found: int
    core_missing: str
    tables: str  # table_keys recognised, comma-separated
    all_core: bool | None  # None: no tables to look for (negative or narrative)
    tables_found: int
    tables_unrecognized: int
    facts: int
    identities_checked: int
    identities_closed: int
    errors: int
    warnings: int
    pages: int | None
    seconds: float
    cached: bool
    meta_evidence: str


@dataclass
class CorpusReport:
    rows: list[ReportRow]
    failures: list[dict[str, Any]]  # identity findings that do not close, with file
    collected: Collected
    seconds: float
    jobs: int
    findings_by_check: Counter[tuple[str, str]] = field(default_factory=Counter)


def find_documents(inputs: Iterable[Path]) -> list[Path]:
    """Files given, and the documents under directories given (recursively, sorted)."""
    found: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES and not any(part.startswith(".") for part in p.parts)
            )
        elif path.is_file():
            found.append(path)
    return list(dict.fromkeys(found))


def run_one(path: Path, cache_dir: Path | None = None) -> tuple[ProcessedDocument, float]:
    """One document through the pipeline; a failure of the pipeline itself becomes a status."""
    started = time.perf_counter()
    try:
        item = process_and_validate(path, cache_dir)
    except Exception as exc:  # noqa: BLE001 - one bad document never stops the report
        item = pipeline_error(path, exc)
    return item, time.perf_counter() - started


def pipeline_error(path: Path, exc: BaseException) -> ProcessedDocument:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    message = f"pipeline error {type(exc).__name__}: {exc}{where}"[:500]
    doc = ExtractedDocument("", Provenance(document_url=str(path)), status="pipeline_error", message=message)
    return ProcessedDocument(path, normalize_document(doc))


def process_all(paths: Sequence[Path], jobs: int, cache_dir: Path | None) -> Iterator[tuple[ProcessedDocument, float]]:
    """Results as they complete; the largest files start first so no worker idles at the end."""
    ordered = sorted(paths, key=lambda p: p.stat().st_size, reverse=True)
    with tqdm(total=len(paths), unit="doc", file=sys.stderr, dynamic_ncols=True, desc="corpus-report") as bar:
        if jobs <= 1:
            for path in ordered:
                item, seconds = run_one(path, cache_dir)
                _tick(bar, item)
                yield item, seconds
            return
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures: dict[Future[tuple[ProcessedDocument, float]], Path] = {pool.submit(run_one, p, cache_dir): p for p in ordered}
            for future in as_completed(futures):
                try:
                    item, seconds = future.result()
                except Exception as exc:  # noqa: BLE001 - a worker that died (e.g. out of memory)
                    item, seconds = pipeline_error(futures[future], exc), 0.0
                _tick(bar, item)
                yield item, seconds


def _tick(bar: tqdm[Any], item: ProcessedDocument) -> None:
    bar.set_postfix_str(f"{item.path.name[:40]}: {item.result.disclosure['status']}", refresh=False)
    bar.update(1)


def build_report(paths: Sequence[Path], jobs: int | None = None, cache_dir: Path | None = None) -> CorpusReport:
    jobs = max(1, jobs or os.cpu_count() or 1)
    started = time.perf_counter()
    results = {item.path: (item, seconds) for item, seconds in process_all(paths, jobs, cache_dir)}
    rows, failures, collected = [], [], Collected()
    by_check: Counter[tuple[str, str]] = Counter()
    for path in paths:  # report order = input order, whatever order the workers finished in
        item, seconds = results[path]
        rows.append(report_row(item, seconds))
        collected.add(item.result, item.findings)
        by_check.update((f["check"], f["severity"]) for f in item.findings)
        failures += [{"file": path.name, **f} for f in item.findings if _is_identity_error(f)]
    return CorpusReport(rows, failures, collected, time.perf_counter() - started, jobs, by_check)


def report_row(item: ProcessedDocument, seconds: float) -> ReportRow:
    d = item.result.disclosure
    details = item.result.details
    found = set(d["tables_found"])
    required = [*CORE_TABLES, *([THREE_PUBLIC] if details.get("has_three_public") or THREE_PUBLIC in found else [])]
    looked = d["status"] in WITH_TABLES
    errors = sum(1 for f in item.findings if f["severity"] == "error")
    identity_errors = sum(1 for f in item.findings if _is_identity_error(f))
    return ReportRow(
        file=item.path.name,
        status=d["status"],
        message=d["message"] or "",
        family=details.get("family") or "",
        doc_kind=d["doc_kind"] or "",
        scope=d.get("scope") or "",
        year=d["year"],
        department=d["department"] or "",
        region=d["region"] or "",
        disclosure_id=d["disclosure_id"],
        core_required=len(required) if looked else 0,
        core_found=len(found & set(required)) if looked else 0,
        core_missing=", ".join(k for k in required if k not in found) if looked else "",
        tables=", ".join(sorted(found)),
        all_core=(found >= set(required)) if looked else None,
        tables_found=len(found),
        tables_unrecognized=len(item.result.raw_tables),
        facts=d["fact_count"],
        identities_checked=item.identities_checked,
        identities_closed=item.identities_checked - identity_errors,
        errors=errors,
        warnings=sum(1 for f in item.findings if f["severity"] == "warning"),
        pages=d["pages"],
        seconds=round(seconds, 2),
        cached=item.cache_hit,
        meta_evidence="; ".join(f"{k}: {v}" for k, v in details.get("meta_evidence", {}).items()),
    )


def _is_identity_error(finding: dict[str, Any]) -> bool:
    """An accounting identity that does not close within rounding (a difference within the
    bound is a ``*_rounding`` warning: it closes). Text and contract checks are not identities."""
    return finding["severity"] == "error" and finding["check"] in IDENTITY_CHECKS


# --- summaries ------------------------------------------------------------------------------


def summary_by_status(rows: Sequence[ReportRow]) -> list[dict[str, Any]]:
    counts = Counter(r.status for r in rows)
    return [{"status": s, "documents": n, "share": _rate(n, len(rows))} for s, n in counts.most_common()]


def summary_by_family(rows: Sequence[ReportRow]) -> list[dict[str, Any]]:
    """Per template family, over documents whose tables were looked for."""
    groups: dict[str, list[ReportRow]] = defaultdict(list)
    for r in rows:
        if r.all_core is not None:
            groups[r.family or "(unknown)"].append(r)
    out = []
    for family, members in sorted(groups.items()):
        out.append(_family_line(family, members))
    if groups:
        out.append(_family_line("all", [r for r in rows if r.all_core is not None]))
    return out


def _family_line(family: str, members: Sequence[ReportRow]) -> dict[str, Any]:
    checked = sum(r.identities_checked for r in members)
    closed = sum(r.identities_closed for r in members)
    complete = sum(1 for r in members if r.all_core)
    return {
        "family": family,
        "documents": len(members),
        "all_core_tables": complete,
        "core_coverage_rate": _rate(complete, len(members)),
        "core_tables_found": f"{sum(r.core_found for r in members)}/{sum(r.core_required for r in members)}",
        "identities_checked": checked,
        "identities_closed": closed,
        "identity_close_rate": _rate(closed, checked),
        "facts": sum(r.facts for r in members),
        "errors": sum(r.errors for r in members),
        "warnings": sum(r.warnings for r in members),
    }


def summary_by_disclosure(rows: Sequence[ReportRow]) -> list[dict[str, Any]]:
    """Per family, over disclosures (documents sharing a disclosure_id): core tables recognised
    in any of their documents; disclosures whose documents are all narratives (the tables
    attachment was not among the inputs) are counted apart."""
    groups: dict[str, list[ReportRow]] = defaultdict(list)
    for r in rows:
        if r.status in DISCLOSURE_STATUSES:
            groups[r.disclosure_id].append(r)
    by_family: dict[str, list[tuple[bool, bool]]] = defaultdict(list)  # (has tables, all core)
    for members in groups.values():
        family = next((r.family for r in members if r.family), "(unknown)")
        found = {k for r in members for k in r.tables.split(", ") if k}
        three_public = any(r.core_required > len(CORE_TABLES) for r in members)  # a document has one
        required = {*CORE_TABLES, *([THREE_PUBLIC] if three_public else [])}
        with_tables = any(r.all_core is not None for r in members)
        by_family[family].append((with_tables, with_tables and required <= found))
    out = []
    for family, items in [*sorted(by_family.items()), ("all", [i for v in by_family.values() for i in v])]:
        if not items:
            continue
        tabled = [complete for has, complete in items if has]
        out.append(
            {
                "family": family,
                "disclosures": len(items),
                "with_tables": len(tabled),
                "narrative_only": len(items) - len(tabled),
                "all_core_tables": sum(tabled),
                "core_coverage_rate": _rate(sum(tabled), len(tabled)),
            }
        )
    return out


def summary_findings(by_check: Counter[tuple[str, str]]) -> list[dict[str, Any]]:
    return [{"check": c, "severity": s, "findings": n} for (c, s), n in sorted(by_check.items(), key=lambda x: (-x[1], x[0]))]


def _rate(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else ""


# --- writing --------------------------------------------------------------------------------


def write_report(report: CorpusReport, out_dir: Path) -> dict[str, Path]:
    from .corpus_report_html import render_html

    out_dir.mkdir(parents=True, exist_ok=True)
    written = {
        "documents.csv": _write_csv(out_dir / "documents.csv", [asdict(r) for r in report.rows], [f.name for f in fields(ReportRow)]),
        "summary_status.csv": _write_csv(out_dir / "summary_status.csv", summary_by_status(report.rows)),
        "summary_family.csv": _write_csv(out_dir / "summary_family.csv", summary_by_family(report.rows)),
        "summary_disclosures.csv": _write_csv(out_dir / "summary_disclosures.csv", summary_by_disclosure(report.rows)),
        "summary_findings.csv": _write_csv(out_dir / "summary_findings.csv", summary_findings(report.findings_by_check)),
        "identity_failures.csv": _write_csv(
            out_dir / "identity_failures.csv",
            report.failures,
            ["file", "disclosure_id", "check", "severity", "tables", "code_or_item", "expected", "actual", "difference", "message", "pages"],
        ),
    }
    html_path = out_dir / "report.html"
    html_path.write_text(render_html(report), encoding="utf-8")
    written["report.html"] = html_path
    for name, path in publish_collected(report.collected, out_dir / "published").items():
        written[f"published/{name}"] = path
    return written


def _write_csv(path: Path, rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> Path:
    columns = list(columns or (rows[0].keys() if rows else []))
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({k: ("" if v is None else v) for k, v in row.items()} for row in rows)
    return path


def corpus_report(inputs: Sequence[Path], out_dir: Path, jobs: int | None = None, cache_dir: Path | None = None) -> CorpusReport:
    """Find the documents, run them all, write the report; returns it (for tests and callers)."""
    paths = find_documents(inputs)
    report = build_report(paths, jobs, cache_dir)
    write_report(report, out_dir)
    status = ", ".join(f"{line['status']} {line['documents']}" for line in summary_by_status(report.rows))
    print(
        f"corpus-report: {len(paths)} documents in {report.seconds:.0f}s ({report.jobs} jobs): {status} → {out_dir / 'report.html'}",
        file=sys.stderr,
    )
    return report
