"""hierarchy: 类 = Σ款 = Σ项 in every printed column; a project-less row = Σ its project rows.

Functional (类 201 = Σ 款 201xx, 款 20103 = Σ 项 20103xx) and economic (301 = Σ 301xx) codes
alike. A column is (table, direction, classification, source, measure, econ_code); a code is
checked only where its table prints sub-codes, and a sub-code left blank in that column counts
as 0 (blank is "not published", i.e. nothing). 表7 lists projects under their 项: a row printed
without a project equals the sum of the same code's project rows.
"""

from __future__ import annotations

from collections.abc import Iterator

from .disclosure import Disclosure, by_code, columns, compare, sub_codes, summary_rows
from .model import Evaluation, Fact
from .rule import Rule

CHECK = "hierarchy"


def evaluate(doc: Disclosure) -> Iterator[Evaluation]:
    for column, cells in columns(doc.facts).items():
        rows_by_code = by_code(cells)
        printed = doc.table_codes(column)
        for code in sorted(rows_by_code):
            children = sub_codes(code, printed)
            if children:
                parents = summary_rows(rows_by_code[code])
                parts = [f for c in children for f in summary_rows(rows_by_code.get(c, []))]
                yield compare(doc, CHECK, parents, parts, f"the {len(parts)} sub-codes").evaluation()
            yield from _project_rows(doc, rows_by_code[code])


def _project_rows(doc: Disclosure, rows: list[Fact]) -> Iterator[Evaluation]:
    """A code printed once without a project and again per project: the former is their sum."""
    plain = [f for f in rows if not f["project"]]
    projects = [f for f in rows if f["project"]]
    if plain and projects:
        yield compare(doc, CHECK, plain, projects, f"the {len(projects)} project rows").evaluation()


RULE = Rule(CHECK, "within_table", "类 = Σ款 = Σ项 per printed column (functional and economic codes); "
            "a project-less row = Σ its project rows", evaluate)
