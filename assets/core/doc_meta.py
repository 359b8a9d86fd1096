"""Disclosure metadata read from the document itself (filenames are unreliable).

Where each field comes from, in order of trust:

- department: the 编制部门/单位 lines printed above the tables (the formal name), else the
  cover's labelled line (预算主管部门：/ 预算单位：/ 部门：), else the cover title
  (``X 2026年部门预算`` / ``2026年 X 部门预算``), else a ``部门名称 X`` row anywhere (Beijing's
  报表 attachment prints its name only in the 绩效目标表).
- year: the cover title, else a first-pages line naming a 预算/决算 year, else years in table
  titles (``2017年政府采购预算表``), else a ``（2026年度）`` note, else the most frequent year.
- doc_kind: 决算 in the cover title or in most table titles → final_accounts, else budget.
- scope: ``unit`` for 单位预算/单位决算 (or a cover naming only a 预算单位), else ``department``.
- unit: the 预算单位 a unit-scope document is about; region: the place the cover names before
  its year (上海市普陀区2026年区级部门预算), else the leading place name of the department.

`evidence` records which rule produced each field, for the corpus report.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

YEAR = r"(?:19|20)\d{2}"
# A disclosure title with the department before the year: 江苏省人民检察院2017年部门预算,
# 上海市普陀区2026年区级部门预算 (a 级 word means the text before the year is the region).
TITLE_NAME_FIRST = re.compile(
    rf"(?P<name>[^\d]{{2,40}}?)(?P<year>{YEAR})年?度?(?P<level>[省市区县]级)?(?P<scope>部门|单位)?(?:综合)?(?P<kind>预算|决算)"
)
# … and with the year first: 2026年深圳市交通运输局（本级）部门预算, 2018年度江苏省高级人民法院预算公开.
TITLE_YEAR_FIRST = re.compile(rf"(?P<year>{YEAR})年度?(?P<name>[^\d]{{2,40}}?)(?P<scope>部门|单位)?(?:综合)?(?P<kind>预算|决算)")
LABEL_WORDS = ("预算主管部门", "主管部门", "预算单位", "编制部门", "编制单位", "填报单位", "部门名称", "单位名称", "部门", "单位")
# `label：name` at the start of a line, after a space or a table title (never inside a sentence:
# 所属单位：…), letters possibly spaced out (部 门：…); the name runs to the amount unit or the
# line's end.
LABEL = re.compile(
    r"(?:^|(?<=\s)|(?<=表))(?P<label>" + "|".join(r"\s*".join(w) for w in LABEL_WORDS) + r")\s*[:：]\s*"
    r"(?P<name>.+?)(?=\s*(?:金额|货币|计量)?单\s*位\s*[:：（(]|\s{2,}|$)"
)
# A 部门名称 / 单位名称 cell followed by the name in the next cell (no colon).
NAME_ROW = re.compile(r"^(?:部门|单位|部门（单位）|部门\(单位\))名称\s+(?P<name>\S+)")
TABLE_LABELS = ("编制部门", "编制单位", "填报单位", "部门", "单位", "单位名称", "预算单位")
PAGE_NUMBER = re.compile(r"^[-—–－\s.]*\d{1,3}[-—–－\s.]*$")
SECTION_START = re.compile(r"^(?:目录|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
NOT_A_NAME = re.compile(r"预算|决算|表$|目录|说明|公开|^部门|^单位|整体|[:：、。，,；;！？]|^\W|万元|^元$|附件|\d{3,}")
# （2026年度） beside a table title; layout sometimes splits it as 2026（年度）.
CONTEXT_YEAR = re.compile(rf"[（(]({YEAR})年度?[)）]|({YEAR})[（(]年度[)）]")
YEAR_OF_PLAN = re.compile(rf"({YEAR})年(?:度)?(?!\d|-|—|至)")
YEAR_OF_DATE = re.compile(rf"({YEAR})年\d{{1,2}}月")
TITLE_LINE_MAX = 40
# A table title naming its year: 2017年政府采购预算表, 2026年部门财务收支预算总表.
TABLE_TITLE_YEAR = re.compile(rf"^.{{0,12}}?({YEAR})年度?[^\d，。；]{{0,24}}?(?:预算|决算)[^\d，。；]{{0,12}}?表")
COVER_LINES = 8
# Departments named after the party committee print it three ways: 中国共产党江苏省委员会办公厅,
# 中共江苏省委办公厅, 江苏省委办公厅. One key for all of them.
PARTY_PREFIX = re.compile(r"^(?:中国共产党|中共)")
PLACE_COMMITTEE = re.compile(r"^(.{2,10}?[省市区县])委员会")
LEVEL_MARK = re.compile(r"[（(](?:本级|汇总|部门汇总|单位汇总)[)）]")


@dataclass
class DocumentMeta:
    department: str | None
    year: int | None
    doc_kind: str  # budget or final_accounts
    region: str | None
    title: str
    scope: str = "department"  # department (部门) or unit (单位)
    unit: str | None = None  # the 预算单位 of a unit-scope document
    evidence: dict[str, str] = field(default_factory=dict)

    @property
    def is_identified(self) -> bool:
        """Enough to name the disclosure: whose, which year."""
        return bool(self.department) and self.year is not None

    @property
    def disclosure_id(self) -> str:
        """Stable across re-publications and attachments: department × year × kind × scope,
        not the file's bytes (the narrative and the tables attachment share it)."""
        basis = f"{department_key(self.department) or '?'}|{self.year or '?'}|{self.doc_kind}|{self.scope}"
        digest = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]
        return f"{self.year or 'unknown'}-{self.doc_kind}-{digest}"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def department_key(name: str | None) -> str | None:
    """The department's name reduced to what identifies it (party prefixes, 委员会 → 委 after a
    place name, 本级/汇总 marks and whitespace removed)."""
    if not name:
        return None
    key = LEVEL_MARK.sub("", squeeze(name)).replace("(", "（").replace(")", "）")
    key = PARTY_PREFIX.sub("", key)
    return PLACE_COMMITTEE.sub(r"\1委", key)


def region_of(department: str | None) -> str | None:
    """The government area a department belongs to: the leading place name of its name."""
    if not department:
        return None
    name = re.sub(r"^(中共|中国共产党|共青团)", "", department)
    # Provinces and municipalities are followed by their districts (上海市普陀区…).
    match = re.match(r"^(.{2,8}?(?:省|自治区|市))(.{2,8}?(?:自治州|地区|盟|市|区|县|旗))?", name)
    if match and not match.group(1).endswith(("城市", "超市")):
        region = match.group(1) + (match.group(2) or "")
        # "…市人民政府" keeps only the place; a second group ending in 政府-words is not a place.
        if match.group(2) and re.search(r"(人民|政府|管理|委员)", match.group(2)):
            region = match.group(1)
        return region
    match = re.match(r"^(.{2,12}?(?:特别行政区|自治区|自治州|自治县|自治旗|省|(?<!城)市|州|地区|盟|县|区|旗))", name)
    if match:
        return match.group(1)
    # Municipalities often drop their 市 inside a name (北京城市副中心…).
    match = re.match(r"^(北京|上海|天津|重庆)", name)
    return f"{match.group(1)}市" if match else None


def clean_name(raw: str) -> str | None:
    """A printed department/unit name, or None when the text is not one."""
    name = squeeze(raw).strip("．.·•、,，;；:：-—_ ")
    name = re.sub(r"^[\d.．、]+", "", name)
    if name.endswith("部门") and len(name) > 4:  # 北京市信访办公室部门2026年度部门预算
        name = name[:-2]
    if not 2 <= len(name) <= 40 or NOT_A_NAME.search(name):
        return None
    if not re.search(r"[\u4e00-\u9fff]{2}", name):
        return None
    return name


@dataclass
class CoverTitle:
    title: str
    year: int
    kind: str
    name: str | None  # department or unit named by the title
    region: str | None  # the place named before a 级 word
    scope: str | None


def cover_head(page_text: str) -> str:
    """The first page's title block, squeezed: lines before the contents or the first section."""
    kept: list[str] = []
    for line in page_text.splitlines():
        text = squeeze(line)
        if kept and re.fullmatch(YEAR, text) and re.search(r"(?<!\d)年", kept[-1]) and not re.search(rf"{YEAR}年", kept[-1]):
            # Digits set in another font sit on their own baseline and come out as a line of
            # their own after the title they belong to: 重庆市气象局年部门预算… / 2026.
            kept[-1] = re.sub(r"(?<!\d)年", f"{text}年", kept[-1], count=1)
            continue
        if not text or PAGE_NUMBER.match(line):
            continue
        if SECTION_START.match(text) or len(kept) >= COVER_LINES:
            break
        kept.append(text)
    return "".join(kept)


def read_cover_title(head: str) -> CoverTitle | None:
    for pattern in (TITLE_NAME_FIRST, TITLE_YEAR_FIRST):
        match = pattern.search(head)
        if match is None:
            continue
        raw_name = match.group("name")
        name = None if match.groupdict().get("level") else clean_name(raw_name)
        region = clean_name(raw_name) if match.groupdict().get("level") else None
        scope = {"部门": "department", "单位": "unit"}.get(match.group("scope") or "")
        kind = "final_accounts" if match.group("kind") == "决算" else "budget"
        return CoverTitle(match.group(0).lstrip("．.·"), int(match.group("year")), kind, name, region, scope)
    return None


def labelled_names(lines: Iterable[str]) -> list[tuple[str, str]]:
    """(label, name) for every `label：name` and `部门名称 name` found in the lines."""
    found: list[tuple[str, str]] = []
    for line in lines:
        row = NAME_ROW.match(line.strip())
        if row and (name := clean_name(row.group("name"))):
            found.append(("部门名称", name))
            continue
        for match in LABEL.finditer(line.strip()):
            if name := clean_name(match.group("name")):
                found.append((squeeze(match.group("label")), name))
    return found


def _most_common(values: Iterable[str]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def _year_from_lines(lines: Iterable[str]) -> int | None:
    """A year stated next to 预算/决算 in short, title-like lines."""
    years = []
    for line in lines:
        text = squeeze(line)
        if len(text) <= TITLE_LINE_MAX and re.search(r"预算|决算", text):
            years += [int(y) for y in re.findall(rf"({YEAR})年", text)]
    return Counter(years).most_common(1)[0][0] if years else None


def _frequent_year(text: str) -> int | None:
    dates = Counter(YEAR_OF_DATE.findall(text))
    years = Counter(YEAR_OF_PLAN.findall(text))
    years.subtract(dates)  # 2026年3月 is a publication date, not the plan's year
    best = [(n, y) for y, n in years.items() if n > 0]
    return int(max(best)[1]) if best else None


def read_meta(
    page_texts: Sequence[str],
    table_titles: Sequence[str] = (),
    table_departments: Sequence[str] = (),
    fallback_title: str = "",
) -> DocumentMeta:
    """Metadata of one document from its pages' text (all pages, lines separated by newlines),
    the titles of the tables found in it and their 编制部门 lines."""
    evidence: dict[str, str] = {}
    first_pages = [line for text in page_texts[:2] for line in text.splitlines()]
    cover_lines = page_texts[0].splitlines() if page_texts else []
    all_lines = [line for text in page_texts for line in text.splitlines()]
    head = cover_head(page_texts[0]) if page_texts else ""
    cover = read_cover_title(head)
    cover_labels = labelled_names(first_pages)
    unit_label = next((n for label, n in cover_labels if label == "预算单位"), None)
    head_label = next((n for label, n in cover_labels if label in ("预算主管部门", "主管部门", "部门", "编制部门")), None)

    department = _first(
        evidence,
        "department",
        ("table 编制部门 lines", lambda: _most_common([*table_departments, *_page_labels(all_lines, TABLE_LABELS)])),
        ("cover label", lambda: head_label or unit_label),
        ("cover title", lambda: cover.name if cover else None),
        ("部门名称 row", lambda: _most_common(_page_labels(all_lines, ("部门名称",)))),
    )
    year = _first(
        evidence,
        "year",
        ("cover title", lambda: cover.year if cover else None),
        ("first-page title lines", lambda: _year_from_lines(cover_lines)),
        ("table title lines", lambda: _most_common(m.group(1) for line in all_lines if (m := TABLE_TITLE_YEAR.search(squeeze(line))))),
        ("table titles", lambda: _most_common(str(y) for t in table_titles for y in re.findall(rf"({YEAR})年", t))),
        ("（年度） note", lambda: _most_common(a or b for a, b in CONTEXT_YEAR.findall("\n".join(all_lines)))),
        ("most frequent year", lambda: _frequent_year("\n".join(page_texts))),
    )
    doc_kind = _doc_kind(cover, table_titles, evidence)
    unit_scope = (cover and cover.scope == "unit") or (unit_label and not head_label) or re.search(r"单位(?:预算|决算)", head)
    scope = "unit" if unit_scope else "department"
    unit = (unit_label or (cover.name if cover else None) or department) if scope == "unit" else None
    region = (cover.region if cover else None) or region_of(department)
    title = cover.title if cover else (squeeze(fallback_title) or "")
    return DocumentMeta(department, int(year) if year else None, doc_kind, region, title, scope, unit, evidence)


def _first(evidence: dict[str, str], name: str, *rules: tuple[str, Callable[[], Any]]) -> Any:
    """The value of the first rule that finds one; its name goes into the evidence."""
    for source, rule in rules:
        value = rule()
        if value:
            evidence[name] = source
            return value
    return None


def _page_labels(lines: Sequence[str], labels: Sequence[str]) -> list[str]:
    return [n for label, n in labelled_names(lines) if label in labels]


def _doc_kind(cover: CoverTitle | None, table_titles: Sequence[str], evidence: dict[str, str]) -> str:
    if cover is not None:
        evidence["doc_kind"] = "cover title"
        return cover.kind
    if table_titles:
        evidence["doc_kind"] = "table titles"
        final = sum(1 for t in table_titles if "决算" in t)
        return "final_accounts" if final * 2 > len(table_titles) else "budget"
    evidence["doc_kind"] = "default"
    return "budget"


# --- template family ------------------------------------------------------------------------

# The regional template families, by the title of the income-expenditure summary (their first
# table); the order matters, the more specific wording first.
FAMILY_TITLES: tuple[tuple[str, str], ...] = (
    ("决算", r"决算"),
    ("沪财务收支预算总表", r"财务收支预算总表"),
    ("陕综合预算", r"综合预算收支总表|部门综合预算"),
    ("收支预算总表", r"收支预算总表"),
    ("总体情况表", r"收支总体情况表|收支预算总体情况表"),
    ("收支总表", r"收支总表"),
)
SUMMARY_TITLE = re.compile(r"收支.*总(?:体情况)?表|收入支出决算总表")


def table_family(titles: Sequence[str], doc_kind: str | None = None) -> str | None:
    """Which template family the document's tables belong to, from their titles (or from the
    contents page's names when the tables are in another attachment)."""
    if doc_kind == "final_accounts":
        return "决算"
    summaries = [squeeze(t) for t in titles if SUMMARY_TITLE.search(squeeze(t)) and "财政拨款" not in t]
    for family, pattern in FAMILY_TITLES:
        if any(re.search(pattern, t) for t in summaries):
            return family
    return None
