"""Publishing as releases: a complete new folder per publish, then an atomic switch of `latest`.

Layout under the published root (e.g. data/published)::

    releases/20260521T183000Z/   one complete release: the published files, changelog.json, release.json
    releases/.partial-…/         a release being written (never read; removed by the next publish)
    latest -> releases/20260521T183000Z   symlink, replaced atomically (rename over the old one)

A reader that opens `latest/…` sees the previous release or the new one, never a mix: the new
folder is finished and renamed into `releases/` before `latest` moves, and moving `latest` is a
single rename(2). A process killed anywhere leaves `latest` on the last complete release.
Old releases are removed per a retention policy, never the one `latest` points to.

`changelog.json` records which disclosures were added, updated and withdrawn since the previous
release, keyed by `disclosure_id` (department × year × kind, stable across re-publications).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

RELEASES = "releases"
LATEST = "latest"
CHANGELOG = "changelog.json"
RELEASE_MANIFEST = "release.json"
PARTIAL_PREFIX = ".partial-"
TRASH_PREFIX = ".trash-"
RELEASE_ID = re.compile(r"^\d{8}T\d{6}Z(-\d+)?$")
# Fields of a disclosure row whose change makes the disclosure "updated" in the changelog.
TRACKED_FIELDS = ("sha256", "document_url", "status", "validation_status", "fact_count", "tables_found", "pipeline_version")
# Fields copied into changelog entries so a reader needs no other file to understand them.
DESCRIBING_FIELDS = ("title", "department", "region", "year", "doc_kind", "source_page_url", "document_url", "sha256", "status")

# Test hook: "STAGE=PATH" makes the publishing process create PATH at STAGE and wait there,
# so a test can kill it with SIGKILL at a known point of the release protocol.
HOLD_ENV = "BUDGET_FACTS_RELEASE_HOLD"
HOLD_STAGES = ("files_written", "release_renamed")


@dataclass(frozen=True)
class RetentionPolicy:
    keep_last: int = 10
    keep_days: float | None = None


DEFAULT_RETENTION = RetentionPolicy()


@dataclass(frozen=True)
class Release:
    release_id: str
    path: Path
    changelog: dict[str, Any]
    pruned: tuple[str, ...] = ()


WriteFiles = Callable[[Path], Mapping[str, Path]]


def write_release(
    published_dir: Path,
    write_files: WriteFiles,
    disclosures: Iterable[Mapping[str, Any]],
    policy: RetentionPolicy = DEFAULT_RETENTION,
    now: datetime | None = None,
    extra: Mapping[str, Any] | None = None,
) -> Release:
    """Write a complete release with `write_files(folder)`, switch `latest` to it, prune old ones.

    `disclosures` are the release's disclosure rows (for the changelog); `extra` goes into
    release.json as is (e.g. row counts).
    """
    published_dir = Path(published_dir)
    releases_dir = published_dir / RELEASES
    releases_dir.mkdir(parents=True, exist_ok=True)
    remove_incomplete(releases_dir)
    now = now or datetime.now(UTC)
    previous = current_release(published_dir)
    release_id = _new_release_id(releases_dir, now)
    partial = releases_dir / f"{PARTIAL_PREFIX}{release_id}"
    partial.mkdir()
    written = write_files(partial)
    _hold("files_written")
    index = disclosure_index(disclosures)
    changelog = build_changelog(release_id, _read_index(previous), index, previous.name if previous else None, now)
    _write_json(partial / CHANGELOG, changelog)
    manifest = {
        "release": release_id,
        "created_at": _iso(now),
        "previous_release": previous.name if previous else None,
        "entries": sorted(p.name for p in written.values()),
        "files": {
            p.relative_to(partial).as_posix(): _file_entry(p) for p in sorted(partial.rglob("*")) if p.is_file()
        },
        "changes": changelog["summary"],
        "disclosures": index,
        **dict(extra or {}),
    }
    _write_json(partial / RELEASE_MANIFEST, manifest)  # written last: its presence means complete
    _fsync_tree(partial)
    final = releases_dir / release_id
    os.rename(partial, final)
    _fsync_dir(releases_dir)
    _hold("release_renamed")
    switch_latest(published_dir, release_id)
    pruned = prune_releases(published_dir, policy, now)
    return Release(release_id, final, changelog, tuple(pruned))


def current_release(published_dir: Path) -> Path | None:
    """The release `latest` points to, or None before the first release."""
    latest = Path(published_dir) / LATEST
    if not latest.is_symlink():
        return None
    target = latest.resolve()
    return target if (target / RELEASE_MANIFEST).exists() else None


def list_releases(published_dir: Path) -> list[str]:
    """Complete releases, oldest first (ids sort by time)."""
    folder = Path(published_dir) / RELEASES
    if not folder.is_dir():
        return []
    return sorted(
        p.name for p in folder.iterdir() if RELEASE_ID.match(p.name) and (p / RELEASE_MANIFEST).exists()
    )


def switch_latest(published_dir: Path, release_id: str) -> None:
    """Point `latest` at a release with one atomic rename of a fresh symlink over the old one."""
    published_dir = Path(published_dir)
    latest = published_dir / LATEST
    if latest.exists() and not latest.is_symlink():
        # A flat layout from before releases: move it aside once, rename cannot replace a folder.
        os.rename(latest, published_dir / f"{TRASH_PREFIX}{LATEST}-{time.time_ns()}")
    link = published_dir / f".{LATEST}-{release_id}-{os.getpid()}"
    if link.is_symlink():
        link.unlink()
    os.symlink(f"{RELEASES}/{release_id}", link)  # relative: the tree can be moved or mounted elsewhere
    os.replace(link, latest)
    _fsync_dir(published_dir)


def remove_incomplete(releases_dir: Path) -> list[str]:
    """Delete folders left by a publish that died before finishing (never visible as releases)."""
    removed = []
    for path in Path(releases_dir).iterdir():
        if path.name.startswith((PARTIAL_PREFIX, TRASH_PREFIX)):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    return removed


def prune_releases(published_dir: Path, policy: RetentionPolicy, now: datetime | None = None) -> list[str]:
    """Remove releases outside the policy; the current one always stays. Returns removed ids."""
    now = now or datetime.now(UTC)
    ids = list_releases(published_dir)
    current = current_release(published_dir)
    keep = set(ids[-max(1, policy.keep_last) :])
    if current is not None:
        keep.add(current.name)
    if policy.keep_days is not None:
        cutoff = now - timedelta(days=policy.keep_days)
        keep.update(i for i in ids if _release_time(i) >= cutoff)
    removed = []
    releases_dir = Path(published_dir) / RELEASES
    for release_id in ids:
        if release_id in keep:
            continue
        # Renamed first, so a half-deleted folder never looks like a release.
        trash = releases_dir / f"{TRASH_PREFIX}{release_id}"
        os.rename(releases_dir / release_id, trash)
        shutil.rmtree(trash, ignore_errors=True)
        removed.append(release_id)
    return removed


# --- changelog --------------------------------------------------------------------------------


def disclosure_index(disclosures: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """disclosure_id → the fields the changelog compares and describes."""
    index: dict[str, dict[str, Any]] = {}
    for row in disclosures:
        fields = {name: _plain(row.get(name)) for name in (*TRACKED_FIELDS, *DESCRIBING_FIELDS)}
        index[str(row["disclosure_id"])] = fields
    return dict(sorted(index.items()))


def build_changelog(
    release_id: str,
    before: Mapping[str, Mapping[str, Any]],
    after: Mapping[str, Mapping[str, Any]],
    previous_release: str | None,
    now: datetime,
) -> dict[str, Any]:
    added = [_entry(key, after[key]) for key in sorted(after.keys() - before.keys())]
    withdrawn = [_entry(key, before[key]) for key in sorted(before.keys() - after.keys())]
    updated = []
    for key in sorted(after.keys() & before.keys()):
        changed = [name for name in TRACKED_FIELDS if before[key].get(name) != after[key].get(name)]
        if changed:
            entry = _entry(key, after[key])
            entry["changed_fields"] = changed
            entry["previous"] = {name: before[key].get(name) for name in changed}
            updated.append(entry)
    return {
        "release": release_id,
        "previous_release": previous_release,
        "created_at": _iso(now),
        "summary": {
            "added": len(added),
            "updated": len(updated),
            "withdrawn": len(withdrawn),
            "unchanged": len(after) - len(added) - len(updated),
            "disclosures": len(after),
        },
        "added": added,
        "updated": updated,
        "withdrawn": withdrawn,
    }


def read_changelog(release_dir: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((Path(release_dir) / CHANGELOG).read_text(encoding="utf-8"))
    return result


def _entry(key: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    return {"disclosure_id": key, **{name: fields.get(name) for name in DESCRIBING_FIELDS}}


def _read_index(release_dir: Path | None) -> dict[str, dict[str, Any]]:
    if release_dir is None:
        return {}
    manifest = json.loads((release_dir / RELEASE_MANIFEST).read_text(encoding="utf-8"))
    index: dict[str, dict[str, Any]] = manifest.get("disclosures", {})
    return index


# --- helpers ----------------------------------------------------------------------------------


def _new_release_id(releases_dir: Path, now: datetime) -> str:
    base = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate, n = base, 1
    while (releases_dir / candidate).exists() or (releases_dir / f"{PARTIAL_PREFIX}{candidate}").exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _release_time(release_id: str) -> datetime:
    return datetime.strptime(release_id[:16], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _plain(value: Any) -> Any:
    """JSON-safe and comparable: lists stay lists, everything else scalar or str."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)


def _file_entry(path: Path) -> dict[str, Any]:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return {"bytes": path.stat().st_size, "sha256": digest.hexdigest()}


def _write_json(path: Path, payload: Any) -> None:
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _fsync_tree(folder: Path) -> None:
    """Flush the release's files before it becomes visible (a power cut must not expose holes)."""
    for path in folder.rglob("*"):
        if path.is_file():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _hold(stage: str) -> None:
    spec = os.environ.get(HOLD_ENV, "")
    if not spec.startswith(f"{stage}="):
        return
    marker = Path(spec.split("=", 1)[1])
    marker.write_text(str(os.getpid()), encoding="utf-8")
    time.sleep(300)  # the test kills us here; the sleep is bounded so a stray setting cannot hang forever
