"""year_consistency and department_consistency: the title, the table headings and the narrative's
headings name the disclosure's year and department.

Year: the title, the tables' titles and every heading-like line (short, no full stop) that
names a budget or final accounts (“2026年部门预算”, “2024年度部门决算表”) name the disclosure's year; another year there is
an error (the document contradicts itself about what it is). Department: every
“编制部门：…” line above a table names the disclosure's department.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .disclosure import Disclosure
from .model import Evaluation, finding_row
from .rule import Rule

YEAR_CHECK = "year_consistency"
DEPARTMENT_CHECK = "department_consistency"
HEADING_MAX_CHARS = 60
DOCUMENT_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年度?(?:[\u4e00-\u9fff（）()]{0,30}?)(?:部门|单位)(?:综合)?(?:预算|决算)")
DEPARTMENT_LINE = re.compile(r"^编制部门[:：](?P<name>.+?)(?:(?:金额)?单位[:：].*)?$")


def evaluate_year(doc: Disclosure) -> Iterator[Evaluation]:
    year = doc.year
    if not year:
        return
    texts: list[tuple[str, int | None, str]] = [("title", None, doc.row.get("title") or "")]
    texts += [("table title", None, t) for t in doc.titles if len(t) <= HEADING_MAX_CHARS]
    texts += [("heading", p, s) for p, s in doc.sentences if _heading(s)]
    for where, page, text in texts:
        for m in DOCUMENT_YEAR.finditer(_squeeze(text)):
            if int(m.group(1)) == year:
                yield Evaluation(YEAR_CHECK)
                continue
            message = f"the {where} “{text[:60]}” names {m.group(1)}; the disclosure is for {year}"
            yield Evaluation(YEAR_CHECK, finding_row(
                disclosure_id=doc.disclosure_id, check=YEAR_CHECK, severity="error", category="completeness",
                message=message, code_or_item=m.group(0), pages=[page],
            ))


def evaluate_department(doc: Disclosure) -> Iterator[Evaluation]:
    department = _squeeze(doc.row.get("department") or "")
    if not department:
        return
    for page, text in doc.sentences:
        m = DEPARTMENT_LINE.match(_squeeze(text))
        if not m:
            continue
        name = m.group("name")
        if name == department:
            yield Evaluation(DEPARTMENT_CHECK)
            continue
        message = f"a table names 编制部门 “{name}”; the disclosure's department is “{department}”"
        yield Evaluation(DEPARTMENT_CHECK, finding_row(
            disclosure_id=doc.disclosure_id, check=DEPARTMENT_CHECK, severity="warning", category="completeness",
            message=message, code_or_item=name, pages=[page],
        ))


def _heading(text: str) -> bool:
    return len(text) <= HEADING_MAX_CHARS and "。" not in text


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


YEAR_RULE = Rule(YEAR_CHECK, "completeness", "the title and headings name the disclosure's year", evaluate_year)
DEPARTMENT_RULE = Rule(DEPARTMENT_CHECK, "completeness", "every 编制部门 line names the disclosure's department",
                       evaluate_department)
