"""Scrape portals into a manifest of disclosures and extract them (the CLI and Dagster share it).

A disclosure is department × year × kind (× scope), named by `disclosure_identity` from the
document's own first pages, the detail page's title and the link texts; its key is the
published `disclosure_id` and the Dagster partition key. One disclosure gathers every document
that belongs to it: the same file posted on two pages (stored once), its Word and Excel
copies, archive members, and earlier versions.

The manifest (`staged/discovery.json`) maps a key to the disclosure's pages, this run's
attachment records, its documents (each with role `current` or `superseded`, first and last
seen) and its versions; a changed file for the same disclosure adds a version and a finding,
and the old document stays (bytes in the raw store, entry in the manifest, facts staged).
"""

from __future__ import annotations

import ipaddress
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .content_sniff import ContentKind, sniff
from .disclosure_identity import (
    Evidence,
    Identity,
    fallback_key,
    from_document,
    from_title,
    resolve,
    same_department,
)
from .document import ExtractedDocument, Provenance, extract_document
from .http_cache import HttpCache
from .http_fetch import FetchSettings, HttpFetcher
from .office_convert import convert_to_pdf
from .portal_discovery import (
    AttachmentRecord,
    DiscoveredDisclosure,
    SkippedPage,
    crawl_portal,
    download_attachments,
)
from .portal_sources import PortalSource
from .sheet_reader import extract_spreadsheet
from .staging import read_json, write_json

MANIFEST = "discovery.json"
ARCHIVE_KIND_NAMES = frozenset({"zip", "rar", "7z"})
# Which copy of a disclosure's tables is read for its facts when several carry the same tables.
FORMAT_RANK = {"pdf": 0, "docx": 1, "doc": 2, "xlsx": 3, "xls": 4}
Log = Callable[[str], None]


def partition_key(detail_url: str) -> str:
    """Key of a disclosure that names no department or year: its detail page (kept for callers
    of the former page-keyed scheme)."""
    return fallback_key(detail_url)


def _is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# --- one scrape run ---------------------------------------------------------------------------


@dataclass
class ScrapeResult:
    manifest: dict[str, dict[str, Any]]  # previous entries merged with this run's
    found: list[str] = field(default_factory=list)  # keys seen in this run
    new_keys: list[str] = field(default_factory=list)
    changed_keys: list[str] = field(default_factory=list)  # a new version of a known disclosure
    skipped: list[SkippedPage] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    def disclosure_rows(self) -> list[dict[str, Any]]:
        """One row per disclosure found in this run (what `budget-facts scrape` writes)."""
        return [disclosure_row(self.manifest[k]) for k in self.found]


def scrape(
    sources: Iterable[PortalSource],
    raw_dir: Path,
    staged_dir: Path,
    cache_dir: Path | None = None,
    log: Log = print,
    base_settings: FetchSettings | None = None,
) -> ScrapeResult:
    """Discover and download every source, resolve disclosures, merge into the manifest and
    write it. `cache_dir` holds the conditional-GET state (None: no conditional requests)."""
    started = time.perf_counter()
    previous = read_manifest(staged_dir)
    run_at = _now()
    groups: dict[str, _Group] = {}
    skipped: list[SkippedPage] = []
    stats: dict[str, Any] = {"requests": 0, "bytes_received": 0, "not_modified": 0, "robots_disallowed": 0}
    known_evidence = _evidence_by_sha(previous)
    for source in sources:
        settings = source.fetch_settings(base_settings)
        if source.entry_urls and all(_is_loopback(u) for u in source.entry_urls):
            # A portal served on this machine (demo, tests): no proxy, no need to pace requests.
            settings = _replace_settings(settings, trust_env=False, min_interval=0.0)
        cache = HttpCache(cache_dir) if cache_dir is not None else None
        with HttpFetcher(settings, cache=cache) as fetcher:
            concurrency = source.politeness.max_per_host
            crawl = crawl_portal(source.entry_urls, fetcher=fetcher, source=source, concurrency=concurrency)
            records = download_attachments(
                crawl.disclosures,
                raw_dir,
                fetcher,
                concurrency=concurrency,
                max_archive_members=source.limits.max_archive_members,
            )
            if cache is not None:
                cache.save()
            for key, value in fetcher.stats.as_dict().items():
                if isinstance(value, int):
                    stats[key] = stats.get(key, 0) + value
        for page in crawl.skipped:
            log(f"skipped {page.page_type} page {page.url}: {page.reason} ({page.message})")
        skipped += crawl.skipped
        stats["list_pages"] = stats.get("list_pages", 0) + len(crawl.list_pages)
        stats["detail_pages"] = stats.get("detail_pages", 0) + len(crawl.detail_pages)
        stats["truncated"] = bool(stats.get("truncated")) or crawl.truncated
        _group_records(crawl.disclosures, records, source.name, groups, known_evidence)
    result = ScrapeResult(manifest=dict(previous), skipped=skipped)
    for key, group in groups.items():
        entry, change = _merge_entry(previous.get(key), key, group, run_at)
        result.manifest[key] = entry
        result.found.append(key)
        if change == "new":
            result.new_keys.append(key)
        elif change == "changed":
            result.changed_keys.append(key)
        log(
            f"{key}: {entry['department'] or '?'} {entry['year'] or '?'} {entry['doc_kind']}"
            f" · {len(group.records)} attachment(s) · {change}"
        )
    write_json(Path(staged_dir) / MANIFEST, result.manifest)
    attachments = [r for g in groups.values() for r in g.records]
    stats.update(
        disclosures=len(groups),
        new=len(result.new_keys),
        changed=len(result.changed_keys),
        attachments=len(attachments),
        attachments_failed=sum(1 for r in attachments if not r.ok),
        attachments_unchanged=sum(1 for r in attachments if r.unchanged),
        seconds=round(time.perf_counter() - started, 2),
    )
    result.stats = stats
    return result


def scrape_portals(
    start_urls: list[str], raw_dir: Path, log: Log = print, settings: FetchSettings | None = None
) -> dict[str, dict[str, Any]]:
    """The disclosures found at `start_urls` (generic CMS rules, or the declared source whose
    entry URLs they are), as manifest entries; data beside `raw_dir` (staged/, http_cache/)."""
    from .portal_sources import sources_for

    data_dir = Path(raw_dir).parent
    result = scrape(sources_for(start_urls), raw_dir, data_dir / "staged", data_dir / "http_cache", log, settings)
    return {key: result.manifest[key] for key in result.found}


def _replace_settings(settings: FetchSettings, **changes: Any) -> FetchSettings:
    from dataclasses import replace

    return replace(settings, **changes)


# --- grouping documents into disclosures -------------------------------------------------------


@dataclass
class _Group:
    identity: Identity
    source: str
    records: list[AttachmentRecord] = field(default_factory=list)
    pages: dict[str, DiscoveredDisclosure] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)  # sha256 → document evidence
    conflicts: list[str] = field(default_factory=list)


def _is_archive(record: AttachmentRecord) -> bool:
    return (record.content_kind or "") in ARCHIVE_KIND_NAMES


def _document_evidence(record: AttachmentRecord, known: dict[str, Evidence]) -> Evidence | None:
    if not (record.ok and record.sha256 and record.stored_path) or _is_archive(record):
        return None
    if record.sha256 not in known:
        try:
            kind = ContentKind(record.content_kind or "unknown")
        except ValueError:
            kind = ContentKind.UNKNOWN
        known[record.sha256] = from_document(Path(record.stored_path), kind)
    return known[record.sha256]


def _group_records(
    pages: list[DiscoveredDisclosure],
    records: list[AttachmentRecord],
    source_name: str,
    groups: dict[str, _Group],
    known: dict[str, Evidence],
) -> None:
    by_page: dict[str, list[AttachmentRecord]] = {}
    for record in records:
        by_page.setdefault(record.detail_url, []).append(record)
    for page in pages:
        page_records = by_page.get(page.detail_url, [])
        page_evidence = [from_title(page.title, "page_title"), from_title(page.list_title, "list_title")]
        documents = {r.url: _document_evidence(r, known) for r in page_records}
        departments = [e.department for e in documents.values() if e is not None and e.department]
        # A page carrying several departments' documents (所属单位预算 pages) says nothing
        # about each of them: its title is then a fallback, not a check.
        several = any(not same_department(a, departments[0]) for a in departments[1:])
        compare = {"document", "link_text"} if several else None
        for record in page_records:
            if _is_archive(record) and record.ok:
                evidence_list = [from_title(record.link_text, "link_text"), *page_evidence]
            else:
                document = documents.get(record.url)
                evidence_list = [e for e in (document, from_title(record.link_text, "link_text")) if e]
                evidence_list += page_evidence
            identity = resolve(evidence_list, compare)
            key = identity.key if identity.identified else fallback_key(page.detail_url)
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group(identity, source_name)
            group.records.append(record)
            group.pages.setdefault(page.detail_url, page)
            document = documents.get(record.url)
            if document is not None and record.sha256:
                group.evidence[record.sha256] = document
            for conflict in identity.conflicts:
                message = f"{conflict} ({record.url})"
                if message not in group.conflicts:
                    group.conflicts.append(message)


def _evidence_by_sha(manifest: dict[str, dict[str, Any]]) -> dict[str, Evidence]:
    """Document evidence read on earlier runs: unchanged files are not opened again."""
    known: dict[str, Evidence] = {}
    for entry in manifest.values():
        for doc in entry.get("documents", []):
            if doc.get("evidence"):
                known[doc["sha256"]] = Evidence.from_dict(doc["evidence"])
    return known


# --- merging a run into the manifest -----------------------------------------------------------


def _merge_entry(
    previous: dict[str, Any] | None, key: str, group: _Group, run_at: str
) -> tuple[dict[str, Any], str]:
    """The disclosure's manifest entry after this run, and "new", "changed" or "unchanged"."""
    identity = group.identity
    pages = list(group.pages.values())
    first = pages[0]
    documents: dict[str, dict[str, Any]] = {d["sha256"]: dict(d) for d in (previous or {}).get("documents", [])}
    versions: list[dict[str, Any]] = list((previous or {}).get("versions", []))
    findings: list[dict[str, Any]] = [f for f in (previous or {}).get("findings", []) if f["check"] != "metadata_conflict"]
    version = versions[-1]["version"] if versions else 0
    ok_records = [r for r in group.records if r.ok and r.sha256 and not _is_archive(r)]
    seen = list(dict.fromkeys(r.sha256 for r in ok_records if r.sha256))
    added = [sha for sha in seen if sha not in documents]
    for record in ok_records:
        sha = record.sha256 or ""
        doc = documents.get(sha)
        if doc is None:
            doc = documents[sha] = {
                "sha256": sha,
                "kind": record.content_kind,
                "stored_path": record.stored_path,
                "size": record.size,
                "urls": [],
                "detail_urls": [],
                "link_texts": [],
                "member_of": record.member_of,
                "first_seen": run_at,
                "version": version + 1,
                "evidence": group.evidence[sha].to_dict() if sha in group.evidence else None,
            }
        doc["role"] = "current"
        doc["last_seen"] = run_at
        doc["stored_path"] = record.stored_path or doc.get("stored_path")
        for name, value in (("urls", record.url), ("detail_urls", record.detail_url), ("link_texts", record.link_text)):
            if value and value not in doc[name]:
                doc[name].append(value)
    # A document no longer served: replaced when its URL now serves other bytes, or when a new
    # document arrived and its URL was not merely failing this run (nothing is dropped on errors).
    served = {r.url for r in ok_records}
    failing = {r.url for r in group.records if not r.ok}
    superseded = []
    for sha, doc in documents.items():
        if doc.get("role") != "current" or sha in seen:
            continue
        replaced_in_place = any(u in served for u in doc["urls"])
        replaced_by_new = bool(added) and not any(u in failing for u in doc["urls"])
        if replaced_in_place or replaced_by_new:
            doc["role"], doc["superseded_at"] = "superseded", run_at
            superseded.append(sha)
    change = "new" if previous is None else ("changed" if added and version > 0 else "unchanged")
    if previous is not None and not versions and added:
        change = "changed"  # a disclosure that only failed before now has a document
    if added or not versions:
        versions.append(
            {"version": version + 1, "recorded_at": run_at, "added": added, "superseded": superseded}
        )
    if superseded:
        findings.append(
            {
                "check": "document_revised",
                "severity": "warning",
                "message": f"version {version + 1} on {run_at}: "
                f"{', '.join(s[:12] for s in superseded)} replaced by {', '.join(s[:12] for s in added)}; "
                "the published facts use the newest, the old document is kept",
                "recorded_at": run_at,
            }
        )
    findings += [
        {"check": "metadata_conflict", "severity": "warning", "message": c, "recorded_at": run_at}
        for c in group.conflicts
    ]
    current = [d for d in documents.values() if d.get("role") == "current"]
    listed_on = list(dict.fromkeys(u for p in pages for u in p.listed_on))
    entry = {
        "partition_key": key,
        "source": group.source,
        "department": identity.department,
        "year": identity.year,
        "doc_kind": identity.doc_kind,
        "scope": identity.scope,
        "region": identity.region,
        "identified": identity.identified,
        "title": first.title,
        "detail_url": first.detail_url,
        "detail_urls": [p.detail_url for p in pages],
        "listed_on": listed_on,
        "via_hub": next((p.via_hub for p in pages if p.via_hub), None),
        "published": max((p.published for p in pages if p.published), default=None),
        "metadata": {
            "chosen_from": identity.chosen_from,
            "evidence": [e.to_dict() for e in identity.evidence],
        },
        "attachments": [asdict(r) for r in group.records],
        "documents": sorted(documents.values(), key=lambda d: (d["first_seen"], d["sha256"])),
        "versions": versions,
        "current_sha256s": [d["sha256"] for d in current],
        "findings": findings,
        "status": "ok" if current else _failure_status(group.records),
        "first_seen": (previous or {}).get("first_seen", run_at),
        "last_seen": run_at,
    }
    return entry, change


def _failure_status(records: list[AttachmentRecord]) -> str:
    return next((r.status for r in records if not r.ok), "no_document")


# --- manifest files ---------------------------------------------------------------------------


def write_manifest(staged_dir: Path, manifest: dict[str, dict[str, Any]]) -> None:
    """Merge into the existing manifest: disclosures found on earlier runs are kept."""
    path = staged_dir / MANIFEST
    merged = read_json(path) if path.exists() else {}
    merged.update(manifest)
    write_json(path, merged)


def read_manifest(staged_dir: Path) -> dict[str, dict[str, Any]]:
    path = Path(staged_dir) / MANIFEST
    return read_json(path) if path.exists() else {}


def disclosure_row(entry: dict[str, Any]) -> dict[str, Any]:
    """The `budget-facts scrape` output row of one disclosure."""
    current = [d for d in entry.get("documents", []) if d.get("role") == "current"]
    return {
        "disclosure_id": entry["partition_key"],
        "department": entry.get("department"),
        "year": entry.get("year"),
        "doc_kind": entry.get("doc_kind"),
        "scope": entry.get("scope"),
        "region": entry.get("region"),
        "title": entry.get("title"),
        "detail_url": entry.get("detail_url"),
        "detail_urls": entry.get("detail_urls", []),
        "attachment_urls": list(dict.fromkeys(a["url"] for a in entry.get("attachments", []))),
        "sha256": [d["sha256"] for d in current],
        "status": entry.get("status"),
        "message": "; ".join(
            f"{a['url']}: {a['status']} {a['message']}".strip() for a in entry.get("attachments", []) if a["status"] != "ok"
        )
        or None,
        "version": (entry.get("versions") or [{"version": 0}])[-1]["version"],
        "findings": [f"{f['check']}: {f['message']}" for f in entry.get("findings", [])],
        "source": entry.get("source"),
        "last_seen": entry.get("last_seen"),
    }


# --- extraction of a disclosure's documents ---------------------------------------------------


def extract_attachment(path: Path, prov: Provenance, derived_dir: Path) -> ExtractedDocument:
    """Any stored attachment → ExtractedDocument: PDF as is, Excel read directly, Word through
    LibreOffice; other bytes get extract_document's status for them."""
    with open(path, "rb") as handle:
        kind = sniff(handle.read(65536))
    if kind in (ContentKind.XLS, ContentKind.XLSX):
        return extract_spreadsheet(path, prov)
    if kind in (ContentKind.DOC, ContentKind.DOCX):
        sha256 = path.name.split(".")[0]
        conversion = convert_to_pdf(path, sha256, derived_dir, kind.value)
        if conversion.pdf is None:
            return ExtractedDocument(sha256, prov, status="unsupported_format", message=conversion.error)
        doc = extract_document(conversion.pdf, prov)
        doc.sha256 = sha256  # facts name the Word file, not the derived PDF
        note = "converted from Word with LibreOffice; page numbers are the converted PDF's"
        doc.message = f"{doc.message}; {note}" if doc.message else note
        return doc
    return extract_document(path, prov)


def extract_disclosure(entry: dict[str, Any], raw_dir: Path) -> list[ExtractedDocument]:
    """Every document of one disclosure through the extract stage (superseded versions too, so
    their facts are kept), plus this run's failed downloads as fetch_failed documents."""
    documents = []
    derived = Path(raw_dir) / "derived"
    done: set[str] = set()
    for doc in entry.get("documents", []):
        stored = doc.get("stored_path")
        prov = Provenance(
            document_url=doc["urls"][0] if doc.get("urls") else "",
            source_page_url=(doc.get("detail_urls") or [entry.get("detail_url")])[0],
            fetched_at=doc.get("last_seen"),
            link_title=entry.get("title"),
        )
        done.add(doc["sha256"])
        if stored and Path(stored).exists():
            documents.append(extract_attachment(Path(stored), prov, derived))
        else:
            documents.append(
                ExtractedDocument(doc["sha256"], prov, status="fetch_failed", message="stored bytes are missing")
            )
    for record in entry.get("attachments", []):
        if record["status"] == "ok" or (record.get("sha256") and record["sha256"] in done):
            continue
        prov = Provenance(
            document_url=record["url"],
            source_page_url=record["detail_url"],
            fetched_at=record["fetched_at"],
            link_title=entry.get("title"),
        )
        stored = record.get("stored_path")
        if stored and Path(stored).exists():
            documents.append(extract_attachment(Path(stored), prov, derived))
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


def document_roles(entry: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """sha256 → the manifest's document record (role, kind, version) of a disclosure."""
    return {d["sha256"]: d for d in entry.get("documents", [])}


def format_rank(kind: str | None) -> int:
    return FORMAT_RANK.get((kind or "").lower(), len(FORMAT_RANK))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- the `budget-facts scrape` command ----------------------------------------------------------

def scrape_to_directory(
    entries: list[str],
    out_dir: Path,
    data_dir: Path,
    source_name: str | None = None,
    use_cache: bool = True,
    log: Log = print,
) -> ScrapeResult:
    """Discovery and download for the given entry URLs (generic CMS rules, the declared source
    whose entry URLs they are, or `source_name`'s rules at them), storing raw files, manifest
    and HTTP cache under `data_dir` exactly as the Dagster scrape asset does, and writing
    `out_dir/disclosures.parquet` and `.csv`: one row per disclosure found."""
    from .portal_sources import resolve_source, sources_dir, sources_for

    if source_name:
        sources = [resolve_source([e for e in entries if "://" in e], source_name, sources_dir())]
    else:
        sources = sources_for(entries)
    result = scrape(
        sources,
        data_dir / "raw",
        data_dir / "staged",
        cache_dir=data_dir / "http_cache" if use_cache else None,
        log=log,
    )
    write_disclosures(out_dir, result.disclosure_rows())
    return result


def write_disclosures(out_dir: Path, rows: list[dict[str, Any]]) -> dict[str, Path]:
    """disclosures.parquet (list columns as lists) and disclosures.csv (UTF-8 with BOM, list
    columns joined with " | "), each written to a temporary file and renamed into place."""
    import csv
    import os
    import tempfile

    import pyarrow as pa
    import pyarrow.parquet as pq

    strings, lists = pa.string(), pa.list_(pa.string())
    schema = pa.schema(
        [
            ("disclosure_id", strings),
            ("department", strings),
            ("year", pa.int16()),
            ("doc_kind", strings),
            ("scope", strings),
            ("region", strings),
            ("title", strings),
            ("detail_url", strings),
            ("detail_urls", lists),
            ("attachment_urls", lists),
            ("sha256", lists),
            ("status", strings),
            ("message", strings),
            ("version", pa.int16()),
            ("findings", lists),
            ("source", strings),
            ("last_seen", strings),
        ]
    )
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"parquet": out_dir / "disclosures.parquet", "csv": out_dir / "disclosures.csv"}
    table = pa.Table.from_pylist([{name: row.get(name) for name in schema.names} for row in rows], schema=schema)
    fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=".disclosures.", suffix=".parquet")
    os.close(fd)
    pq.write_table(table, tmp)
    os.replace(tmp, paths["parquet"])
    fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=".disclosures.", suffix=".csv")
    with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(schema.names)
        for row in rows:
            writer.writerow(
                [" | ".join(map(str, v)) if isinstance(v, list) else ("" if v is None else v) for v in (row.get(n) for n in schema.names)]
            )
    os.replace(tmp, paths["csv"])
    return paths
