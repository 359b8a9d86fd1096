"""Scraped → extracted → normalized → validated → collected for publishing, on the corpus
portal's seed disclosure (PDF + its Word and Excel copies) and its 404 disclosure: one
disclosure row each, the seed's 270 facts once, from the PDF (slow: run with -m slow)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assets.core.document import normalize_document
from assets.core.portal_sources import generic_source
from assets.core.publish_run import collect_validated
from assets.core.scrape_run import extract_disclosure, scrape
from assets.core.staging import write_json
from assets.core.validation import validate_result

from .conftest import FAST, PORTAL, require, serve_directory


@pytest.mark.slow
def test_copies_do_not_double_the_facts(tmp_path: Path) -> None:
    expected = json.loads(require(PORTAL / "expected.json").read_text(encoding="utf-8"))
    with serve_directory(PORTAL / expected["document_root"]) as base:
        result = scrape([generic_source([base + expected["start_url"]])], tmp_path / "raw", tmp_path / "staged", None,
                        log=lambda _: None, base_settings=FAST)
    seed = expected["disclosures"][0]
    keys = [k for k in result.found if result.manifest[k]["department"] in (seed["department"], "重庆市气象局")]
    for key in keys:
        items = []
        for doc in extract_disclosure(result.manifest[key], tmp_path / "raw"):
            res = normalize_document(doc)
            outcome = validate_result(res)
            items.append({**res.to_dict(), "findings": outcome.findings})
        write_json(tmp_path / "staged" / "disclosures" / key / "validated.json", items)
    collected = collect_validated(tmp_path / "staged" / "disclosures")
    rows = {r["department"]: r for r in collected.disclosures}
    assert set(rows) == {seed["department"], "重庆市气象局"} and len(collected.disclosures) == 2
    assert rows[seed["department"]]["fact_count"] == len(collected.facts) == 270
    assert {f["source_sha256"] for f in collected.facts} == {seed["attachment_sha256"]}
    assert rows[seed["department"]]["document_count"] == 3 and rows[seed["department"]]["year"] == 2026
    assert rows["重庆市气象局"]["status"] == "fetch_failed" and rows["重庆市气象局"]["year"] == 2026
    assert {r["disclosure_id"] for r in collected.disclosures} == set(keys)
