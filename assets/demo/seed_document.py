"""The seed disclosure (克州人民政府办公室, 2026 部门预算) as data, for the demo PDF and the tests.

Its numbers and table structure are those of the published disclosure; the narrative is
our own short summary. Nothing here reads ../shared at runtime.
"""

from __future__ import annotations

from functools import cache

from assets.demo.document_model import BudgetDocument
from assets.demo.seed_narrative import SEED_NARRATIVE
from assets.demo.seed_tables import SEED_TABLES

SEED_REGION = "克孜勒苏柯尔克孜自治州"
SEED_DEPARTMENT = "克孜勒苏柯尔克孜自治州人民政府办公室"
SEED_YEAR = 2026
SEED_TITLE = f"{SEED_DEPARTMENT}{SEED_YEAR}年部门预算公开"


@cache
def load_seed_document() -> BudgetDocument:
    """The seed disclosure: cover data, a short narrative and 表1–表11."""
    return BudgetDocument(
        region=SEED_REGION,
        department=SEED_DEPARTMENT,
        year=SEED_YEAR,
        doc_kind="budget",
        title=SEED_TITLE,
        narrative=SEED_NARRATIVE,
        tables_heading=f"第三部分 {SEED_YEAR}年部门预算公开表",
        tables=SEED_TABLES,
    )
