"""year_slip: the narrative names the right years where it compares with the previous year and
where it speaks of carryover.

In a disclosure for year Y, a sentence that compares with the previous year (比上年, 增加, 下降,
均未安排 …) can only mean Y and Y − 1 (“2024年与2026年均未安排” in a 2026 budget names the
wrong year), and a budget's 结转结余 is that of the previous year: “Y年上年结转结余” or
“Y−1年结转结余”, never “Y年上半年结转结余”. A year-end snapshot (“截至Y年12月31日，共有车辆…”, the
国有资产占有使用情况) is of year Y in final accounts, and of a closed year (Y − 1 or Y − 2) in a budget. Each year named
there is one evaluation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .disclosure import Disclosure
from .model import Evaluation, finding_row
from .rule import Rule

CHECK = "year_slip"
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
COMPARISON = re.compile(r"比上年|较上年|与上年|上年度?预算|增加|减少|增长|下降|持平|均未安排|均无")
YEAR_END = re.compile(r"截[至止](?:到)?((?:19|20)\d{2})年(?:12月31日|末|底)")
CARRYOVER = re.compile(r"(?<!\d)((?:19|20)\d{2})年(?P<between>[^，。；：\d]{0,4}?)结转(?:和)?结余")


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    year = doc.year
    if not year:
        return
    budget = doc.row.get("doc_kind", "budget") == "budget"
    for page, sentence in doc.sentences:
        carryover_years = set()
        if budget:
            for m in CARRYOVER.finditer(sentence):
                carryover_years.add(m.start(1))
                yield _carryover(doc, page, sentence, m, year)
        year_end = {m.start(1) for m in YEAR_END.finditer(sentence)}
        for m in YEAR_END.finditer(sentence):
            yield _year_end(doc, page, sentence, m, year, budget)
        if COMPARISON.search(sentence):
            for m in YEAR.finditer(sentence):
                if m.start(1) not in carryover_years | year_end:
                    yield _compared(doc, page, sentence, m, year)


def _carryover(doc: Disclosure, page: int, sentence: str, m: re.Match[str], year: int) -> Evaluation:
    named, between = int(m.group(1)), m.group("between")
    if (named == year and between.startswith("上年")) or (named == year - 1 and "半年" not in between):
        return Evaluation(CHECK)
    return _slip(doc, page, sentence, m, f"a {year} budget's 结转结余 is the previous year's ({year - 1}年 or "
                 f"{year}年上年结转结余), not “{m.group(0)}”")


def _year_end(doc: Disclosure, page: int, sentence: str, m: re.Match[str], year: int, budget: bool) -> Evaluation:
    # A budget is drawn up before its year: its snapshot is the last closed year (Y − 1, or Y − 2
    # when prepared before Y − 1 closed); a final account reports on its own year.
    expected = (year - 2, year - 1) if budget else (year,)
    if int(m.group(1)) in expected:
        return Evaluation(CHECK)
    kind = "budget" if budget else "final account"
    named = " or ".join(f"{y}年" for y in expected)
    return _slip(doc, page, sentence, m, f"a {year} {kind}'s year-end figures are as of the end of {named}, "
                 f"not “{m.group(0)}”")


def _compared(doc: Disclosure, page: int, sentence: str, m: re.Match[str], year: int) -> Evaluation:
    if int(m.group(1)) in (year, year - 1):
        return Evaluation(CHECK)
    return _slip(doc, page, sentence, m, f"a comparison with the previous year in a {year} disclosure names "
                 f"{m.group(1)} (expected {year} or {year - 1})")


def _slip(doc: Disclosure, page: int, sentence: str, m: re.Match[str], why: str) -> Evaluation:
    around = sentence[max(0, m.start() - 20) : m.end() + 20]
    return Evaluation(CHECK, finding_row(
        disclosure_id=doc.disclosure_id, check=CHECK, severity="warning", category="text",
        message=f"{why}: …{around}…", tables=["narrative_facts"], code_or_item=m.group(0), pages=[page],
    ))


RULE = Rule(CHECK, "text", "years named in comparisons with the previous year, in carryover statements "
            "and in year-end snapshots (截至…12月31日) are the disclosure's year or the one before", evaluate)
