"""Run extract → normalize → validate → publish over local files, without the scheduler.

The journalists' path (`budget-facts extract`) and the project's own checks use it; the Dagster
assets call the same functions stage by stage.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .document import DocumentResult, Provenance, normalize_document
from .extract_cache import cached_extract
from .publish_run import Collected, publish_collected
from .validation import validate_result

Progress = Callable[[str], None]


def stderr_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class ProcessedDocument:
    path: Path
    result: DocumentResult
    findings: list[dict[str, Any]] = field(default_factory=list)
    identities_checked: int = 0
    cache_hit: bool = False


def process_and_validate(path: Path, cache_dir: Path | None = None) -> ProcessedDocument:
    """One file through extract, normalize and validate (a unit of parallel work)."""
    extracted, hit = cached_extract(path, Provenance(document_url=str(path)), cache_dir)
    result = normalize_document(extracted)
    outcome = validate_result(result)
    return ProcessedDocument(path, result, outcome.findings, outcome.identities_checked, hit)


def process_files(
    paths: Iterable[Path], jobs: int = 1, progress: Progress = stderr_progress, cache_dir: Path | None = None
) -> list[ProcessedDocument]:
    paths = list(paths)
    done: list[ProcessedDocument] = []

    def report(item: ProcessedDocument) -> None:
        d = item.result.disclosure
        progress(
            f"[{len(done)}/{len(paths)}] {item.path.name}: {d['status']}"
            f" · {d['fact_count']} facts · {len(item.findings)} findings · {item.result.seconds:.1f}s"
            + (" (cached extraction)" if item.cache_hit else "")
            + (f" · {d['message']}" if d["message"] else "")
        )

    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            done.append(process_and_validate(path, cache_dir))
            report(done[-1])
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for item in pool.map(partial(process_and_validate, cache_dir=cache_dir), paths):
                done.append(item)
                report(item)
    return done


def extract_to_directory(
    paths: list[Path],
    out_dir: Path,
    jobs: int | None = None,
    progress: Progress = stderr_progress,
    cache_dir: Path | None = None,
) -> dict[str, Path]:
    jobs = jobs or min(os.cpu_count() or 1, max(1, len(paths)))
    items = process_files(paths, jobs=jobs, progress=progress, cache_dir=cache_dir)
    collected = Collected()
    for item in items:
        collected.add(item.result, item.findings)
    written = publish_collected(collected, out_dir)
    ok = sum(1 for d in collected.disclosures if d["status"] == "ok")
    progress(
        f"published {len(collected.facts)} facts from {ok}/{len(collected.disclosures)} documents,"
        f" {len(collected.findings)} findings → {out_dir}"
    )
    return written
