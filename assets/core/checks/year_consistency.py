"""year_consistency and department_consistency: the title, the table headings and the narrative's
headings name the disclosure's year and department.

Year: the title, the tables' titles and every heading that names a budget or final accounts
(“2026年部门预算”, “第三部分 某局2024年度部门决算情况说明”) name the disclosure's year; another year
there is an error (the document contradicts itself about what it is). Headings are read from the
document's page texts when the validation has them (each with its page), else from the
narrative's short statements. Department: every “编制部门：…” line above a table, and every
heading naming a department before or after the year (“第二部分 上海市普陀区财政局2024年度部门决算表”),
names the disclosure's department, or abbreviates it (its characters in order: 省检察院 for
江苏省人民检察院); a placeholder (上海市普陀区XX局) or another department's name is a warning.
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
# A whole printed line that is a heading naming the document: an optional section number, the
# department before or after the year, the kind, and what part it is (表, 情况说明 …); no
# punctuation of running text, so a wrapped narrative line naming a year is not taken for one.
NAME = r"[^，。；：、,;:“”\d]{0,40}?"
HEADING_LINE = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)?"
    rf"(?P<before>{NAME})(?P<year>(?:19|20)\d{{2}})年度?(?P<after>{NAME})"
    r"(?P<kind>(?:部门|单位)(?:综合)?(?:预算|决算))(?:公开)?(?:表|情况说明|情况|说明|报告)?(?:[（(][^）)]{0,20}[）)])?$"
)
# Words of a heading around the department's name that are not part of it.
NOT_A_NAME = re.compile(r"^(?:关于|公开|本级|附件\d*[:：]?)|(?:本级|公开)$")
# A region alone (“上海市2026年市级单位预算”) names no department.
REGION_ONLY = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:省|市|区|县|州|自治区|市级|区级|县级)$")


def evaluate_year(doc: Disclosure) -> Iterator[Evaluation]:
    year = doc.year
    if not year:
        return
    texts: list[tuple[str, int | None, str]] = [("title", None, doc.row.get("title") or "")]
    if doc.page_texts:  # every heading as printed, with its page (table titles among them)
        texts += [("heading", page, line) for page, line in _heading_lines(doc)]
    else:
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
        yield _department_finding(doc, message, name, page)
    for page, line in _heading_lines(doc):
        heading = HEADING_LINE.match(_squeeze(line))
        name = _heading_name(heading) if heading else ""
        if len(name) < 2 or REGION_ONLY.match(name):
            continue  # the heading names no department (“2024年度部门决算”)
        if _abbreviates(name, department) or _abbreviates(department, name):
            yield Evaluation(DEPARTMENT_CHECK)
            continue
        message = f"the heading “{line.strip()[:60]}” names “{name}”; the disclosure's department is “{department}”"
        yield _department_finding(doc, message, name, page)


def _department_finding(doc: Disclosure, message: str, name: str, page: int | None) -> Evaluation:
    return Evaluation(DEPARTMENT_CHECK, finding_row(
        disclosure_id=doc.disclosure_id, check=DEPARTMENT_CHECK, severity="warning", category="completeness",
        message=message, code_or_item=name, pages=[page],
    ))


def _heading_lines(doc: Disclosure) -> Iterator[tuple[int, str]]:
    """The page lines that are headings naming the document (its year, kind, maybe department)."""
    for page, line in doc.page_lines():
        if len(line) <= HEADING_MAX_CHARS and HEADING_LINE.match(_squeeze(line)):
            yield page, line


def _abbreviates(short: str, full: str) -> bool:
    """The characters of ``short`` in order in ``full``: 省检察院 for 江苏省人民检察院, 区财政局 for
    上海市普陀区财政局 (a placeholder or another department's name is not)."""
    rest = iter(full)
    return all(char in rest for char in short)


def _heading_name(heading: re.Match[str]) -> str:
    name = heading.group("before") or heading.group("after")
    return NOT_A_NAME.sub("", NOT_A_NAME.sub("", name))


def _heading(text: str) -> bool:
    return len(text) <= HEADING_MAX_CHARS and "。" not in text


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


YEAR_RULE = Rule(YEAR_CHECK, "completeness", "the title and headings name the disclosure's year", evaluate_year)
DEPARTMENT_RULE = Rule(DEPARTMENT_CHECK, "completeness", "every 编制部门 line and every heading naming a "
                       "department names the disclosure's department", evaluate_department)
