"""A disclosure published as two attachments (Jiangsu 省委办公厅 2018: *_doc.pdf the narrative,
*_tables.pdf the tables): the narrative's totals are checked against the other attachment's tables."""

from __future__ import annotations

from collections import Counter

from assets.core.checks import run_rules
from assets.core.checks.disclosure import Disclosure
from assets.core.disclosure_merge import TEXT_AGAINST_TABLES
from assets.core.local_run import process_and_validate
from assets.core.publish_run import Collected
from tests.conftest import SHARED, shared_file

REAL = SHARED / "corpus" / "real"


def test_the_narrative_attachment_is_checked_against_the_tables_attachment() -> None:
    collected = Collected()
    for name in ("ob__js_swbgt_2018_doc.pdf", "ob__js_swbgt_2018_tables.pdf"):
        item = process_and_validate(shared_file(REAL / name))
        collected.add(item.result, item.findings)
    narrative_doc, tables_doc = collected.documents
    assert (narrative_doc.disclosure["status"], tables_doc.disclosure["status"]) == ("narrative_only", "ok")
    assert narrative_doc.narrative and not narrative_doc.facts and tables_doc.facts and not tables_doc.narrative
    (row,) = collected.disclosures
    merged = run_rules(Disclosure(row["disclosure_id"], collected.facts, row=row, narrative=narrative_doc.narrative),
                       TEXT_AGAINST_TABLES)
    totals = [e for e in merged.evaluations if e.check == "text_total"]
    assert len(totals) >= 10  # 收入/支出预算总计, 基本支出, 项目支出, the 三公 items … against 表1, 表3, 表11
    assert all(e.passed for e in totals), [e.detail for e in totals if not e.passed]
    assert row["checks_evaluated"] == tables_doc.disclosure["checks_evaluated"] + merged.evaluated
    errors = Counter(f["check"] for f in collected.findings if f["severity"] == "error")
    assert not errors, errors
