"""Extraction results cached by content hash, so unchanged documents are never parsed twice.

The key is the document's sha256 plus a fingerprint of the extraction code (the source of the
modules that turn PDF bytes into located tables): changing any of them invalidates the cache by
itself, so a cached result is always what the current code would produce.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from dataclasses import replace
from functools import cache
from pathlib import Path

from .document import ExtractedDocument, Provenance, extract_document
from .staging import write_json

# Modules whose code decides what extract_document returns.
EXTRACTION_MODULES = (
    "assets.core.document",
    "assets.core.pdf_grid",
    "assets.core.pdfium_page",
    "assets.core.pdf_widths",
    "assets.core.table_finder",
    "assets.core.loose_rows",
    "assets.core.table_locate",
    "assets.core.table_specs",
    "assets.core.amounts",
    "assets.core.content_sniff",
)


@cache
def extractor_fingerprint() -> str:
    digest = hashlib.sha256()
    for name in EXTRACTION_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        source = Path(module.__file__ or "")
        digest.update(name.encode())
        if source.exists():
            digest.update(source.read_bytes())
        # Declared specs may live in data files beside the code.
        for data_file in sorted(source.parent.glob("specs/**/*.yaml")):
            digest.update(data_file.read_bytes())
    return digest.hexdigest()[:16]


def _cache_path(cache_dir: Path, sha256: str) -> Path:
    return cache_dir / f"{sha256}-{extractor_fingerprint()}.json"


def cached_extract(path: Path, prov: Provenance, cache_dir: Path | None) -> tuple[ExtractedDocument, bool]:
    """(document, hit): from the cache when this code has parsed these bytes before."""
    if cache_dir is None:
        return extract_document(path, prov), False
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    entry = _cache_path(cache_dir, sha256)
    if entry.exists():
        try:
            doc = ExtractedDocument.from_dict(json.loads(entry.read_text(encoding="utf-8")))
            # Same bytes may arrive from another URL: provenance is the caller's, not the cache's.
            return replace(doc, provenance=prov, seconds=0.0), True
        except (ValueError, KeyError, TypeError):
            entry.unlink(missing_ok=True)  # a damaged entry is re-extracted, never trusted
    doc = extract_document(path, prov)
    write_json(entry, doc.to_dict())
    return doc, False
