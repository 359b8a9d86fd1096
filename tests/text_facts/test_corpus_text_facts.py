"""Corpus-wide (slow, `-m corpus`): the performance-target tables of ../shared/corpus/real are read,
and no document's narrative or targets break its processing."""

from __future__ import annotations

import pytest

from bench.performance_targets import DEFAULT_INPUT, indicator_pages, measure_document, summarise

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    if not DEFAULT_INPUT.is_dir():
        pytest.skip(f"{DEFAULT_INPUT} is not present")
    cache = tmp_path_factory.mktemp("extract_cache")
    files = [f for f in sorted(DEFAULT_INPUT.glob("*.pdf")) if indicator_pages(f)]
    return [measure_document(f, cache) for f in files]


def test_most_numeric_targets_are_read_as_operator_and_value(measured: list[dict]) -> None:
    summary = summarise(measured)
    assert summary["rows"] > 1000
    assert summary["parsed_share_of_numeric"] >= 0.93, summary  # measured 0.956
    assert summary["parsed_share"] >= 0.72, summary  # measured 0.770; the rest is mostly qualitative


def test_no_document_fails_on_its_text(measured: list[dict]) -> None:
    assert all(doc["status"] != "corrupt" for doc in measured)
