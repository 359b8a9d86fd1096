"""placeholder: no template placeholder is left in the published text (XX, ××, 待填写 …).

Looked for in the title, the department and every printed line of the document with its page
(headings, narrative, table rows) when the validation has the page texts; else in the tables'
titles, every row label and project name of the tables, and the narrative's sentences that
state facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .disclosure import Disclosure
from .model import Evaluation, finding_row
from .rule import Rule

CHECK = "placeholder"
# Latin X pairs not inside a Latin word, ×× / ＸＸ, and the template's fill-in notes.
PLACEHOLDER = re.compile(r"(?<![A-Za-z])(?:[Xx]{2,}|[ＸＸｘ]{2,}|×{2,})(?![A-Za-z])|待填写|待补充|请填写|此处填写")
CONTEXT = 12  # characters shown either side in the message


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    found = False
    for where, page, text in _texts(doc):
        for m in PLACEHOLDER.finditer(text):
            found = True
            around = text[max(0, m.start() - CONTEXT) : m.end() + CONTEXT]
            message = f"placeholder “{m.group(0)}” left in the {where}: …{around}…"
            yield Evaluation(CHECK, finding_row(
                disclosure_id=doc.disclosure_id, check=CHECK, severity="warning", category="completeness",
                message=message, code_or_item=m.group(0), pages=[page],
            ))
    if not found and (doc.facts or doc.narrative):
        yield Evaluation(CHECK)


def _texts(doc: Disclosure) -> Iterator[tuple[str, int | None, str]]:
    for name in ("title", "department"):
        if doc.row.get(name):
            yield name, None, doc.row[name]
    if doc.page_texts:  # every printed line with its page: headings, narrative, table rows
        for page, line in doc.page_lines():
            yield "text", page, line
        return
    seen: set[tuple[str, str | None]] = set()
    for f in doc.facts:
        key = (f["item"], f["project"])
        if key not in seen:
            seen.add(key)
            yield f"{f['table_key']} row label", f["page"], " ".join(filter(None, key))
    for title in doc.titles:
        yield "table title", None, title
    for page, sentence in doc.sentences:
        yield "text", page, sentence


RULE = Rule(CHECK, "completeness", "no template placeholder (XX, ××, 待填写) left in title, tables or "
            "narrative", evaluate)
