"""Disclosure metadata read from the document itself (filenames are unreliable)."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass

YEAR = re.compile(r"(20\d{2})\s*年(?:度)?")
REGION = re.compile(
    r"^(.{2,12}?(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|州|地区|盟|县|区|旗))"
)
FINAL_ACCOUNTS = re.compile(r"决\s*算")
UNIT_BUDGET = re.compile(r"单\s*位\s*预\s*算")


@dataclass
class DocumentMeta:
    department: str | None
    year: int | None
    doc_kind: str
    region: str | None
    title: str
    scope: str  # department (部门) or unit (单位)

    @property
    def disclosure_id(self) -> str:
        """Stable across re-publications: department × year × kind, not the file's bytes."""
        basis = f"{self.department or '?'}|{self.year or '?'}|{self.doc_kind}|{self.scope}"
        digest = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]
        return f"{self.year or 'unknown'}-{self.doc_kind}-{digest}"


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
    match = REGION.match(name)
    return match.group(1) if match else None


def read_meta(cover_text: str, departments: list[str], fallback_title: str = "") -> DocumentMeta:
    """Metadata from the cover/first pages' text and the 编制部门 lines of the tables."""
    lines = [re.sub(r"\s+", " ", line).strip() for line in cover_text.splitlines() if line.strip()]
    head = " ".join(lines[:8])
    title = next((line for line in lines[:8] if re.search(r"预\s*算|决\s*算", line)), fallback_title)
    if title and lines and lines[0] != title and not YEAR.search(lines[0]) and len(lines[0]) < 40:
        title = f"{lines[0]}{title}"
    years = [int(y) for y in YEAR.findall(head)]
    year = years[0] if years else None
    doc_kind = "final_accounts" if FINAL_ACCOUNTS.search(head) else "budget"
    scope = "unit" if UNIT_BUDGET.search(head) else "department"
    department = Counter(departments).most_common(1)[0][0] if departments else None
    if department is None and lines:
        # Cover: the department name is the line before "2026 年部门预算…" or its prefix.
        candidate = re.split(r"20\d{2}\s*年", lines[0])[0].strip()
        department = candidate or None
    return DocumentMeta(
        department=department,
        year=year,
        doc_kind=doc_kind,
        region=region_of(department),
        title=re.sub(r"\s+", "", title) if title else "",
        scope=scope,
    )
