"""Fixtures: the seed disclosure processed once, and the seed text the expectations are read from."""

from __future__ import annotations

from pathlib import Path

import pytest

from assets.core.document import (
    DocumentResult,
    ExtractedDocument,
    Provenance,
    extract_document,
    normalize_document,
)
from tests.conftest import SEED_PDF, SHARED, shared_file

SEED_TEXT_DIR = SHARED / "seed"


@pytest.fixture(scope="session")
def seed_extracted() -> ExtractedDocument:
    pdf = shared_file(SEED_PDF)
    return extract_document(pdf, Provenance(document_url=str(pdf)))


@pytest.fixture(scope="session")
def seed_result(seed_extracted: ExtractedDocument) -> DocumentResult:
    return normalize_document(seed_extracted)


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed disclosure as text (../shared/seed): where every expected value comes from."""
    files = sorted(SEED_TEXT_DIR.glob("*.txt")) if SEED_TEXT_DIR.is_dir() else []
    if not files:
        pytest.skip(f"no seed text in {SEED_TEXT_DIR}")
    return Path(files[0]).read_text(encoding="utf-8")
