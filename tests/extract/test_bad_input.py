"""Bad input never crashes a run: each file ends with its own clear status, others complete."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from assets.core.cli import main
from tests.conftest import SEED_PDF


def _text_pdf(path: Path, lines: list[str], encrypt: str | None = None) -> Path:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), encrypt=encrypt)
    pdf.setFont("STSong-Light", 14)
    for i, line in enumerate(lines):
        pdf.drawString(72, 760 - 24 * i, line)
    pdf.showPage()
    pdf.save()
    return path


@pytest.fixture
def bad_files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "corrupt": tmp_path / "corrupt.pdf",
        "html": tmp_path / "error_page.pdf",
        "notice": tmp_path / "notice.pdf",
        "encrypted": tmp_path / "locked.pdf",
    }
    files["corrupt"].write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage without xref or trailer")
    files["html"].write_bytes(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>404 页面不存在</title></head>"
        "<body>您访问的页面不存在</body></html>".encode()
    )
    _text_pdf(files["notice"], ["关于开展2026年春季植树活动的通知", "各单位：为改善生态环境，现将有关事项通知如下。"] * 3)
    _text_pdf(files["encrypted"], ["部门收支总体情况表"], encrypt="secret")
    return files


def _statuses(out: Path) -> dict[str, dict]:
    rows = pq.read_table(out / "disclosures.parquet").to_pylist()
    return {Path(r["document_url"]).name: r for r in rows}


def test_each_bad_file_gets_a_specific_status(tmp_path: Path, bad_files: dict[str, Path]) -> None:
    out = tmp_path / "out"
    assert main(["extract", *map(str, bad_files.values()), "--out", str(out), "--jobs", "1"]) == 0
    rows = _statuses(out)
    assert rows["corrupt.pdf"]["status"] == "corrupt"
    assert rows["error_page.pdf"]["status"] == "html_page"
    assert rows["notice.pdf"]["status"] == "not_budget"
    assert rows["locked.pdf"]["status"] == "encrypted"
    for row in rows.values():
        assert row["message"], row
        assert row["fact_count"] == 0
    assert pq.read_table(out / "budget_facts.parquet").num_rows == 0


def test_good_document_still_completes_beside_bad_ones(tmp_path: Path, bad_files: dict[str, Path]) -> None:
    if not SEED_PDF.exists():
        pytest.skip("../shared is absent")
    out = tmp_path / "out"
    assert main(["extract", str(bad_files["corrupt"]), str(SEED_PDF), str(bad_files["html"]), "--out", str(out), "--jobs", "2"]) == 0
    rows = _statuses(out)
    assert rows[SEED_PDF.name]["status"] == "ok"
    assert pq.read_table(out / "budget_facts.parquet").num_rows == 270
