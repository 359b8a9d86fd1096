"""The Jiangsu 收支预算总表 headline figures (``*_groundtruth.csv``, 万元) come out of their PDFs.

The repository that held the PDFs transcribed one row per year; each column names a line of the
income-expenditure summary (财政拨款, 当年收入小计, 基本支出, 住房保障支出 …). Every printed figure
must be a fact of that table with the same label and amount; a blank in the CSV means the line
prints no non-zero amount. The 2019 人大 figures come from its tables-only attachment (the 情况说明
attachment has no tables); the 省委办公厅 tables are all in *_tables.pdf.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from assets.core.document import process_document
from assets.core.row_labels import strip_list_prefix
from tests.conftest import SHARED, shared_file

REAL = SHARED / "corpus" / "real"
SOURCES = {
    ("jcy", 2017): "ob__js_jcy_2017_doc.pdf",
    ("jcy", 2018): "ob__js_jcy_2018_doc.pdf",
    ("jcy", 2019): "ob__js_jcy_2019_doc.pdf",
    ("rdbgt", 2017): "ob__js_rdbgt_2017_doc.pdf",
    ("rdbgt", 2018): "ob__js_rdbgt_2018_doc.pdf",
    ("rdbgt", 2019): "ob__js_rdbgt_2019_tables.pdf",
    ("swbgt", 2017): "ob__js_swbgt_2017_tables.pdf",
    ("swbgt", 2018): "ob__js_swbgt_2018_tables.pdf",
    ("swbgt", 2019): "ob__js_swbgt_2019_tables.pdf",
}


def _groundtruth(department: str, year: int) -> dict[str, str]:
    path = shared_file(REAL / f"ob__js_{department}_收支预算总表_groundtruth.csv")
    with open(path, encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            if row[""].startswith(str(year)):
                return {k: v for k, v in row.items() if k}
    raise AssertionError(f"{department} {year} not in {path.name}")


@cache
def _summary_lines(file: str) -> dict[str, list[Decimal]]:
    result = process_document(shared_file(REAL / file))
    lines: dict[str, list[Decimal]] = {}
    for fact in result.facts:
        if fact["table_key"] == "income_expenditure_summary":
            lines.setdefault(strip_list_prefix(fact["item"]), []).append(Decimal(fact["amount"]))
    return lines


@pytest.mark.parametrize(("department", "year"), sorted(SOURCES))
def test_headline_figures_are_reproduced(department: str, year: int) -> None:
    lines = _summary_lines(SOURCES[(department, year)])
    wrong = []
    for label, printed in _groundtruth(department, year).items():
        got = lines.get(label, [])
        ok = all(a == 0 for a in got) if printed == "" else Decimal(printed) in got
        if not ok:
            wrong.append((label, printed, got))
    assert not wrong, wrong


def test_every_source_file_is_in_the_corpus() -> None:
    for file in SOURCES.values():
        assert Path(shared_file(REAL / file)).stat().st_size > 0
