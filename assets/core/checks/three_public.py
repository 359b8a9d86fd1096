"""three_public_total: the 三公 total = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费, and
公务用车购置及运行费 = 公务用车购置费 + 公务用车运行费, in every column of the 三公 table.

Items are told by their printed labels; lines printed beside the three (机关运行经费, 会议费,
培训费) are not addends, and where the table prints them its 合计 is not the 三公 total (that is
the “三公”经费小计). Where the vehicle subtotal is not printed its two parts stand in.
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
    ("total", r"三公"),  # “三公”经费小计 / 合计 / 支出
    ("grand", r"^(合计|总计)$"),  # the table's total: the 三公 total unless it adds 会议费, 培训费 …
)


# Lines a 三公 table prints beside the three items (not addends, not unknown).
EXTRA_LINES = re.compile(r"机关运行|会议费|培训费|行政经费")
# Lines some families add into the table's 合计 (Jiangsu: “三公”经费、会议费、培训费支出预算表).
ADDED_LINES = re.compile(r"会议费|培训费")


def item_kind(label: str) -> str | None:
    bare = strip_list_prefix(label)
    return next((kind for kind, pattern in ITEMS if re.search(pattern, bare)), None)


def names_three_public_total(row: dict[str, object]) -> bool:
    """A narrative statement of the 三公 total: its subject names 三公 (a heading used as the
    subject of an item's amount, “…预算情况说明”, does not)."""
    subject = re.sub(r"\s+", "", str(row.get("subject") or ""))
    return "三公" in subject and not re.search(r"说明|情况$", subject)


def with_total(items: dict[str, list[Fact]], cells: list[Fact]) -> dict[str, list[Fact]]:
    """The table's 合计 is the 三公 total unless a “三公” subtotal is printed or it adds 会议费/培训费."""
    if "total" not in items and "grand" in items and not any(ADDED_LINES.search(f["item"] or "") for f in cells):
        return {**items, "total": items["grand"]}
    return items


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
        one = {kind: found[0] for kind, found in with_total(items, cells).items()}
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
