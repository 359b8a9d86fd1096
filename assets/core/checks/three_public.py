"""three_public_total: the 三公 total = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费, and
公务用车购置及运行费 = 公务用车购置费 + 公务用车运行费, in every column of the 三公 table.

Items are told by their printed labels; lines printed beside the three (机关运行经费, 会议费,
培训费) are not addends. Where the vehicle subtotal is not printed its two parts stand in.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from assets.core.row_labels import strip_list_prefix

from .disclosure import Disclosure, columns, compare
from .model import Evaluation, Fact
from .rule import Rule

CHECK = "three_public_total"
TABLE = "three_public_expenditure"
# item kind → label pattern (whitespace and list numbering removed); first match wins.
ITEMS: tuple[tuple[str, str], ...] = (
    ("vehicles", r"公务用车购置及运[行营]"),
    ("purchase", r"(?:^|公务用车)购置(费|支出)?$"),  # a column header may print only 购置费 / 运行费
    ("operation", r"(?:^|公务用车)运[行营](?:维护)?(?:费|支出)?$"),
    ("abroad", r"因公出国"),
    ("reception", r"公务接待"),
    ("total", r"^(“?三公”?经费)?(合计|总计)$|三公.*(合计|总计|支出)$"),
)


# Lines a 三公 table prints beside the three items (not addends, not unknown).
EXTRA_LINES = re.compile(r"机关运行|会议费|培训费|行政经费")


def item_kind(label: str) -> str | None:
    bare = strip_list_prefix(label)
    return next((kind for kind, pattern in ITEMS if re.search(pattern, bare)), None)


def column_items(cells: list[Fact]) -> dict[str, list[Fact]] | None:
    """A column's cells by item kind, or None when its lines are not told apart (a label that
    names no item, or an item twice): then a line missing from it cannot be read as 0."""
    items: dict[str, list[Fact]] = defaultdict(list)
    for f in cells:
        kind = item_kind(f["item"] or "")
        if kind is None and not EXTRA_LINES.search(f["item"] or ""):
            return None
        if kind is not None:
            items[kind].append(f)
    return None if any(len(found) > 1 for found in items.values()) else items


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    for cells in columns(doc.table(TABLE)).values():
        items: dict[str, list[Fact]] = defaultdict(list)
        for f in cells:
            kind = item_kind(f["item"] or "")
            if kind:
                items[kind].append(f)
        if any(len(found) > 1 for found in items.values()):
            continue  # an item printed twice in one column: the column is not one list
        one = {kind: found[0] for kind, found in items.items()}
        vehicle_parts = [one[k] for k in ("purchase", "operation") if k in one]
        if "vehicles" in one and vehicle_parts:
            yield compare(doc, CHECK, [one["vehicles"]], vehicle_parts, "购置费 + 运行费").evaluation()
        vehicles = [one["vehicles"]] if "vehicles" in one else vehicle_parts
        parts = [one[k] for k in ("abroad",) if k in one] + vehicles + [one[k] for k in ("reception",) if k in one]
        if "total" in one and parts:
            yield compare(doc, CHECK, [one["total"]], parts, "因公出国（境）费 + 公务用车购置及运行费 + "
                          "公务接待费").evaluation()


RULE = Rule(CHECK, "within_table", "三公 total = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费; "
            "公务用车购置及运行费 = 购置费 + 运行费", evaluate)
