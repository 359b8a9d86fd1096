"""text_budget_execution: a final account's “决算数大于/小于/等于预算数” agrees with the 年初预算 and
支出决算 amounts the sentence before it states.

决算 narratives explain each line as “年初预算为 A 万元，支出决算为 B 万元。决算数小于预算数的主要原因：…”.
The comparison word must say what A and B say: 大于 (高于, 多于) when B > A, 小于 (低于, 少于) when
B < A, 等于 or 持平 when B = A; “基本持平” also passes within 5% of the budget. A wrong word is an
error. Read from the document's page texts (the comparison sentence states no number, so no
narrative fact carries it); without them nothing is evaluated.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from decimal import Decimal

from .disclosure import Disclosure
from .model import Evaluation, finding_row
from .rule import Rule

CHECK = "text_budget_execution"
NUMBER = r"(\d[\d,]*(?:\.\d+)?)"
STATEMENT = re.compile(
    rf"(?:年初)?预算数?为{NUMBER}万?元[，,]?(?:支出)?决算数?为{NUMBER}万?元[^。]{{0,30}}?。?[^。]{{0,6}}?"
    r"决算数?(?P<word>大于|高于|多于|小于|低于|少于|等于|与(?:年初)?预算数?(?P<roughly>基本)?持平)"
)
WORDS = {"大于": 1, "高于": 1, "多于": 1, "小于": -1, "低于": -1, "少于": -1, "等于": 0}
ROUGHLY_EQUAL = Decimal("0.05")  # “基本持平”: within 5% of the budget


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    text, starts = _document_text(doc)
    for m in STATEMENT.finditer(text):
        budget, final = (Decimal(m.group(i).replace(",", "")) for i in (1, 2))
        word = m.group("word")
        said = WORDS.get(word, 0)
        actual = (final > budget) - (final < budget)
        if said == actual or (m.group("roughly") and abs(final - budget) <= ROUGHLY_EQUAL * budget):
            yield Evaluation(CHECK)
            continue
        message = (f"the narrative says 决算数{word}预算数 after 年初预算 {budget} and 支出决算 {final}: "
                   f"…{m.group(0)[:80]}…")
        yield Evaluation(CHECK, finding_row(
            disclosure_id=doc.disclosure_id, check=CHECK, severity="error", category="text", message=message,
            tables=["narrative_facts"], code_or_item=f"决算数{word}预算数", expected=budget, actual=final,
            pages=[bisect_right(starts, m.start())],
        ))


def _document_text(doc: Disclosure) -> tuple[str, list[int]]:
    """The pages' text without whitespace, one string, and where each page starts in it."""
    texts = [re.sub(r"\s+", "", page) for page in doc.page_texts]
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text)
    return "".join(texts), starts


RULE = Rule(CHECK, "text", "a final account's 决算数大于/小于/等于预算数 agrees with the 年初预算 and 支出决算 "
            "stated before it", evaluate)
