"""Small PDFs drawn with reportlab for the fast tests (STSong-Light renders Chinese text)."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"


def text_pdf(path: Path, pages: list[list[str]], encrypt: str | None = None) -> Path:
    """One PDF page per list of lines, each line drawn as text."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    pdf = canvas.Canvas(str(path), encrypt=encrypt)
    for lines in pages:
        pdf.setFont(FONT, 12)
        for i, line in enumerate(lines):
            pdf.drawString(60, 780 - 20 * i, line)
        pdf.showPage()
    pdf.save()
    return path


def drawing_only_pdf(path: Path, pages: int = 3) -> Path:
    """Pages with shapes but no text: what a scan looks like to a text extractor."""
    pdf = canvas.Canvas(str(path))
    for _ in range(pages):
        for i in range(20):
            pdf.rect(60, 760 - 30 * i, 400, 20, fill=1)
        pdf.showPage()
    pdf.save()
    return path


NARRATIVE_PAGES = [
    ["测试市水务局", "2026 年度部门预算信息公开", "目 录", "第一部分 2026 年度部门预算情况说明", "一、收入预算情况说明",
     "二、支出预算情况说明", "三、财政拨款“三公”经费预算情况说明", "第二部分 2026 年度部门预算报表", "一、收支总表"],
    ["一、收入预算情况说明", "2026 年收入预算 1,234.56 万元，其中一般公共预算拨款收入 1,000.00 万元。",
     "二、支出预算情况说明", "2026 年支出预算 1,234.56 万元，其中基本支出 800.00 万元，项目支出 434.56 万元。",
     "三、财政拨款“三公”经费预算情况说明", "2026 年财政拨款“三公”经费预算 12.00 万元。", "四、名词解释"],
]  # fmt: skip
