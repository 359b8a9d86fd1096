"""Unchanged documents are never parsed twice: extraction is cached by content hash."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assets.core import document
from assets.core.extract_cache import cached_extract, extractor_fingerprint
from assets.core.local_run import process_files


@pytest.fixture(scope="module")
def rendered_seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from assets.demo.render_pdf import render_seed_pdf

    return render_seed_pdf(tmp_path_factory.mktemp("pdf") / "seed.pdf")


def test_second_run_parses_no_pdf(tmp_path: Path, rendered_seed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    (first,) = process_files([rendered_seed], cache_dir=cache, progress=lambda _: None)
    assert not first.cache_hit and first.result.disclosure["fact_count"] == 270

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("the PDF was parsed again")

    monkeypatch.setattr(document.pdfplumber, "open", no_parsing)
    (second,) = process_files([rendered_seed], cache_dir=cache, progress=lambda _: None)
    assert second.cache_hit
    assert second.result.facts == first.result.facts


def test_same_bytes_elsewhere_hit_the_cache_with_their_own_provenance(tmp_path: Path, rendered_seed: Path) -> None:
    cache = tmp_path / "cache"
    copy = tmp_path / "copy.pdf"
    shutil.copy(rendered_seed, copy)
    cached_extract(rendered_seed, document.Provenance(document_url="a"), cache)
    doc, hit = cached_extract(copy, document.Provenance(document_url="b"), cache)
    assert hit and doc.provenance.document_url == "b"


def test_damaged_cache_entry_is_re_extracted(tmp_path: Path, rendered_seed: Path) -> None:
    cache = tmp_path / "cache"
    cached_extract(rendered_seed, document.Provenance(document_url="a"), cache)
    (entry,) = cache.glob(f"*-{extractor_fingerprint()}.json")
    entry.write_text("{not json")
    doc, hit = cached_extract(rendered_seed, document.Provenance(document_url="a"), cache)
    assert not hit and doc.status == "ok"
