"""One benchmark worker process: runs a mode over files, prints one JSON line of figures."""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path


def baseline(files: list[Path]) -> dict:
    """Naive pdfplumber: every page opened and `extract_tables()` called."""
    import pdfplumber

    pages = 0
    for path in files:
        try:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_tables()
                    page.close()
                    pages += 1
        except Exception:  # noqa: BLE001 - a broken file costs what it costs, as in the pipeline
            continue
    return {"pages": pages, "documents": len(files), "stages": {}}


def pipeline(files: list[Path], cache_dir: Path | None) -> dict:
    """The CLI path: extract (cached) and normalize per file, validation per chunk of files
    (one GX suite run per table per chunk, and the rules over the page texts, as ``local_run``
    does)."""
    from assets.core.document import (
        DocumentResult,
        ExtractedDocument,
        Provenance,
        normalize_document,
        page_texts,
    )
    from assets.core.extract_cache import cached_extract
    from assets.core.local_run import CHUNK
    from assets.core.validation import batch_contracts, validate_result

    stages = {"extract": 0.0, "normalize": 0.0, "validate": 0.0}
    pages = parsed = pdfium_pages = 0
    pending: list[tuple[DocumentResult, ExtractedDocument]] = []

    def validate_pending() -> None:
        t0 = time.perf_counter()
        results = [result for result, _ in pending]
        for (result, doc), contracts in zip(pending, batch_contracts(results), strict=True):
            validate_result(result, contracts, page_texts(doc))
        stages["validate"] += time.perf_counter() - t0
        pending.clear()

    for path in files:
        t0 = time.perf_counter()
        doc, hit = cached_extract(path, Provenance(document_url=str(path)), cache_dir)
        t1 = time.perf_counter()
        pending.append((normalize_document(doc), doc))
        t2 = time.perf_counter()
        stages["extract"] += t1 - t0
        stages["normalize"] += t2 - t1
        pages += doc.pages or 0
        parsed += 0 if hit else 1
        pdfium_pages += 0 if hit else doc.pages_pdfium
        if len(pending) >= CHUNK:
            validate_pending()
    validate_pending()
    return {"pages": pages, "documents": len(files), "parsed": parsed, "pdfium_pages": pdfium_pages, "stages": stages}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["baseline", "pipeline"])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--cache-dir", type=Path, default=None)
    args = parser.parse_args()
    if args.mode == "pipeline":
        # Library imports (GX takes seconds) are a per-process constant, not per-document work.
        import expectations.budget_facts  # noqa: F401
        import expectations.runner  # noqa: F401

        started = time.perf_counter()
        figures = pipeline(args.files, args.cache_dir)
    else:
        import pdfplumber  # noqa: F401

        started = time.perf_counter()
        figures = baseline(args.files)
    figures["seconds"] = time.perf_counter() - started
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
