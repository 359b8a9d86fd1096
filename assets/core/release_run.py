"""Publish what the pipeline has validated as a new release (releases.py), optionally mirrored
to object storage. Used by the Dagster publish asset; `budget-facts extract --out DIR` keeps
writing the flat layout into DIR (publish_run.publish_collected) and makes no release.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from .object_store import ObjectStore, mirror_release
from .publish_run import Collected, publish_collected
from .releases import DEFAULT_RETENTION, Release, RetentionPolicy, list_releases, write_release


def set_aside_withdrawn(staged_dir: Path, registered: Iterable[str], found: Iterable[str]) -> list[str]:
    """Move the staged results of withdrawn disclosures to `staged/withdrawn/<key>/`, so that
    publishing (publish_run.collect_validated reads every staged disclosure) leaves them out.

    Withdrawn = neither a registered partition nor found by the latest discovery; a partition
    registered after `registered` was read is in `found`, so a concurrent run is never moved.
    Nothing is deleted: a disclosure that comes back is processed again from its raw files.
    """
    keep = set(registered) | set(found)
    disclosures_dir = Path(staged_dir) / "disclosures"
    moved: list[str] = []
    if not disclosures_dir.is_dir():
        return moved
    for folder in sorted(p for p in disclosures_dir.iterdir() if p.is_dir()):
        if folder.name in keep:
            continue
        target = Path(staged_dir) / "withdrawn" / folder.name
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(folder, target)
        moved.append(folder.name)
    return moved


def publish_release(
    collected: Collected,
    published_dir: Path,
    policy: RetentionPolicy = DEFAULT_RETENTION,
    object_store: ObjectStore | None = None,
    now: datetime | None = None,
    raw_dirs: list[Path] | None = None,
) -> Release:
    counts = {
        "facts": len(collected.facts),
        "disclosures": len(collected.disclosures),
        "findings": len(collected.findings),
    }
    release = write_release(
        published_dir,
        # raw_dirs: the release copies its source PDFs so every number links to its page.
        lambda folder: publish_collected(collected, folder, raw_dirs=raw_dirs or []),
        collected.disclosures,
        policy=policy,
        now=now,
        extra={"counts": counts},
    )
    if object_store is not None:
        mirror_release(object_store, release.path, list_releases(published_dir))
    return release
