"""Which disclosures need work after a discovery: new, changed (an attachment's bytes differ),
withdrawn (no longer listed on a portal that answered). Shared by the Dagster sensor and backfills.

The scrape manifest (`staged/discovery.json`, written by the scraper) maps a partition key (a
disclosure: department × year × kind) to its pages and documents; `staged/last_discovery.json`
(written by the discovery asset) says which keys the latest discovery found. A disclosure's
fingerprint is a hash of its current documents' sha256s, so a re-published file — new bytes
for the same disclosure — changes it, and a file that failed to download before and arrives
now does too.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .doc_meta import region_of
from .staging import read_json, write_json

LAST_DISCOVERY = "last_discovery.json"
YEAR_IN_TITLE = re.compile(r"(20\d\d)\s*年")


def disclosure_fingerprint(entry: Mapping[str, Any]) -> str:
    """Short hash of the bytes a disclosure currently consists of.

    The scraper's manifest lists them as `current_sha256s` (superseded versions excluded; a
    download failing tonight does not drop a document). A disclosure without any document is
    fingerprinted by its status, so a file that arrives after failing makes it change. Entries
    of the former page-keyed manifest (attachments only) are read too.
    """
    if "current_sha256s" in entry:
        parts = sorted(str(s) for s in entry["current_sha256s"]) or [f"status:{entry.get('status')}"]
    else:
        parts = sorted(
            f"{a.get('url')}={a.get('sha256') or 'status:' + str(a.get('status'))}" for a in entry.get("attachments", [])
        )
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


@dataclass
class PartitionPlan:
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    fingerprints: dict[str, str] = field(default_factory=dict)
    """The state after this plan: partition key → fingerprint requested."""

    @property
    def to_process(self) -> list[str]:
        return self.new + self.changed

    @property
    def is_empty(self) -> bool:
        return not (self.new or self.changed or self.withdrawn)


def plan_partitions(
    manifest: Mapping[str, Mapping[str, Any]],
    found: Iterable[str] | None,
    known: Mapping[str, str],
) -> PartitionPlan:
    """Compare the manifest with what was requested before (`known`: key → fingerprint).

    `found` are the keys of the latest discovery (None: unknown, nothing is withdrawn). A known
    key is withdrawn only if the latest discovery found other disclosures on the same host, so
    a portal that is down for a night does not withdraw everything it lists.
    """
    plan = PartitionPlan(fingerprints=dict(known))
    found_keys = set(found) if found is not None else None
    for key in sorted(manifest):
        if found_keys is not None and key not in found_keys:
            continue  # listed once, not now: handled below
        fingerprint = disclosure_fingerprint(manifest[key])
        if key not in known:
            plan.new.append(key)
        elif known[key] != fingerprint:
            plan.changed.append(key)
        plan.fingerprints[key] = fingerprint
    if found_keys is not None:
        answered = {_host(manifest[k]) for k in found_keys if k in manifest}
        for key in sorted(known.keys() - found_keys):
            if key in manifest and _host(manifest[key]) in answered:
                plan.withdrawn.append(key)
                plan.fingerprints.pop(key, None)
    return plan


def _host(entry: Mapping[str, Any]) -> str:
    return urlsplit(str(entry.get("detail_url", ""))).hostname or ""


# --- the latest discovery ---------------------------------------------------------------------


def write_last_discovery(staged_dir: Path, run_id: str, finished_at: str, manifest: Mapping[str, Any]) -> None:
    write_json(
        Path(staged_dir) / LAST_DISCOVERY,
        {"run_id": run_id, "finished_at": finished_at, "found": sorted(manifest)},
    )


def read_last_discovery(staged_dir: Path) -> dict[str, Any] | None:
    path = Path(staged_dir) / LAST_DISCOVERY
    if not path.exists():
        return None
    result: dict[str, Any] = read_json(path)
    return result


# --- metadata for tags and backfills ----------------------------------------------------------


@dataclass(frozen=True)
class DisclosureLabels:
    """Region and year of a disclosure, for run tags and backfill selection."""

    region: str | None
    year: int | None


def labels_from_title(title: str | None) -> DisclosureLabels:
    title = title or ""
    match = YEAR_IN_TITLE.search(title)
    return DisclosureLabels(region=region_of(title), year=int(match.group(1)) if match else None)


def partition_labels(staged_dir: Path, key: str, entry: Mapping[str, Any] | None) -> DisclosureLabels:
    """The scraper's identity of the disclosure (manifest `region`, `year`), else the processed
    document's, else a guess from the page title."""
    if entry and (entry.get("region") or entry.get("year")):
        year = entry.get("year")
        return DisclosureLabels(region=entry.get("region"), year=int(year) if year else None)
    validated = Path(staged_dir) / "disclosures" / key / "validated.json"
    if validated.exists():
        try:
            rows = [item["disclosure"] for item in json.loads(validated.read_text(encoding="utf-8"))]
        except (ValueError, KeyError, TypeError):
            rows = []
        regions = [r.get("region") for r in rows if r.get("region")]
        years = [r.get("year") for r in rows if r.get("year")]
        if regions or years:
            return DisclosureLabels(region=regions[0] if regions else None, year=int(years[0]) if years else None)
    return labels_from_title((entry or {}).get("title"))


def select_partitions(
    staged_dir: Path,
    manifest: Mapping[str, Mapping[str, Any]],
    keys: Iterable[str],
    region: str | None = None,
    year: int | None = None,
) -> list[str]:
    """Partitions whose region contains `region` (e.g. 克孜勒苏 or 新疆) and whose year is `year`."""
    chosen = []
    for key in keys:
        labels = partition_labels(staged_dir, key, manifest.get(key))
        if year is not None and labels.year != year:
            continue
        if region is not None and region not in (labels.region or "") and region not in str(
            (manifest.get(key) or {}).get("title", "")
        ):
            continue
        chosen.append(key)
    return sorted(chosen)
