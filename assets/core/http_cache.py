"""A small persistent HTTP cache for conditional GET: what the last 200 of each URL carried.

One JSON state file (`state.json`) maps a URL to its validators (ETag, Last-Modified), the
sha256 and size of the body, its Content-Type and when it was fetched. Bodies of HTML pages
(small, needed again to re-read their links after a 304) are kept beside it, content-addressed
under `pages/`; the bodies of documents are not: they live in the raw store under the same
sha256, so a 304 for a file costs neither a download nor a second copy.

The state is written atomically (temporary file + rename) by `save()`; a crash loses at most
the entries of the current run, never the earlier ones, and a damaged state file is set aside
and the cache starts empty (every request is then simply unconditional).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

STATE_FILE = "state.json"
PAGES_DIR = "pages"
MAX_KEPT_BODY = 4 * 1024 * 1024  # bytes: larger bodies are never kept by the cache
_HTML_TYPES = ("text/html", "application/xhtml", "text/plain")


@dataclass(frozen=True)
class CacheEntry:
    url: str
    sha256: str
    size: int
    fetched_at: str
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    body_kept: bool = False  # the body is under pages/<sha256>

    def validators(self) -> dict[str, str]:
        """Request headers that make the next GET conditional."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class HttpCache:
    """Validators and page bodies per URL, persisted under `directory`. Thread-safe."""

    def __init__(self, directory: Path | str) -> None:
        self.directory = Path(directory)
        self._lock = threading.Lock()
        self._entries: dict[str, CacheEntry] = self._load()
        self._dirty = False

    def get(self, url: str) -> CacheEntry | None:
        """The entry for `url`, only when it can make a request conditional."""
        with self._lock:
            entry = self._entries.get(url)
        if entry is None or not (entry.etag or entry.last_modified):
            return None
        if _is_page(entry) and not entry.body_kept:
            return None  # a 304 for a page is useless without its body
        if entry.body_kept and not self._page_path(entry.sha256).exists():
            return None
        return entry

    def body(self, entry: CacheEntry) -> bytes | None:
        if not entry.body_kept:
            return None
        try:
            return self._page_path(entry.sha256).read_bytes()
        except FileNotFoundError:
            return None

    def remember(self, url: str, headers: dict[str, str], content: bytes, fetched_at: str) -> None:
        """Record a complete 2xx response (headers with lower-case names)."""
        sha256 = hashlib.sha256(content).hexdigest()
        content_type = headers.get("content-type")
        keep = len(content) <= MAX_KEPT_BODY and _looks_like_page(content_type, content)
        if keep:
            path = self._page_path(sha256)
            if not path.exists():
                _atomic_write(path, content)
        entry = CacheEntry(
            url=url,
            sha256=sha256,
            size=len(content),
            fetched_at=fetched_at,
            etag=headers.get("etag"),
            last_modified=headers.get("last-modified"),
            content_type=content_type,
            body_kept=keep,
        )
        with self._lock:
            self._entries[url] = entry
            self._dirty = True

    def forget(self, url: str) -> None:
        with self._lock:
            if self._entries.pop(url, None) is not None:
                self._dirty = True

    def __len__(self) -> int:
        return len(self._entries)

    def save(self) -> None:
        with self._lock:
            if not self._dirty:
                return
            payload = {url: asdict(e) for url, e in sorted(self._entries.items())}
            self._dirty = False
        data = json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")
        _atomic_write(self.directory / STATE_FILE, data)

    def _page_path(self, sha256: str) -> Path:
        return self.directory / PAGES_DIR / f"{sha256}.html"

    def _load(self) -> dict[str, CacheEntry]:
        path = self.directory / STATE_FILE
        try:
            raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return {url: CacheEntry(**fields) for url, fields in raw.items()}
        except FileNotFoundError:
            return {}
        except (ValueError, TypeError):
            os.replace(path, path.with_name(path.name + ".corrupt"))  # keep it for inspection
            return {}


def _is_page(entry: CacheEntry) -> bool:
    return (entry.content_type or "").split(";")[0].strip().lower().startswith(_HTML_TYPES)


def _looks_like_page(content_type: str | None, content: bytes) -> bool:
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared.startswith(_HTML_TYPES):
        return True
    head = content[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
