"""Shared test fixtures: where ../shared is, and a data directory that is never the real one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED_PDF = SHARED / "corpus" / "seed" / "seed_kizilsu_2026_budget.pdf"
SEED_GOLD = SHARED / "spec" / "gold" / "seed_budget_facts.csv"
COMPARE_GOLD = SHARED / "tools" / "compare_gold.py"


def shared_file(path: Path) -> Path:
    """A file of ../shared, or skip the test when ../shared is not beside the repository."""
    if not path.exists():
        pytest.skip(f"{path} not available (../shared is absent)")
    return path


@pytest.fixture(autouse=True, scope="session")
def isolated_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Tests never write into the repository's data/ directory or the user's cache."""
    data_dir = tmp_path_factory.mktemp("data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BUDGET_FACTS_DATA_DIR", str(data_dir))
        patch.setenv("BUDGET_FACTS_CACHE_DIR", str(data_dir / "cache"))
        yield data_dir
