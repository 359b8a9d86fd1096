"""Raw files and releases mirrored to object storage through pyarrow / fsspec filesystems.

The local data directory stays the working copy (pdfplumber reads local files, releases are
built locally); a deployment that sets an object store URL (`s3://bucket/prefix`, `gs://…`,
`abfs://…`, `file:///…`, or any fsspec protocol such as `memory://`) gets every raw file and
every release copied there:

    <url>/raw/<sha256>.<ext>(.json)
    <url>/published/releases/<release id>/…
    <url>/published/LATEST        {"release": id, "path": "releases/<id>/"} — written last

Object stores have no symlinks; a single PUT of LATEST is atomic, so readers that follow
LATEST never see a partly uploaded release. Credentials come only from the filesystem's own
environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL, …).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs

LATEST_POINTER = "LATEST"


class ObjectStore:
    """A prefix on a pyarrow filesystem (native for file/s3/gs/abfs/hdfs, fsspec otherwise)."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        self.fs, self.root = _filesystem(self.url)

    def _path(self, key: str) -> str:
        return f"{self.root.rstrip('/')}/{key.lstrip('/')}" if key else self.root

    def exists(self, key: str) -> bool:
        return bool(self.fs.get_file_info(self._path(key)).type != pafs.FileType.NotFound)

    def put_file(self, local: Path, key: str) -> None:
        self._ensure_parent(key)
        with open(local, "rb") as source, self.fs.open_output_stream(self._path(key)) as target:
            while block := source.read(1 << 20):
                target.write(block)

    def put_bytes(self, key: str, data: bytes) -> None:
        self._ensure_parent(key)
        with self.fs.open_output_stream(self._path(key)) as target:
            target.write(data)

    def get_bytes(self, key: str) -> bytes:
        with self.fs.open_input_stream(self._path(key)) as source:
            data: bytes = source.read()
            return data

    def get_file(self, key: str, local: Path) -> Path:
        local.parent.mkdir(parents=True, exist_ok=True)
        partial = local.with_name(f".{local.name}.download")
        partial.write_bytes(self.get_bytes(key))
        partial.replace(local)
        return local

    def list(self, prefix: str) -> list[str]:
        """Keys directly under prefix (names only)."""
        selector = pafs.FileSelector(self._path(prefix), allow_not_found=True)
        return sorted(Path(info.path).name for info in self.fs.get_file_info(selector))

    def delete_prefix(self, prefix: str) -> None:
        path = self._path(prefix)
        if self.fs.get_file_info(path).type == pafs.FileType.Directory:
            self.fs.delete_dir(path)

    def _ensure_parent(self, key: str) -> None:
        parent = self._path(key).rsplit("/", 1)[0]
        self.fs.create_dir(parent, recursive=True)


def _filesystem(url: str) -> tuple[pafs.FileSystem, str]:
    try:
        return pafs.FileSystem.from_uri(url)
    except (pa.ArrowInvalid, ValueError, TypeError):
        import fsspec  # protocols pyarrow does not know natively (memory://, sftp://, …)

        fs, path = fsspec.core.url_to_fs(url)
        return pafs.PyFileSystem(pafs.FSSpecHandler(fs)), path


def mirror_raw_files(store: ObjectStore, raw_dir: Path) -> int:
    """Upload raw files (and their sidecars) not yet in the store; content-addressed, so a name
    that exists is the same bytes — except sidecars, which grow with each sighting."""
    uploaded = 0
    existing = set(store.list("raw"))
    for path in sorted(Path(raw_dir).glob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        if path.name in existing and not path.name.endswith(".json"):
            continue
        store.put_file(path, f"raw/{path.name}")
        uploaded += 1
    return uploaded


def fetch_raw_file(store: ObjectStore, local: Path) -> Path | None:
    """The raw file from the store when this machine has no copy (a worker on another node)."""
    key = f"raw/{local.name}"
    if local.exists():
        return local
    if not store.exists(key):
        return None
    return store.get_file(key, local)


def mirror_release(store: ObjectStore, release_dir: Path, retained: list[str]) -> dict[str, Any]:
    """Upload a complete release, then point LATEST at it; drop remote releases not retained."""
    release_id = release_dir.name
    prefix = f"published/releases/{release_id}"
    for path in sorted(release_dir.rglob("*")):
        if path.is_file():
            store.put_file(path, f"{prefix}/{path.relative_to(release_dir).as_posix()}")
    pointer = {"release": release_id, "path": f"releases/{release_id}/"}
    store.put_bytes(f"published/{LATEST_POINTER}", json.dumps(pointer).encode("utf-8"))
    for remote in store.list("published/releases"):
        if remote not in retained and remote != release_id:
            store.delete_prefix(f"published/releases/{remote}")
    return pointer


def read_latest_pointer(store: ObjectStore) -> dict[str, Any] | None:
    key = f"published/{LATEST_POINTER}"
    if not store.exists(key):
        return None
    pointer: dict[str, Any] = json.loads(store.get_bytes(key))
    return pointer
