"""The README's DuckDB and pandas examples run against the demo release, as a reader would run
them: each ```python block of "## The published data", from inside the published folder."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import REPO
from tests.demo_release import demo_release

SECTION = "## The published data"


def readme_snippets() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    section = text[start : end if end != -1 else len(text)]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_the_readme_has_duckdb_and_pandas_examples() -> None:
    snippets = readme_snippets()

    assert any("import duckdb" in s for s in snippets)
    assert any("import pandas" in s for s in snippets)


@pytest.mark.parametrize("index", range(len(readme_snippets())))
def test_readme_example_runs_against_the_demo_release(index: int, tmp_path_factory: pytest.TempPathFactory) -> None:
    release = demo_release(tmp_path_factory)
    snippet = readme_snippets()[index]

    result = subprocess.run([sys.executable, "-c", snippet], cwd=release, capture_output=True, text=True, timeout=120)

    assert result.returncode == 0, result.stderr[-3000:]
    output = result.stdout.strip()
    assert output and "Empty DataFrame" not in output and "[]" not in output.splitlines(), output
