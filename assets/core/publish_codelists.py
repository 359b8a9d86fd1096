"""Classification code lists as published dimensions, built from the facts of every disclosure.

For each budget year: every functional (类/款/项) and economic (类/款) code printed in a standard
table, with the name printed most often for it, and — where one code was printed with different
names in the same year — every name as a conflict row, with the disclosures and a page that
print it. Names are compared after removing what is layout, not naming: whitespace, list
numbering (一、, （一）, 1.), a leading printed code (``[2010501]``, ``2050803-``) and the
full-width/half-width distinction (NFKC).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

Row = Mapping[str, Any]

CODE_LIST_CLASSIFICATIONS = ("functional", "economic")
LEVEL_OF_LENGTH = {3: 1, 5: 2, 7: 3}
_NUMBERING = re.compile(r"^(其中[:：]|[一二三四五六七八九十]+[、.．]|\d+[.．、]|[（(][一二三四五六七八九十\d]+[)）])")
_PRINTED_CODE = re.compile(r"^[\[【(（]?\d{3,7}[\]】)）]?\s*[-—_:：、.．]?\s*")


def display_name(item: str) -> str:
    """The row label without layout: whitespace, list numbering and a printed code removed."""
    text = re.sub(r"\s+", "", item or "")
    previous = None
    while previous != text:
        previous = text
        text = _NUMBERING.sub("", text)
        text = _PRINTED_CODE.sub("", text)
    return text


def comparison_key(name: str) -> str:
    """Two names with the same key are the same name (full-/half-width folded)."""
    return unicodedata.normalize("NFKC", name)


@dataclass
class _CodeSighting:
    level: int
    names: Counter[str] = field(default_factory=Counter)  # display name → facts printing it
    by_key: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # key → disclosures
    first_seen: dict[str, tuple[str, int]] = field(default_factory=dict)  # key → (sha256, page)
    disclosures: set[str] = field(default_factory=set)


def build_code_lists(facts: Iterable[Row]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(classification_codes rows, classification_code_conflicts rows), sorted by year and code."""
    seen: dict[tuple[int, str, str], _CodeSighting] = {}
    for fact in facts:
        key = _code_key(fact)
        if key is None:
            continue
        name = display_name(str(fact.get("item") or ""))
        if not name:
            continue
        sighting = seen.setdefault(key, _CodeSighting(level=LEVEL_OF_LENGTH[len(key[2])]))
        sighting.names[name] += 1
        name_key = comparison_key(name)
        sighting.by_key[name_key].add(str(fact["disclosure_id"]))
        sighting.first_seen.setdefault(name_key, (str(fact["source_sha256"]), int(fact["page"])))
        sighting.disclosures.add(str(fact["disclosure_id"]))
    codes, conflicts = [], []
    for (year, classification, code), sighting in sorted(seen.items()):
        names_by_key = _names_by_key(sighting.names)
        codes.append(
            {
                "year": year,
                "classification": classification,
                "code": code,
                "level": sighting.level,
                "parent_code": _parent(code),
                "name": _most_printed(sighting),
                "name_count": len(names_by_key),
                "disclosure_count": len(sighting.disclosures),
            }
        )
        if len(names_by_key) > 1:
            for name_key, name in sorted(names_by_key.items()):
                sha256, page = sighting.first_seen[name_key]
                disclosure_ids = sorted(sighting.by_key[name_key])
                conflicts.append(
                    {
                        "year": year,
                        "classification": classification,
                        "code": code,
                        "level": sighting.level,
                        "name": name,
                        "disclosure_count": len(disclosure_ids),
                        "disclosure_ids": disclosure_ids,
                        "source_sha256": sha256,
                        "page": page,
                    }
                )
    return codes, conflicts


def _code_key(fact: Row) -> tuple[int, str, str] | None:
    classification, code, year = fact.get("classification"), fact.get("code"), fact.get("year")
    if classification not in CODE_LIST_CLASSIFICATIONS or not code or year is None:
        return None
    code = str(code).strip()
    if not code.isdigit() or len(code) not in LEVEL_OF_LENGTH:
        return None
    if classification == "economic" and len(code) == 7:
        return None  # economic codes are published to 款; 7-digit sub-items vary by region
    return int(year), str(classification), code


def _parent(code: str) -> str | None:
    return {5: code[:3], 7: code[:5]}.get(len(code))


def _names_by_key(names: Counter[str]) -> dict[str, str]:
    """One display form per distinct name: the one printed most often (ties: shortest, then first)."""
    best: dict[str, str] = {}
    for name, _ in sorted(names.items(), key=lambda item: (-item[1], len(item[0]), item[0])):
        best.setdefault(comparison_key(name), name)
    return best


def _most_printed(sighting: _CodeSighting) -> str:
    """The name printed by the most disclosures (ties: most facts, then shortest)."""
    names_by_key = _names_by_key(sighting.names)
    facts_per_key = Counter({k: 0 for k in names_by_key})
    for name, count in sighting.names.items():
        facts_per_key[comparison_key(name)] += count
    best_key = min(
        names_by_key,
        key=lambda k: (-len(sighting.by_key[k]), -facts_per_key[k], len(names_by_key[k]), names_by_key[k]),
    )
    return names_by_key[best_key]
