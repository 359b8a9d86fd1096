"""The project's own rendering of the seed (assets/demo) has a short narrative in our own words:
its figures are read, and a document without performance-target tables gives none."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from assets.core.document import DocumentResult, process_document
from assets.demo.render_pdf import render_seed_pdf
from assets.demo.seed_narrative import SEED_NARRATIVE


@pytest.fixture(scope="module")
def demo_result(tmp_path_factory: pytest.TempPathFactory) -> DocumentResult:
    pdf = render_seed_pdf(tmp_path_factory.mktemp("demo") / "seed.pdf")
    return process_document(pdf)


def demo_paragraphs() -> list[str]:
    return [p for part in SEED_NARRATIVE for section in part.sections for p in section.paragraphs]


def test_every_amount_of_the_demo_narrative_is_a_fact(demo_result: DocumentResult) -> None:
    assert demo_result.disclosure["status"] == "ok" and not demo_result.problems
    printed = Counter(Decimal(m.replace(",", "")) for p in demo_paragraphs() for m in re.findall(r"([\d,]+\.\d+)万元", p))
    read = Counter(r["amount"] for r in demo_result.narrative_facts if r["unit"] == "万元")
    assert read == printed
    shares = [Decimal(s) for p in demo_paragraphs() for s in re.findall(r"占([\d.]+)%", p)]
    assert sorted(r["share_percent"] for r in demo_result.narrative_facts if r["share_percent"] is not None) == sorted(shares)


def test_demo_staffing_and_nothing_invented(demo_result: DocumentResult) -> None:
    staffing = {r["subject"]: r["amount"] for r in demo_result.narrative_facts if r["topic"] == "staffing"}
    text = "".join(demo_paragraphs())
    for label, number in re.findall(r"(编制数|实有人数|在职|退休|离休)(\d+)", text):
        assert staffing[label] == Decimal(number)
    assert demo_result.performance_targets == []
    assert all(r["change_amount"] is None and r["prior_year_amount"] is None for r in demo_result.narrative_facts)


def test_demo_result_survives_the_stage_round_trip(demo_result: DocumentResult, tmp_path: Path) -> None:
    from assets.core.staging import read_json, write_json

    write_json(tmp_path / "normalized.json", demo_result.to_dict())
    back = DocumentResult.from_dict(read_json(tmp_path / "normalized.json"))
    assert back.narrative_facts == demo_result.narrative_facts
