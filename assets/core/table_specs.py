"""What the standard tables are: declared as data (specs/*.yaml), read by the generic machinery.

`specs/tables.yaml` declares the table kinds (table_key, what a body row means, the title
patterns shared by every family); `specs/words.yaml` the words that give headers and row labels
their meaning; `specs/families/*.yaml` each template family: the titles it prints for each kind
(in the body and on its contents page), which kinds it publishes (its core tables), extra header
words. Adding a family is writing its YAML file, not code.

A table is recognised by its title, never by its number or position: the title line is
normalised (whitespace, table numbers and bracketed notes removed) and matched against the kinds
in declared order, each with its own patterns plus every family's aliases for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

SPEC_DIR = Path(__file__).resolve().parent / "specs"


# --- declared data --------------------------------------------------------------------------


@dataclass(frozen=True)
class TableSpec:
    key: str
    titles: tuple[str, ...]  # regexes over the normalised title
    direction: str = "expenditure"
    classification: str = "functional"
    default_source: str = "all"
    two_sided: bool = False  # income lines on the left, expenditure lines on the right
    source_overrides: tuple[tuple[str, str], ...] = ()  # header words that mean otherwise here
    excludes: tuple[str, ...] = ()  # regexes that veto a title match
    expenditure_default_source: str | None = None  # two-sided: source of the expenditure block
    items_in_columns: bool = False  # the columns may be the items (三公: 合计 | 因公出国 | …)
    scope_measure: str | None = None  # the measure the whole table is of: its columns' total


@dataclass(frozen=True)
class FamilySpec:
    """One template family: how its documents title the standard tables, and which they print."""

    name: str
    description: str
    signatures: tuple[str, ...]  # regexes over normalised titles that identify the family
    core: tuple[str, ...]  # the table kinds every document of the family publishes
    optional_core: tuple[str, ...]  # core kinds that some of its documents leave out (三公)
    titles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # key → body/contents titles
    unit: str | None = None  # the unit its tables print when a table states none


def pairs(rows: Iterable[list[str]]) -> tuple[tuple[str, str], ...]:
    return tuple((str(a), str(b)) for a, b in rows)


def _load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def families() -> tuple[FamilySpec, ...]:
    out = []
    for path in sorted((SPEC_DIR / "families").glob("*.yaml")):
        data = _load_yaml(path)
        out.append(
            FamilySpec(
                name=data["family"],
                description=data.get("description", ""),
                signatures=tuple(data.get("signatures", ())),
                core=tuple(data.get("core", ())),
                optional_core=tuple(data.get("optional_core", ())),
                titles={k: tuple(v) for k, v in (data.get("titles") or {}).items()},
                unit=data.get("unit"),
            )
        )
    return tuple(out)


@cache
def table_specs() -> tuple[TableSpec, ...]:
    aliases: dict[str, list[str]] = {}
    for family in families():
        for key, titles in family.titles.items():
            aliases.setdefault(key, []).extend(titles)
    specs = []
    for row in _load_yaml(SPEC_DIR / "tables.yaml")["tables"]:
        key = row["key"]
        specs.append(
            TableSpec(
                key=key,
                titles=tuple(row.get("titles", ())) + tuple(dict.fromkeys(aliases.get(key, ()))),
                direction=row.get("direction", "expenditure"),
                classification=row.get("classification", "functional"),
                default_source=row.get("default_source", "all"),
                two_sided=bool(row.get("two_sided", False)),
                source_overrides=pairs(row.get("source_overrides", ())),
                excludes=tuple(row.get("excludes", ())),
                expenditure_default_source=row.get("expenditure_default_source"),
                items_in_columns=bool(row.get("items_in_columns", False)),
                scope_measure=row.get("scope_measure"),
            )
        )
    unknown = set(aliases) - {s.key for s in specs}
    if unknown:
        raise ValueError(f"family title aliases for undeclared table kinds: {sorted(unknown)}")
    return tuple(specs)


@cache
def words() -> dict[str, Any]:
    data: dict[str, Any] = _load_yaml(SPEC_DIR / "words.yaml")
    return data


TABLE_SPECS: tuple[TableSpec, ...] = table_specs()
NOT_TABLE_TITLE = re.compile(words()["not_table_titles"])
SPECS_BY_KEY = {s.key: s for s in TABLE_SPECS}


# --- titles ---------------------------------------------------------------------------------

# A title line is short and ends with 表 (possibly followed by a bracketed note); narrative
# sentences that mention a table name are longer and end with punctuation.
TITLE_MAX_CHARS = 48
CN_NUMBERS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
_CN_NO = r"[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]"  # 一 … 九十九, not 八一
_NO = rf"([0-9]{{1,2}}(?!\d{{3}}年)|{_CN_NO})"  # 表12022年… is 表1 + 2022年…
# Table numbers as families print them: 表1, 表一, 附表1, 表1-2, 公开01表, 预算01表, 预算表12,
# 部门公开表1, 公开表1, (预算表1).
TABLE_NO_PATTERNS = (
    re.compile(rf"^(?:部门)?(?:公开|预算|附)?表\s*{_NO}(?:[-—－]\d+)?[\s:：、.．]*"),
    re.compile(rf"^(?:部门)?(?:公开|预算){_NO}表[\s:：、.．]*"),
    re.compile(rf"^({_CN_NO}|[0-9]{{1,2}}(?=、))[、.．]"),  # contents-page style 一、
)
TABLE_NO_SUFFIX = re.compile(rf"(?:[（(](?:部门)?(?:公开|预算)?表\s*{_NO}[)）]|(?<=[表）)])(?:部门)?(?:公开|预算)表\s*{_NO})$")
BRACKET_NOTE = re.compile(r"[（(][^（()）]*[)）]$")
TITLE_END = re.compile(r"表(?:[（(][^（()）]*[)）])*$")


def _number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if token == "十":
        return 10
    if token.startswith("十"):
        return 10 + CN_NUMBERS[token[1]]
    if token.endswith("十"):
        return CN_NUMBERS[token[0]] * 10
    if "十" in token:
        return CN_NUMBERS[token[0]] * 10 + CN_NUMBERS[token[2]]
    return CN_NUMBERS.get(token)


def split_table_no(text: str) -> tuple[int | None, str]:
    """(printed table number, the rest) of a whitespace-free title line."""
    for pattern in TABLE_NO_PATTERNS:
        match = pattern.match(text)
        if match and match.end() < len(text):
            token, rest = match.group(1), text[match.end():]
            # 表十一般公共预算… is 表十 + 一般…, 表十三公… is 表十 + 三公…
            if len(token) > 1 and ((token[-1] == "一" and rest.startswith("般")) or (token[-1] == "三" and rest.startswith("公"))):
                if match.end() == match.end(1):
                    token, rest = token[:-1], token[-1] + rest
            return _number(token), rest
    match = TABLE_NO_SUFFIX.search(text)
    if match:
        return _number(match.group(1) or match.group(2)), text[: match.start()]
    return None, text


def parse_table_no(text: str, listing: bool = True) -> int | None:
    """The table number a line prints on its own or before a title (表1, 公开01表, 预算表12);
    with `listing`, also a contents-page list number (一、收支总表)."""
    squeezed = re.sub(r"\s+", "", text)
    number, rest = split_table_no(squeezed)
    if number is not None and (listing or not TABLE_NO_PATTERNS[-1].match(squeezed)):
        return number
    match = re.fullmatch(rf"(?:部门)?(?:公开|预算|附)?表{_NO}|(?:部门)?(?:公开|预算){_NO}表", squeezed)
    if match:
        return _number(match.group(1) or match.group(2))
    return None


def normalise_title(line: str) -> str:
    """The title without whitespace, table number and trailing bracketed notes."""
    text = re.sub(r"\s+", "", line)
    _, text = split_table_no(text)
    return text


def match_title(line: str) -> TableSpec | None:
    """The table kind a title line names, or None for anything that is not a table title."""
    text = normalise_title(line)
    if not text or len(text) > TITLE_MAX_CHARS or not TITLE_END.search(text):
        return None
    if re.search(r"[，。；;]|说明$|情况说明", text) or NOT_TABLE_TITLE.search(text):
        return None
    core = text
    while BRACKET_NOTE.search(core) and not core.endswith("表"):
        core = BRACKET_NOTE.sub("", core)
    # The full title first (its note may decide: …支出表（按经济分类）), then without the notes.
    for candidate in dict.fromkeys((text, core)):
        for spec in TABLE_SPECS:
            if any(re.search(x, candidate) for x in spec.excludes):
                continue
            if any(re.search(t, candidate) for t in spec.titles):
                return spec
    return None


def family_of(titles: Iterable[str]) -> FamilySpec | None:
    """The family whose signatures the most titles match (None: no signature matched)."""
    normalised = [normalise_title(t) for t in titles]
    best, best_hits = None, 0
    for family in families():
        hits = sum(1 for t in normalised if any(re.search(s, t) for s in family.signatures))
        if hits > best_hits:
            best, best_hits = family, hits
    return best


# --- header words ---------------------------------------------------------------------------

SOURCE_WORDS: tuple[tuple[str, str], ...] = pairs(words()["sources"])
MEASURE_WORDS: tuple[tuple[str, str], ...] = pairs(words()["measures"])
# Generic total words: a column under a header that names a measure (基本支出/小计) has its parent's.
WEAK_TOTAL = re.compile(words()["weak_total"])
PRIOR_YEAR = re.compile(words()["prior_year"])
BUDGET_BESIDE_FINAL = re.compile(words()["budget_beside_final"])
FINAL_COLUMN = re.compile(words()["final_column"])
FLOW_TABLE = re.compile(words()["flow_table"])
FLOW_MEASURES: tuple[tuple[str, str], ...] = pairs(words()["flow_measures"])
ECON_CLASS_WORDS: tuple[tuple[str, str], ...] = pairs(words()["econ_classes"])
CARRYOVER_CHILDREN: dict[str, dict[str, str]] = words()["carryover_children"]
ITEM_HEADER = re.compile(words()["item_headers"])
TITLE_CLASSIFICATIONS: tuple[tuple[str, str], ...] = pairs(words()["title_classifications"])
_columns = words()["columns"]
CODE_PART_WORDS: dict[str, int] = dict(_columns["code_parts"])
IGNORED_COLUMN: str = _columns["ignore"]
CODE_COLUMN: str = _columns["code"]
ECON_CODE_COLUMN: str = _columns["econ_code"]
GOV_ECON_CODE_COLUMN: str = _columns["gov_econ_code"]
PROJECT_COLUMN: str = _columns["project"]
UNIT_COLUMN: str = _columns["unit"]
LABEL_COLUMN: str = _columns["label"]
PURPOSE_BLOCK: str = _columns["purpose_block"]
HEADER_YEAR = re.compile(r"(20\d{2})\s*年")


@dataclass(frozen=True)
class ColumnMeaning:
    source: str
    measure: str
    econ_code: str | None = None


def first_match(pairs: tuple[tuple[str, str], ...], text: str) -> str | None:
    for pattern, value in pairs:
        if re.search(pattern, text):
            return value
    return None


def is_item_header(text: str) -> bool:
    """A header naming an item of a table whose items are columns (三公: 因公出国（境）费 …)."""
    return bool(ITEM_HEADER.search(text))


@dataclass(frozen=True)
class HeaderContext:
    """What the whole header of a table says about each of its columns."""

    year: int | None = None  # the latest year the header names, when it names two
    beside_final: bool = False  # the table prints 决算数 columns (final accounts)
    flow: bool = False  # columns are flows: 年初结转和结余 | 本年收入 | 本年支出 | 年末结转和结余


def column_meaning(
    path: list[str], spec: TableSpec, default_source: str, context: HeaderContext = HeaderContext()
) -> ColumnMeaning:
    """Source, measure and economic class of an amount column from its header path (root→leaf).

    Leaf first: the nearest header that names a source / measure decides, except that a generic
    total word (合计, 小计, 预算数) yields to a measure named further up (基本支出 › 小计 is basic).
    In a final-accounts table (决算数 columns) a 预算数 column is the year's budget; in a table of
    flows 年初结转和结余 / 本年收入 / 本年支出 / 年末结转和结余 are measures, not sources.
    A header with an earlier year than the table's latest (2025年预算数 beside 2026年…) is the
    prior-year budget. A fund under a carryover header is that carryover's sub-source.
    """
    year, beside_final = context.year, context.beside_final
    sources: list[str] = []
    measure = econ = None
    weak = False
    for text in reversed(path):
        if econ is None and measure is None:
            econ = first_match(ECON_CLASS_WORDS, text)
            if econ:
                measure = "econ_class"
        flow = first_match(FLOW_MEASURES, text) if context.flow else None
        found = None if flow else first_match(spec.source_overrides, text) or first_match(SOURCE_WORDS, text)
        if found:
            sources.append(found)
        years = [int(y) for y in HEADER_YEAR.findall(text)]
        if (year is not None and years and max(years) < year) or PRIOR_YEAR.search(text):
            if measure is None or weak:
                measure, weak = "prior_year_budget", False
            continue
        named = flow or first_match(MEASURE_WORDS, text)
        if beside_final and BUDGET_BESIDE_FINAL.search(text):
            named = "budget"  # 预算数 beside 决算数: the year's budget, not the total
        if named is None:
            continue
        if measure is None:
            measure, weak = named, named == "total" and bool(WEAK_TOTAL.search(text))
        elif weak and not WEAK_TOTAL.search(text):
            measure, weak = named, False
    if measure is not None and measure == spec.scope_measure:
        measure = "total"
    source = sources[0] if sources else default_source
    for outer in sources[1:]:
        source = CARRYOVER_CHILDREN.get(outer, {}).get(source, source)
    return ColumnMeaning(source, measure or "total", econ)
