"""The real gold documents (../shared/spec/gold/INDEX.tsv) come out of the CLI exactly.

One per template family beside the seed: Chongqing (总体情况表), Shanghai Putuo (财务收支预算总表,
元 with a 三公 table in 万元), Jiangsu provincial (收支预算总表, tables-only attachment numbered on
its contents page), Beijing (预算01表…, 6-decimal 万元, titles drawn inside the tables). Their
income-expenditure summary holds only totals and expenditure lines, so it is compared partially.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from assets.core.cli import main
from tests.conftest import COMPARE_GOLD, SHARED, shared_file

GOLD_DIR = SHARED / "spec" / "gold"
REAL_GOLDS = ("cq_bgt_2026.csv", "sh_zfb_2025.csv", "js_swbgt_2018.csv", "bj_fzx_2026.csv")


def _index_row(gold: str) -> dict[str, str]:
    with open(shared_file(GOLD_DIR / "INDEX.tsv"), encoding="utf-8") as handle:
        rows = {row["gold"]: row for row in csv.DictReader(handle, delimiter="\t")}
    return rows[gold]


@pytest.mark.parametrize("gold", REAL_GOLDS)
def test_real_gold_matches_exactly(gold: str, tmp_path: Path) -> None:
    row = _index_row(gold)
    pdf = shared_file(SHARED / "corpus" / "real" / row["file"])
    out = tmp_path / "out"
    assert main(["extract", str(pdf), "--out", str(out), "--jobs", "1", "--no-cache"]) == 0
    command = [sys.executable, str(shared_file(COMPARE_GOLD)), str(GOLD_DIR / gold), str(out), "--sha", row["sha256"]]
    if row["partial"]:
        command += ["--partial", row["partial"]]
    result = subprocess.run([*command, "-v"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "missing 0" in result.stdout and "extra 0" in result.stdout
