"""Copies of the source PDFs inside the published package: ``documents/<sha256>.pdf``.

Every number on the site links to its page of the document it was read from
(``documents/<sha>.pdf#page=N``), so the release carries the documents themselves and works
offline. Only files that are PDFs and whose bytes hash to the disclosure's sha256 are copied (a
path that changed since extraction is not published under the old hash). Files of the raw
store, which are never rewritten, are hard-linked when they share the release's file system, so
releases cost no extra disk for them; other files (the CLI's inputs) are copied.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .publish_paths import document_path


@dataclass(frozen=True)
class DocumentSource:
    path: Path
    immutable: bool = False  # a raw-store file: safe to hard-link


def document_sources(
    disclosures: Iterable[Mapping[str, Any]],
    known: Mapping[str, Path] | None = None,
    raw_dirs: Iterable[Path] = (),
) -> dict[str, DocumentSource]:
    """sha256 → a local file with those bytes: ``known`` first, then ``<raw_dir>/<sha>.pdf``
    (the raw store's layout), then the disclosure's document_url when it is a local path."""
    known = dict(known or {})
    raw_dirs = [Path(d) for d in raw_dirs]
    found: dict[str, DocumentSource] = {}
    for row in disclosures:
        for document in documents_of(row):
            sha = document["sha256"]
            if not sha or sha in found:
                continue
            candidates = [DocumentSource(known[sha])] if sha in known else []
            candidates += [DocumentSource(d / f"{sha}.pdf", immutable=True) for d in raw_dirs]
            local = _local_path(document["url"])
            candidates += [DocumentSource(local)] if local else []
            for candidate in candidates:
                path = candidate.path
                if path.is_file() and _is_pdf(path) and _sha256(path) == sha:
                    found[sha] = candidate
                    break
    return found


def documents_of(row: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every document of a disclosures row: the aligned ``document_*`` lists when the row has
    them (a disclosure of several attachments), else its single document."""
    shas = list(row.get("document_sha256s") or ())
    if shas:
        urls = list(row.get("document_urls") or ())
        statuses = list(row.get("document_statuses") or ())
        return [
            {
                "sha256": str(sha or ""),
                "url": urls[i] if i < len(urls) else None,
                "status": statuses[i] if i < len(statuses) else None,
            }
            for i, sha in enumerate(shas)
        ]
    return [{"sha256": str(row.get("sha256") or ""), "url": row.get("document_url"), "status": row.get("status")}]


def copy_documents(sources: Mapping[str, DocumentSource], directory: Path) -> dict[str, str]:
    """Place each source at ``directory/<sha>.pdf``; returns sha → path relative to the release."""
    directory.mkdir(parents=True, exist_ok=True)
    links = {}
    for sha, source in sorted(sources.items()):
        target = directory / f"{sha}.pdf"
        if not (source.immutable and _hard_link(source.path, target)):
            shutil.copyfile(source.path, target)
        links[sha] = document_path(sha)
    return links


def _hard_link(source: Path, target: Path) -> bool:
    try:
        os.link(source, target)
        return True
    except OSError:  # another file system, or links not allowed
        return False


def _local_path(url: Any) -> Path | None:
    if not url or "://" in str(url):
        return None
    return Path(str(url))


def _is_pdf(path: Path) -> bool:
    with path.open("rb") as handle:
        return b"%PDF-" in handle.read(1024)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
