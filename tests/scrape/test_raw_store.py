from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

from assets.core.raw_store import read_provenance, store

from .conftest import PDF_BYTES


def _prov(n: int) -> dict[str, object]:
    return {
        "url": f"http://portal/{n}.pdf",
        "linked_from": f"http://portal/t{n}.html",
        "title": f"title {n}",
        "headers": {"content-type": "application/pdf"},
        "status": 200,
        "fetched_at": f"2026-03-0{n}T00:00:00+00:00",
    }


def test_first_store_writes_file_and_sidecar(tmp_path: Path) -> None:
    stored = store(tmp_path / "raw", PDF_BYTES, "PDF", _prov(1))
    digest = hashlib.sha256(PDF_BYTES).hexdigest()
    assert stored.path == tmp_path / "raw" / f"{digest}.pdf" and stored.path.read_bytes() == PDF_BYTES
    assert (
        stored.is_new and stored.kind == "pdf" and stored.size == len(PDF_BYTES) and stored.sha256 == digest
    )
    side = json.loads(stored.sidecar_path.read_text(encoding="utf-8"))
    assert stored.sidecar_path.name == f"{digest}.pdf.json"
    assert side["urls"] == ["http://portal/1.pdf"] and side["linked_from"] == ["http://portal/t1.html"]
    assert side["titles"] == ["title 1"] and side["fetched_at"] == "2026-03-01T00:00:00+00:00"
    assert side["http_headers"] == {"content-type": "application/pdf"}
    assert (side["sha256"], side["size"], side["kind"]) == (digest, len(PDF_BYTES), "pdf")
    assert read_provenance(stored.path) == side


def test_same_bytes_from_another_url_are_merged_not_rewritten(tmp_path: Path) -> None:
    first = store(tmp_path, PDF_BYTES, "pdf", _prov(1))
    before = first.path.stat()
    second = store(tmp_path, PDF_BYTES, "pdf", _prov(2))
    store(tmp_path, PDF_BYTES, "pdf", _prov(2))  # a re-run sees the same source again
    assert not second.is_new and second.path == first.path
    after = first.path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    side = read_provenance(first.path)
    assert side["urls"] == ["http://portal/1.pdf", "http://portal/2.pdf"]
    assert side["linked_from"] == ["http://portal/t1.html", "http://portal/t2.html"]
    assert side["titles"] == ["title 1", "title 2"]
    assert (
        side["fetched_at"] == "2026-03-01T00:00:00+00:00"
        and side["last_fetched_at"] == "2026-03-02T00:00:00+00:00"
    )
    assert [f["url"] for f in side["fetches"]] == ["http://portal/1.pdf", "http://portal/2.pdf"]
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        first.path.name,
        first.sidecar_path.name,
    ]  # no temp files left behind


def test_odd_extensions_are_not_trusted(tmp_path: Path) -> None:
    assert store(tmp_path, b"x", "../../etc", {}).path.suffix == ".bin"
    assert store(tmp_path, b"y", ".DOCX", {}).path.suffix == ".docx"


def test_damaged_sidecar_is_set_aside(tmp_path: Path) -> None:
    stored = store(tmp_path, PDF_BYTES, "pdf", _prov(1))
    stored.sidecar_path.write_text("{not json", encoding="utf-8")
    store(tmp_path, PDF_BYTES, "pdf", _prov(2))
    assert read_provenance(stored.path)["urls"] == ["http://portal/2.pdf"]
    assert Path(f"{stored.sidecar_path}.corrupt").exists()


def test_concurrent_stores_lose_no_sighting(tmp_path: Path) -> None:
    threads = [
        threading.Thread(target=store, args=(tmp_path, PDF_BYTES, "pdf", _prov(n))) for n in range(1, 9)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    side = read_provenance(next(tmp_path.glob("*.pdf")))
    assert sorted(side["urls"]) == [f"http://portal/{n}.pdf" for n in range(1, 9)]
