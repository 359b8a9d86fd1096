"""Which disclosure a downloaded document belongs to: department × year × kind (× scope).

Evidence comes from three places, each read with doc_meta's title and label rules:

- the document itself (its first pages: cover title, 预算单位/编制部门 labels) — trusted most,
  since expected metadata is "as printed in the document";
- the detail page's title and the list page's link text;
- the attachment's link text (often just a file name, then it says nothing).

Fields are taken by trust, each from the first source that states it; sources that state a
different department (neither name containing the other, after doc_meta.department_key), year
or kind are conflicts, which the scraper records as findings. The key is the same
`DocumentMeta.disclosure_id` the published data uses, so a Word or Excel copy of a PDF, the
same file posted twice, or a corrected re-publication all land on one disclosure.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .content_sniff import ContentKind
from .doc_meta import SECTION_START, TITLE_YEAR_FIRST, YEAR, DocumentMeta, department_key, region_of

# Order of trust; a source's position is its rank.
SOURCES = ("document", "page_title", "list_title", "link_text")
DOCUMENT_PAGES = 2  # pages (or sheets) read for metadata at scrape time: the cover and the next
NOT_A_DISCLOSURE_TITLE = re.compile(r"关于|通知|编制工作|征求意见|申报|培训")


@dataclass(frozen=True)
class Evidence:
    source: str  # one of SOURCES
    text: str  # what was read (a title, or the document's first lines)
    department: str | None = None
    year: int | None = None
    doc_kind: str | None = None  # budget / final_accounts
    scope: str | None = None  # department / unit

    @property
    def says_anything(self) -> bool:
        return any(v is not None for v in (self.department, self.year, self.doc_kind))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        return cls(
            source=str(data.get("source") or "document"),
            text=str(data.get("text") or ""),
            department=data.get("department"),
            year=data.get("year"),
            doc_kind=data.get("doc_kind"),
            scope=data.get("scope"),
        )


@dataclass
class Identity:
    department: str | None
    year: int | None
    doc_kind: str
    scope: str
    region: str | None
    evidence: list[Evidence] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    chosen_from: dict[str, str] = field(default_factory=dict)  # field → source

    @property
    def identified(self) -> bool:
        return bool(self.department) and self.year is not None

    @property
    def key(self) -> str:
        """The disclosure id (= Dagster partition key) when identified."""
        meta = DocumentMeta(
            department=self.department, year=self.year, doc_kind=self.doc_kind, region=self.region, title="", scope=self.scope
        )
        return meta.disclosure_id


# --- evidence ---------------------------------------------------------------------------------

# 克孜勒苏…办公室2026年部门预算公开 / 上海市2026年市级单位预算 (a 级 word: the name is a region)
_NAME_FIRST = re.compile(
    rf"(?P<name>[^\d]{{2,40}}?)(?P<year>{YEAR})年?度?(?P<level>[省市区县州]级)?(?P<scope>部门|单位)?(?:综合)?(?P<kind>预算|决算)"
)
_LABEL = re.compile(
    r"(?P<label>预算单位|编制部门|编制单位|填报单位|部门名称|单位名称|预算主管部门|主管部门)\s*[:：]\s*"
    r"(?P<name>[^\s:：（）()]{2,40}?)(?=(?:金额)?单位[:：]|[\s（）()]|$)"
)
_LEVEL_MARK = re.compile(r"[（(](?:汇总|部门汇总|单位汇总|合并)[)）]")
_NOT_A_NAME = re.compile(r"预算|决算|公开|目录|说明|表$|关于|附件|^\W|\d{3,}|^(?:[省市区县州]级|所属|下属)?(?:部门|单位)$")
_COVER_LINES = 8


def clean_department(raw: str | None) -> str | None:
    """A printed department name without whitespace, consolidation marks (（汇总）) and the
    trailing 部门 of "北京市信访办公室部门2026年度部门预算"; None when it is no name."""
    if not raw:
        return None
    name = _LEVEL_MARK.sub("", squeeze(raw)).strip("．.·•、,，;；:：-—_ ").lstrip("）)").rstrip("（(")
    if name.endswith("部门") and len(name) > 4:
        name = name[:-2]
    if not 2 <= len(name) <= 40 or _NOT_A_NAME.search(name) or not re.search(r"[\u4e00-\u9fff]{2}", name):
        return None
    return name


def _title_fields(head: str) -> tuple[str | None, int | None, str | None, str | None]:
    """(department, year, kind, scope) of a squeezed title; Nones when it is no disclosure title."""
    for pattern in (_NAME_FIRST, TITLE_YEAR_FIRST):
        match = pattern.search(head)
        if match is None:
            continue
        groups = match.groupdict()
        name = None if groups.get("level") else clean_department(groups["name"])
        scope = {"部门": "department", "单位": "unit"}.get(groups.get("scope") or "")
        kind = "final_accounts" if groups["kind"] == "决算" else "budget"
        return name, int(groups["year"]), kind, scope
    return None, None, None, None


def _labels(lines: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in lines:
        for match in _LABEL.finditer(line):
            name = clean_department(match.group("name"))
            if name:
                found.setdefault(match.group("label"), name)
    return found


def _evidence(source: str, text: str, head: str, lines: list[str]) -> Evidence:
    if not head or NOT_A_DISCLOSURE_TITLE.search(head):
        return Evidence(source, text)
    name, year, kind, scope = _title_fields(head)
    labels = _labels(lines)
    unit = labels.get("预算单位")
    labelled = unit or next((labels[k] for k in ("编制部门", "编制单位", "部门名称", "单位名称", "填报单位") if k in labels), None)
    return Evidence(
        source,
        text,
        department=labelled or name,
        year=year,
        doc_kind=kind,
        scope="unit" if unit and not scope else scope,
    )


def from_title(text: str | None, source: str) -> Evidence:
    """What a page title or link text says (nothing for a file name or a notice's title)."""
    text = (text or "").strip()
    return _evidence(source, text, squeeze(text), [text])


def from_document(path: Path, kind: ContentKind) -> Evidence:
    """What the document's first pages say: the cover title (the lines before the contents or
    the first section) and name labels. Never raises: unreadable means no evidence."""
    try:
        texts = _first_pages_text(path, kind)
    except Exception:  # noqa: BLE001 - a broken file is the extract stage's business
        texts = []
    lines = [line for text in texts for line in text.splitlines() if line.strip()]
    if not lines:
        return Evidence("document", "")
    cover: list[str] = []
    for line in texts[0].splitlines():
        squeezed = squeeze(line)
        if not squeezed:
            continue
        if SECTION_START.match(squeezed) or len(cover) >= _COVER_LINES:
            break
        cover.append(squeezed)
    head = "".join(cover)
    return _evidence("document", " / ".join(cover)[:200], head, lines)


def _first_pages_text(path: Path, kind: ContentKind) -> list[str]:
    if kind is ContentKind.PDF:
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            return [page.extract_text() or "" for page in pdf.pages[:DOCUMENT_PAGES]]
    if kind in (ContentKind.XLS, ContentKind.XLSX):
        from .sheet_reader import read_sheets

        texts = []
        for sheet in read_sheets(path)[:DOCUMENT_PAGES]:
            rows: dict[int, list[str]] = {}
            for (r, _c), value in sorted(sheet.texts.items()):
                rows.setdefault(r, []).append(value)
            texts.append("\n".join("  ".join(v) for _, v in sorted(rows.items())))
        return texts
    if kind is ContentKind.DOCX:
        return [_docx_text(path.read_bytes())]
    return []


_W_PARAGRAPH = re.compile(rb"<w:p[ >].*?</w:p>", re.S)
_W_TEXT = re.compile(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>")


def _docx_text(data: bytes, max_paragraphs: int = 80) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
    lines = []
    for paragraph in _W_PARAGRAPH.findall(xml)[:max_paragraphs]:
        text = b"".join(_W_TEXT.findall(paragraph)).decode("utf-8", errors="replace")
        if text.strip():
            lines.append(text)
    return "\n".join(lines)


# --- resolution -------------------------------------------------------------------------------


def resolve(evidence: list[Evidence], compare: set[str] | None = None) -> Identity:
    """One identity from the evidence, most trusted source first; disagreements among the
    sources in `compare` (default: all) are conflicts."""
    ranked = sorted((e for e in evidence if e.says_anything), key=lambda e: SOURCES.index(e.source))
    compare = set(SOURCES) if compare is None else compare
    chosen: dict[str, Any] = {}
    chosen_from: dict[str, str] = {}
    for name in ("department", "year", "doc_kind", "scope"):
        for e in ranked:
            value = getattr(e, name)
            if value is not None:
                chosen[name], chosen_from[name] = value, e.source
                break
    conflicts = []
    for e in ranked:
        if e.source == chosen_from.get("department") or e.source not in compare:
            continue
        if e.department and chosen.get("department") and not same_department(e.department, chosen["department"]):
            conflicts.append(
                f"department: {chosen_from['department']} says {chosen['department']}, {e.source} says {e.department}"
            )
    for name in ("year", "doc_kind"):
        for e in ranked:
            value = getattr(e, name)
            if e.source in compare and value is not None and chosen.get(name) is not None and value != chosen[name]:
                conflicts.append(f"{name}: {chosen_from[name]} says {chosen[name]}, {e.source} says {value}")
    department = chosen.get("department")
    return Identity(
        department=department,
        year=chosen.get("year"),
        doc_kind=chosen.get("doc_kind") or "budget",
        scope=chosen.get("scope") or "department",
        region=region_of(department),
        evidence=list(evidence),
        conflicts=conflicts,
        chosen_from=chosen_from,
    )


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def same_department(a: str, b: str) -> bool:
    ka, kb = department_key(a) or "", department_key(b) or ""
    return bool(ka and kb) and (ka == kb or ka in kb or kb in ka)


def fallback_key(detail_url: str) -> str:
    """Key of a disclosure that names no department or year: its detail page (host and path,
    not the port, so a locally served portal keeps its keys across runs)."""
    parts = urlsplit(detail_url)
    basis = f"{parts.hostname}{parts.path}?{parts.query}"
    return f"unidentified-{hashlib.sha1(basis.encode('utf-8')).hexdigest()[:12]}"
