"""Scrape portals into a manifest of disclosures (one per detail page) and extract them.

The manifest (`staged/discovery.json`) maps a partition key to the detail page and its
attachment records; the extract stage reads it to find the raw bytes and their provenance.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .document import ExtractedDocument, Provenance, extract_document
from .http_fetch import FetchSettings, HttpFetcher
from .portal_discovery import crawl_portal, download_attachments
from .staging import read_json, write_json

MANIFEST = "discovery.json"


def partition_key(detail_url: str) -> str:
    """Stable key of a disclosure page: its file stem plus a short hash of host and path.

    The port is left out so that the demo portal, served on a new ephemeral port each run,
    keeps its partitions.
    """
    parts = urlsplit(detail_url)
    stem = re.sub(r"[^0-9A-Za-z_-]+", "-", Path(parts.path).stem).strip("-")[:40]
    identity = f"{parts.hostname}{parts.path}?{parts.query}"
    digest = hashlib.sha1(identity.encode("utf-8")).hexdigest()[:8]
    return f"{stem or 'page'}-{digest}"


def _is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def scrape_portals(
    start_urls: list[str], raw_dir: Path, log: Callable[[str], None] = print, settings: FetchSettings | None = None
) -> dict[str, dict[str, Any]]:
    """Discover disclosures and download their attachments; returns the manifest."""
    if settings is None:
        # A proxy from the environment must not intercept the loopback demo portal.
        settings = FetchSettings(trust_env=not all(_is_loopback(u) for u in start_urls))
    with HttpFetcher(settings) as fetcher:
        crawl = crawl_portal(start_urls, fetcher=fetcher)
        for skipped in crawl.skipped:
            log(f"skipped {skipped.page_type} page {skipped.url}: {skipped.reason} ({skipped.message})")
        records = download_attachments(crawl.disclosures, raw_dir, fetcher)
    manifest: dict[str, dict[str, Any]] = {}
    for disclosure in crawl.disclosures:
        key = partition_key(disclosure.detail_url)
        manifest[key] = {
            "partition_key": key,
            "detail_url": disclosure.detail_url,
            "title": disclosure.title,
            "listed_on": disclosure.listed_on,
            "published": disclosure.published,
            "attachments": [asdict(r) for r in records if r.detail_url == disclosure.detail_url],
        }
        log(f"{key}: {disclosure.title} ({len(manifest[key]['attachments'])} attachment(s))")
    return manifest


def write_manifest(staged_dir: Path, manifest: dict[str, dict[str, Any]]) -> None:
    """Merge into the existing manifest: disclosures found on earlier runs are kept."""
    path = staged_dir / MANIFEST
    merged = read_json(path) if path.exists() else {}
    merged.update(manifest)
    write_json(path, merged)


def read_manifest(staged_dir: Path) -> dict[str, dict[str, Any]]:
    path = staged_dir / MANIFEST
    return read_json(path) if path.exists() else {}


def extract_disclosure(entry: dict[str, Any], raw_dir: Path) -> list[ExtractedDocument]:
    """Every attachment of one disclosure through the extract stage; failed downloads too."""
    documents = []
    for record in entry["attachments"]:
        prov = Provenance(
            document_url=record["url"],
            source_page_url=entry["detail_url"],
            fetched_at=record["fetched_at"],
            link_title=entry["title"],
        )
        stored = record.get("stored_path")
        if stored and Path(stored).exists():
            documents.append(extract_document(Path(stored), prov))
        else:
            documents.append(
                ExtractedDocument(
                    sha256=record.get("sha256") or "",
                    provenance=prov,
                    status="fetch_failed",
                    message=f"{record['status']}: {record['message']}",
                )
            )
    return documents
