"""text_consistency: the narrative's numbers agree with each other where they add up.

- 三公: the stated total = Σ the stated items (因公出国（境）费, 公务用车购置费 + 运行费 or their
  subtotal, 公务接待费), and the total's change = Σ the items' changes.
- Within a topic, a stated whole (a funding source or 总计) = 基本支出 + 项目支出 stated after it,
  and so are their changes where all three state one; a funding source whose parts are stated
  under its own heading (一般公共预算 under 收入, its 基本/项目支出 under 一般公共预算) too.
- 结转结余 = 财政拨款 + 非财政拨款; 政府采购预算 = 货物 + 工程 + 服务.
Each relation is checked only when the text states the whole and every part (in one money unit).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from .disclosure import Disclosure
from .model import Evaluation
from .narrative import Stated, compare_stated, is_money, same_money_unit, squeezed
from .rule import Rule
from .three_public import item_kind, names_three_public_total

CHECK = "text_consistency"
# Wholes the text splits into 基本支出 + 项目支出 (a carryover or a fee income is not split so).
SPLIT_WHOLES = frozenset({"all", "general_public_budget", "fiscal_appropriation", "government_fund", "state_capital"})
OTHER_SPENDING = re.compile(r"预留机动|经营支出|对附属单位补助|上缴上级|结转下年")
PROCUREMENT_PARTS = (r"货物", r"工程", r"服务")


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    rows = [r for r in doc.narrative if r.get("amount") is not None or r.get("change_amount") is not None]
    yield from _three_public(doc, [r for r in rows if r.get("topic") == "three_public"])
    yield from _basic_and_project(doc, rows)
    yield from _carryover(doc, [r for r in rows if r.get("topic") == "carryover" and is_money(r)])
    yield from _procurement(doc, [r for r in rows if r.get("topic") == "procurement" and is_money(r)])


def _relation(doc: Disclosure, whole: Stated | None, parts: Sequence[Stated | None], field: str, what: str) -> Iterator[Evaluation]:
    if whole is None or any(p is None for p in parts) or whole.get(field) is None:
        return
    present = [p for p in parts if p is not None]
    if any(p.get(field) is None for p in present) or not same_money_unit([whole, *present]):
        return
    yield compare_stated(doc, CHECK, whole, present, field, what).evaluation()


def _three_public(doc: Disclosure, rows: list[Stated]) -> Iterator[Evaluation]:
    final = doc.row.get("doc_kind") == "final_accounts"
    bases = ("预算", "决算") if final else (None,)  # final accounts state the budget and the outturn
    for field, basis in ((f, b) for f in ("amount", "change_amount") for b in bases):
        stated = [r for r in rows if r.get(field) is not None and (field != "amount" or r.get("fact_type") == "amount")
                  and (basis is None or _basis(r) == basis)]
        kinds: dict[str, Stated] = {}
        for r in stated:
            kind = item_kind(r.get("item") or "") or ("total" if names_three_public_total(r) else None)
            if kind and kind not in kinds:
                kinds[kind] = r
        vehicles = [kinds.get("vehicles")] if "vehicles" in kinds else [kinds.get("purchase"), kinds.get("operation")]
        parts = [kinds.get("abroad"), *vehicles, kinds.get("reception")]
        yield from _relation(doc, kinds.get("total"), parts, field, "the sum of the 三公 items")


def _basis(row: Stated) -> str | None:
    """Whether a final-accounts statement is about the budget (预算) or the outturn (决算)."""
    subject = squeezed(row.get("subject"))
    return "决算" if "决算" in subject else "预算" if "预算" in subject else None


def _basic_and_project(doc: Disclosure, rows: list[Stated]) -> Iterator[Evaluation]:
    by_topic: dict[str, list[Stated]] = {}
    for r in rows:
        if is_money(r):
            by_topic.setdefault(r["topic"], []).append(r)
    for topic, topic_rows in by_topic.items():
        for i, whole in enumerate(topic_rows):
            if whole.get("measure") or whole.get("source") not in SPLIT_WHOLES:
                continue
            parts = _parts_after(topic_rows[i + 1 :])
            if parts is not None:
                yield from _relation(doc, whole, parts, "amount", "基本支出 + 项目支出")
                yield from _relation(doc, whole, parts, "change_amount", "the changes of 基本支出 + 项目支出")
            elif whole["source"] != topic and whole.get("change_amount") is not None:
                # “一般公共预算 …减少 35.22” under 收入 and its 基本/项目支出 changes under 一般公共预算
                heading = [r for r in by_topic.get(whole["source"], []) if not (r.get("source") == whole["source"] and not r.get("measure"))]
                own = _parts_after(heading)
                if own is not None and _relation_holds(whole, own):
                    yield from _relation(doc, whole, own, "change_amount", "the changes of 基本支出 + 项目支出")


def _parts_after(rows: list[Stated]) -> list[Stated] | None:
    """The 基本支出 and 项目支出 stated right after a whole (nothing else between them), unless
    the list goes on with another part of spending (单位预留机动经费, 经营支出 …)."""
    basic = next((r for r in rows if r.get("measure") == "basic"), None)
    project = next((r for r in rows if r.get("measure") == "project"), None)
    if basic is None or project is None or rows.index(basic) > rows.index(project):
        return None
    first, last = rows.index(basic), rows.index(project)
    if any(r.get("measure") not in ("basic", "project") for r in rows[first : last + 1]):
        return None
    if any(r.get("source") and not r.get("measure") for r in rows[:first]):
        return None  # another whole stands between: the parts are its parts
    following = rows[last + 1 : last + 2]
    if following and OTHER_SPENDING.search(squeezed(following[0].get("subject"))):
        return None  # the whole has a third part the text names
    return [basic, project]


def _relation_holds(whole: Stated, parts: list[Stated]) -> bool:
    """The parts' amounts add up to the whole's exactly (then their changes must too)."""
    return same_money_unit([whole, *parts]) and sum(Decimal(p["amount"]) for p in parts) == Decimal(whole["amount"])


def _carryover(doc: Disclosure, rows: list[Stated]) -> Iterator[Evaluation]:
    whole = next((r for r in rows if not r.get("source") and "结转" in squeezed(r.get("subject"))), None)
    fiscal = next((r for r in rows if r.get("source") == "fiscal_carryover"), None)
    non_fiscal = next((r for r in rows if r.get("source") == "non_fiscal_carryover"), None)
    yield from _relation(doc, whole, [fiscal, non_fiscal], "amount", "财政拨款 + 非财政拨款")


def _procurement(doc: Disclosure, rows: list[Stated]) -> Iterator[Evaluation]:
    for i, whole in enumerate(rows):
        if not re.fullmatch(r"(?:部门)?政府采购(?:预算|决算|支出)?(?:总额|合计)?", squeezed(whole.get("subject"))):
            continue
        after = rows[i + 1 : i + 1 + len(PROCUREMENT_PARTS)]
        kinds = [[p for p in PROCUREMENT_PARTS if re.search(p, squeezed(r.get("subject")))] for r in after]
        if any(len(k) > 1 for k in kinds):
            continue  # a statement naming two kinds (“工程预算为0、服务预算 439.51”): not read apart
        parts = [next((r for r, k in zip(after, kinds, strict=True) if k == [p]), None) for p in PROCUREMENT_PARTS]
        yield from _relation(doc, whole, parts, "amount", "货物 + 工程 + 服务")


RULE = Rule(CHECK, "text", "the narrative's own numbers add up: 三公 total and changes = Σ items, a whole = "
            "基本支出 + 项目支出, 结转结余 = 财政拨款 + 非财政拨款, 政府采购 = 货物 + 工程 + 服务", evaluate)
