from __future__ import annotations

from pathlib import Path

import pytest

from assets.demo.document_model import BudgetDocument
from assets.demo.render_pdf import render_seed_pdf
from assets.demo.seed_document import load_seed_document

SHARED_DIR = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the repository (read-only material); tests using it skip without it."""
    if not SHARED_DIR.is_dir():
        pytest.skip(f"{SHARED_DIR} is not present")
    return SHARED_DIR


@pytest.fixture(scope="session")
def seed_document() -> BudgetDocument:
    return load_seed_document()


@pytest.fixture(scope="session")
def seed_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_seed_pdf(tmp_path_factory.mktemp("seed_pdf") / "seed.pdf")
