"""What a readable document without any recognised standard table is.

Scrapers pick up everything linked from a budget page, and a disclosure is often split into a
narrative attachment and a tables attachment. A readable PDF without standard tables is one of:

- ``narrative_only``: a disclosure's narrative (its cover title names a 部门/单位 预算/决算 and a
  year, or it has the standard chapters), whose tables are in another attachment;
- ``no_standard_tables``: looks like a disclosure and prints numeric tables, but none was
  recognised: an extraction gap, worth a look;
- ``budget_adjacent``: about a budget but not a disclosure (绩效目标申报表, 绩效自评表, …);
- ``not_budget``: anything else (notices, standards, price lists, application forms).

Decided from the text of the first pages, never from the file name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .doc_meta import cover_head, read_cover_title, squeeze

# Title words of budget-related documents that are not disclosures of standard tables.
ADJACENT_TITLE = re.compile(r"绩效目标|绩效自评|绩效评价|自评表|申报表|绩效监控|执行情况|审计报告|采购意向")
# Chapters of a disclosure's narrative (情况说明).
NARRATIVE_CHAPTERS = re.compile(
    r"收入预算情况|支出预算情况|收支预算情况|部门预算情况|预算情况说明|决算情况说明|收入决算情况|支出决算情况"
    r"|“?三公”?经费(?:预算|决算)?(?:财政拨款)?情况|部门(?:基本)?概况|名词解释|机关运行经费"
)
BUDGET_WORDS = re.compile(r"预算|决算|财政拨款|基本支出|项目支出|三公")
# Names of the standard tables as titles print them (a tables attachment has no cover).
STANDARD_TABLE_NAME = re.compile(
    r"收支(?:预算|决算)?总(?:体情况)?表|收入(?:预算|决算)?总(?:体情况)?表|支出(?:预算|决算)?总(?:体情况)?表"
    r"|财政拨款收支|一般公共预算.{0,8}支出.{0,6}表|三公.{0,6}经费.{0,8}表"
)
NUMBER_CELL = re.compile(r"^-?[\d,]+\.\d+$")
MIN_CHAPTERS = 2  # distinct narrative chapters that make a document a disclosure's narrative
MIN_TABLE_NAMES = 2  # distinct standard table names in title-like lines
TITLE_LINE_MAX = 40
MIN_BUDGET_WORDS = 5  # budget vocabulary on the first pages of a budget-related document
MIN_NUMBER_CELLS = 40  # amounts in unrecognised tables that make them real tables, not layout
TRIAGE_PAGES = 4


@dataclass(frozen=True)
class Triage:
    status: str
    message: str


def triage(page_texts: Sequence[str], pages: int, unrecognised_number_cells: int) -> Triage:
    """Status and message of a readable document in which no standard table was recognised."""
    first = "\n".join(page_texts[:TRIAGE_PAGES])
    head = cover_head(page_texts[0]) if page_texts else ""
    title = read_cover_title(head)
    chapters = sorted({m.group(0) for m in NARRATIVE_CHAPTERS.finditer(squeeze(first))})
    budget_words = len(BUDGET_WORDS.findall(squeeze(first)))
    table_names = _standard_table_names(page_texts)
    adjacent = ADJACENT_TITLE.search(head)
    shown = head[:60]
    if adjacent:
        return Triage(
            "budget_adjacent",
            f"budget-related document ({adjacent.group(0)}: “{shown}”), not a disclosure's standard tables",
        )
    if title is not None or len(chapters) >= MIN_CHAPTERS or len(table_names) >= MIN_TABLE_NAMES:
        what = (
            f"“{title.title}”"
            if title
            else "chapters " + "、".join(chapters[:4])
            if len(chapters) >= MIN_CHAPTERS
            else "tables " + "、".join(table_names[:4])
        )
        if unrecognised_number_cells >= MIN_NUMBER_CELLS:
            return Triage(
                "no_standard_tables",
                f"a disclosure ({what}) with {unrecognised_number_cells} amounts in tables, none of which "
                "was recognised as a standard table",
            )
        return Triage(
            "narrative_only",
            f"the narrative of a disclosure ({what}, {pages} pages) without its standard tables; "
            "they are published in another attachment",
        )
    if budget_words >= MIN_BUDGET_WORDS:
        return Triage("budget_adjacent", f"mentions budgets ({budget_words}×) but has no standard tables: “{shown}”")
    return Triage("not_budget", f"not a budget disclosure: “{shown or 'no title'}” ({pages} pages)")


def count_number_cells(texts: Sequence[str]) -> int:
    return sum(1 for t in texts if NUMBER_CELL.match(squeeze(t)))


def _standard_table_names(page_texts: Sequence[str]) -> list[str]:
    """Distinct standard table names printed as (short) title lines anywhere in the document."""
    names: set[str] = set()
    for text in page_texts:
        for line in text.splitlines():
            squeezed = squeeze(line)
            if len(squeezed) <= TITLE_LINE_MAX and (match := STANDARD_TABLE_NAME.search(squeezed)):
                names.add(match.group(0))
    return sorted(names)
