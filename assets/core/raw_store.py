"""Content-addressed store of raw downloads: `raw_dir/<sha256>.<ext>` plus a JSON provenance
sidecar `raw_dir/<sha256>.<ext>.json`.

The bytes are written once and never rewritten (the name is their hash); every further
sighting of the same bytes — another URL, another page linking to them — is merged into the
sidecar, so a document posted twice is stored once with both sources on record.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypedDict

from assets.core.content_sniff import sniff

try:  # POSIX only; elsewhere concurrent writers to one sidecar are not protected
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]


class Provenance(TypedDict, total=False):
    """Where one copy of the bytes came from. All keys optional."""

    url: str  # the URL the bytes were fetched from
    linked_from: str  # the page that linked to that URL
    title: str  # link text or page title naming the document
    headers: dict[str, str]  # HTTP response headers
    status: int  # HTTP status of the response
    fetched_at: str  # ISO 8601 UTC; defaults to now


@dataclass(frozen=True)
class StoredFile:
    path: Path  # raw_dir/<sha256>.<ext>
    sidecar_path: Path  # path + ".json"
    sha256: str
    size: int
    kind: str  # content kind sniffed from the bytes (content_sniff.ContentKind value)
    is_new: bool  # False when these bytes were already in the store


_EXT = re.compile(r"^[a-z0-9]{1,10}$")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def store(raw_dir: Path | str, data: bytes, ext: str, provenance: Provenance | dict[str, Any]) -> StoredFile:
    """Write `data` once under its hash and merge `provenance` into its sidecar."""
    raw_dir = Path(raw_dir)
    raw_dir.mkdir(parents=True, exist_ok=True)
    ext = ext.lower().lstrip(".")
    if not _EXT.match(ext):
        ext = "bin"  # never let a URL's odd suffix into a file name
    digest = sha256_of(data)
    path = raw_dir / f"{digest}.{ext}"
    sidecar = raw_dir / f"{digest}.{ext}.json"
    kind = str(sniff(data))
    with _locked(raw_dir / ".raw_store.lock"):
        is_new = not path.exists()
        if is_new:
            _atomic_write(path, data)
        record = _read_sidecar(sidecar) or _new_sidecar(digest, len(data), ext, kind)
        _merge(record, provenance)
        _atomic_write(sidecar, (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return StoredFile(
        path=path, sidecar_path=sidecar, sha256=digest, size=len(data), kind=kind, is_new=is_new
    )


def read_provenance(stored_path: Path | str) -> dict[str, Any]:
    """The sidecar of a stored file (pass the file's path, not the sidecar's)."""
    return json.loads(Path(f"{stored_path}.json").read_text(encoding="utf-8"))


def _new_sidecar(digest: str, size: int, ext: str, kind: str) -> dict[str, Any]:
    return {
        "sha256": digest,
        "size": size,
        "ext": ext,
        "kind": kind,
        "urls": [],
        "linked_from": [],
        "titles": [],
        "fetched_at": None,  # first time these bytes were fetched
        "last_fetched_at": None,
        "http_headers": {},  # headers of the first fetch
        "fetches": [],  # one entry per distinct (url, linked_from)
    }


def _merge(record: dict[str, Any], prov: Provenance | dict[str, Any]) -> None:
    fetched_at = prov.get("fetched_at") or datetime.now(UTC).isoformat(timespec="seconds")
    url, page, title = prov.get("url"), prov.get("linked_from"), prov.get("title")
    headers = dict(prov.get("headers") or {})
    for key, value in (("urls", url), ("linked_from", page), ("titles", title)):
        if value and value not in record[key]:
            record[key].append(value)
    record["fetched_at"] = record["fetched_at"] or fetched_at
    record["last_fetched_at"] = fetched_at
    if not record["http_headers"] and headers:
        record["http_headers"] = headers
    # Re-runs see the same (url, page) again: keep the log bounded by distinct sources.
    if not any(f.get("url") == url and f.get("linked_from") == page for f in record["fetches"]):
        entry = {
            "url": url,
            "linked_from": page,
            "title": title,
            "fetched_at": fetched_at,
            "status": prov.get("status"),
        }
        record["fetches"].append({**entry, "headers": headers})


def _read_sidecar(sidecar: Path) -> dict[str, Any] | None:
    try:
        return json.loads(sidecar.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except json.JSONDecodeError:
        # A sidecar is always replaced atomically, so this is outside damage; start over
        # rather than lose the new sighting, and keep the damaged file for inspection.
        os.replace(sidecar, sidecar.with_name(sidecar.name + ".corrupt"))
        return None


def _atomic_write(path: Path, data: bytes) -> None:
    # Readers see either no file or the complete file, never a half-written one.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    # Dagster may run partitions in parallel processes; serialise sidecar read-modify-write.
    if fcntl is None:  # pragma: no cover
        yield
        return
    with open(lock_path, "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def record_sighting(stored_path: Path | str, provenance: Provenance | dict[str, Any]) -> None:
    """Merge one more sighting of already stored bytes into their sidecar, without reading or
    rewriting the bytes (an unchanged file seen again, perhaps from a new page)."""
    path = Path(stored_path)
    sidecar = Path(f"{path}.json")
    with _locked(path.parent / ".raw_store.lock"):
        record = _read_sidecar(sidecar)
        if record is not None and any(
            f.get("url") == provenance.get("url") and f.get("linked_from") == provenance.get("linked_from")
            for f in record["fetches"]
        ):
            return  # this source is on record already: nothing to write
        if record is None:
            data = path.read_bytes()
            ext = path.suffix.lstrip(".") or "bin"
            record = _new_sidecar(sha256_of(data), len(data), ext, str(sniff(data)))
        _merge(record, provenance)
        _atomic_write(sidecar, (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
