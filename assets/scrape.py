"""Scrape stage: discover disclosures on the portals and store their attachments."""

import time
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from dagster import AssetExecutionContext, FreshnessPolicy, MaterializeResult, MetadataValue, asset

from pipelines.resources import DataStore, PortalSource

from .core.incremental import write_last_discovery
from .core.object_store import mirror_raw_files
from .core.portal_sources import sources_for
from .core.scrape_run import scrape
from .core.staging import read_json, write_json

PORTAL_FRESHNESS = "portal_freshness.json"


@asset(
    group_name="scrape",
    compute_kind="http",
    # Discovery runs nightly: a day and a half without one is a failure worth an alert.
    freshness_policy=FreshnessPolicy.time_window(fail_window=timedelta(hours=36), warn_window=timedelta(hours=26)),
)
def portal_disclosures(context: AssetExecutionContext, store: DataStore, portal: PortalSource) -> MaterializeResult:
    """Disclosures found on the configured portals (list pages → detail pages → attachments).

    Attachments are stored once, content-addressed, in `data/raw/<sha256>.<ext>` with a
    provenance sidecar; requests are conditional (`data/http_cache`), so an unchanged page or
    file is not downloaded again. The manifest and `last_discovery.json` tell
    `disclosure_partitions_sensor` which disclosures (department × year × kind) are new,
    changed or withdrawn; the sensor registers the partitions and requests their runs.
    """
    started = time.perf_counter()
    with portal.entry_urls() as entries:
        sources = sources_for(entries)
        context.log.info(f"scraping {', '.join(s.name + ' ' + ' '.join(s.entry_urls) for s in sources)}")
        result = scrape(
            sources,
            store.raw_dir,
            store.staged_dir,
            cache_dir=store.settings.data_dir / "http_cache",
            log=context.log.info,
        )
        entry_urls = [u for s in sources for u in s.entry_urls]
    finished_at = datetime.now(UTC)
    found = {key: result.manifest[key] for key in result.found}
    write_last_discovery(store.staged_dir, context.run.run_id, finished_at.isoformat(timespec="seconds"), found)
    object_store = store.object_store()
    mirrored = mirror_raw_files(object_store, store.raw_dir) if object_store else 0
    freshness = update_portal_freshness(store, entry_urls, found, finished_at)
    stats = result.stats
    metadata: dict = {
        "disclosures": len(result.found),
        "new_disclosures": MetadataValue.json(result.new_keys),
        "changed_disclosures": MetadataValue.json(result.changed_keys),
        "attachments": stats["attachments"],
        "attachments_failed": stats["attachments_failed"],
        "attachments_unchanged": stats["attachments_unchanged"],
        "requests": stats["requests"],
        "not_modified": stats["not_modified"],
        "bytes_received": stats["bytes_received"],
        "raw_files_mirrored": mirrored,
        "seconds": round(time.perf_counter() - started, 2),
        "portals": MetadataValue.md(freshness_table(freshness)),
    }
    for host, info in freshness.items():
        metadata[f"portal/{host}/disclosures"] = info["disclosures"]
        if info["days_since_newest"] is not None:
            metadata[f"portal/{host}/days_since_newest_disclosure"] = info["days_since_newest"]
    return MaterializeResult(metadata=metadata)


def update_portal_freshness(store: DataStore, urls: list[str], found: dict, now: datetime) -> dict[str, dict]:
    """Per portal host: when it was crawled, when it last listed anything, how old its newest
    disclosure is. Kept across nights in <data>/ops/portal_freshness.json."""
    path = store.ops_dir / PORTAL_FRESHNESS
    history: dict[str, dict] = read_json(path) if path.exists() else {}
    current: dict[str, dict] = {}
    for url in urls:
        host = urlsplit(url).hostname or url
        entries = [e for e in found.values() if urlsplit(e.get("detail_url") or "").hostname == host]
        dates = sorted(d for d in (_date(e.get("published")) for e in entries) if d)
        previous = history.get(host, {})
        info = {
            "entry_url": url,
            "crawled_at": now.isoformat(timespec="seconds"),
            "disclosures": len(entries),
            "last_found_at": now.isoformat(timespec="seconds") if entries else previous.get("last_found_at"),
            "newest_disclosure": dates[-1].isoformat() if dates else previous.get("newest_disclosure"),
        }
        newest = _date(info["newest_disclosure"])
        info["days_since_newest"] = (now.date() - newest).days if newest else None
        current[host] = info
    write_json(path, {**history, **current})
    return current


def freshness_table(freshness: dict[str, dict]) -> str:
    rows = ["| portal | disclosures | newest disclosure | days since | last found anything |", "|---|---|---|---|---|"]
    for host, info in sorted(freshness.items()):
        days = info["days_since_newest"]
        rows.append(
            f"| {host} | {info['disclosures']} | {info['newest_disclosure'] or '–'} | "
            f"{days if days is not None else '–'} | {info['last_found_at'] or 'never'} |"
        )
    return "\n".join(rows)


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
