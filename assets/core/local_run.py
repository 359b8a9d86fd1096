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

from .document import DocumentResult, Provenance, normalize_document, page_texts
from .extract_cache import cached_extract
from .publish_run import Collected, publish_collected
from .validation import batch_contracts, validate_result

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
    outcome = validate_result(result, page_texts=page_texts(extracted))
    return ProcessedDocument(path, result, outcome.findings, outcome.identities_checked, hit)


# Documents validated together: one GX suite run per table per chunk (see batch_contracts).
CHUNK = 16


def process_and_validate_chunk(paths: list[Path], cache_dir: Path | None = None) -> list[ProcessedDocument]:
    """Files through extract and normalize, then validated together (a unit of parallel work);
    the same outcome as ``process_and_validate`` per file, with far fewer GX suite runs."""
    extracted = [cached_extract(path, Provenance(document_url=str(path)), cache_dir) for path in paths]
    results = [normalize_document(doc) for doc, _ in extracted]
    contracts = batch_contracts(results)
    done = []
    for path, (doc, hit), result, outcomes in zip(paths, extracted, results, contracts, strict=True):
        outcome = validate_result(result, outcomes, page_texts(doc))
        done.append(ProcessedDocument(path, result, outcome.findings, outcome.identities_checked, hit))
    return done


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

    # Chunks small enough to keep every worker busy and progress flowing.
    size = max(1, min(CHUNK, -(-len(paths) // max(1, jobs * 2))))
    chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
    if jobs <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            for item in process_and_validate_chunk(chunk, cache_dir):
                done.append(item)
                report(item)
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for items in pool.map(partial(process_and_validate_chunk, cache_dir=cache_dir), chunks):
                for item in items:
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
