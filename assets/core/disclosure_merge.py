"""Documents of one disclosure → one `disclosures` row, its facts and findings.

A disclosure (department × year × kind × scope, see doc_meta) may arrive as several documents:
a narrative attachment and a tables attachment (Beijing 情况说明 + 报表, Jiangsu *_doc +
*_tables), the same file under two URLs, or two versions of it. They share a disclosure_id, and
the published `disclosures` table has one row per id:

- every document is listed (document_urls / document_sha256s / document_statuses);
- facts of a table come from one document only: documents with status ``ok`` are taken in
  the order given, those with fewer validation errors first (a tampered copy loses to the
  published one); a later document's facts for a table already taken are left out, with a
  finding: ``duplicate_document`` (warning) when they are the same numbers,
  ``document_conflict`` (error) when they differ;
- status is ``ok`` when any document contributed facts, else the most disclosure-like status
  among the documents; validation_status is the worst of the documents that contributed;
- the narrative is checked against the tables of the whole disclosure: when the narrative is in
  one attachment and the tables in another, ``text_total``, ``text_share`` and ``text_change``
  run again over the merged facts and every document's narrative, and their findings and
  evaluations replace those of the documents read alone (where the narrative had no table).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from .checks import run_rules, text_change, text_share, text_total
from .checks.disclosure import Disclosure
from .checks.model import ROUNDING_SUFFIX
from .schema import FINDINGS_COLUMNS, TABLE_KEYS
from .validation import combined_checks, reconciliation_score

Row = dict[str, Any]
# When no document contributed facts, the row shows the most informative status.
STATUS_PRECEDENCE = ("ok", "blocked", "no_standard_tables", "narrative_only")
VALIDATION_ORDER = ("errors", "warnings", "passed", "not_validated")
# The rules that read the narrative against the tables: run again over a merged disclosure.
TEXT_AGAINST_TABLES = (text_total.RULE, text_share.RULE, text_change.RULE)


@dataclass
class DocumentOutcome:
    """One document after validation: its own disclosure row, facts and findings."""

    disclosure: Row
    facts: list[Row] = field(default_factory=list)
    findings: list[Row] = field(default_factory=list)
    narrative: list[Row] = field(default_factory=list)  # its `narrative_facts` rows

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f["severity"] == "error")


@dataclass
class Merged:
    disclosures: list[Row] = field(default_factory=list)
    facts: list[Row] = field(default_factory=list)
    findings: list[Row] = field(default_factory=list)


def merge_documents(documents: Iterable[DocumentOutcome]) -> Merged:
    """One row per disclosure_id, in order of first appearance."""
    groups: dict[str, list[DocumentOutcome]] = {}
    for doc in documents:
        groups.setdefault(doc.disclosure["disclosure_id"], []).append(doc)
    merged = Merged()
    for group in groups.values():
        row, facts, findings = merge_disclosure(group)
        merged.disclosures.append(row)
        merged.facts.extend(facts)
        merged.findings.extend(findings)
    return merged


def merge_disclosure(group: list[DocumentOutcome]) -> tuple[Row, list[Row], list[Row]]:
    if len(group) == 1:
        (doc,) = group
        if doc.disclosure["status"] == "ok":
            return doc.disclosure, doc.facts, doc.findings
        # fact_count counts published rows: a blocked document's facts are withheld
        return {**doc.disclosure, "fact_count": 0}, [], doc.findings
    facts: list[Row] = []
    findings: list[Row] = []
    taken: dict[str, DocumentOutcome] = {}  # table_key → the document its facts come from
    contributors: list[DocumentOutcome] = []
    ranked = sorted((d for d in group if d.disclosure["status"] == "ok"), key=lambda d: d.errors)  # stable
    for doc in ranked:
        new = [k for k in doc.disclosure["tables_found"] if k not in taken]
        repeated = [k for k in doc.disclosure["tables_found"] if k in taken]
        if new:
            contributors.append(doc)
            facts.extend(f for f in doc.facts if f["table_key"] in new)
            findings.extend(doc.findings)
            taken.update(dict.fromkeys(new, doc))
        if repeated:
            findings.append(_overlap_finding(doc, repeated, taken, facts))
    for doc in group:
        if doc.disclosure["status"] != "ok":
            findings.extend(doc.findings)  # e.g. contract failures of a blocked document
    row = _merged_row(group, contributors, facts, findings)
    findings = _text_across_documents(group, contributors, row, facts, findings)
    return row, facts, findings


def _text_across_documents(
    group: list[DocumentOutcome], contributors: list[DocumentOutcome], row: Row, facts: list[Row], findings: list[Row]
) -> list[Row]:
    """The narrative of every document against the merged tables, when the narrative is not all
    in the one document the tables come from. Updates the row's checks and validation status."""
    # The narrative of the documents the tables come from and of narrative-only attachments; a
    # document whose tables were not taken (another version) keeps its own narrative to itself.
    narrated = [
        d for d in _unique_documents(group)
        if d.narrative and d.disclosure["status"] != "blocked" and (not d.facts or any(d is c for c in contributors))
    ]
    if not contributors or not narrated or [d.disclosure["sha256"] for d in narrated] == [
        d.disclosure["sha256"] for d in contributors
    ]:
        return findings  # no tables, no narrative, or both in one document: already checked there
    narrative = [n for d in narrated for n in d.narrative]
    merged = run_rules(Disclosure(row["disclosure_id"], facts, row=row, narrative=narrative), TEXT_AGAINST_TABLES)
    alone = [run_rules(_alone(d), TEXT_AGAINST_TABLES) for d in contributors]  # counted in the row already
    if row.get("checks_evaluated") is not None:
        evaluated = row["checks_evaluated"] - sum(r.evaluated for r in alone) + merged.evaluated
        passed = (row["checks_passed"] or 0) - sum(r.passed for r in alone) + merged.passed
        row.update(checks_evaluated=evaluated, checks_passed=passed, reconciliation_score=reconciliation_score(passed, evaluated))
    ids = {rule.id for rule in TEXT_AGAINST_TABLES}
    kept = [f for f in findings if str(f["check"]).removesuffix(ROUNDING_SUFFIX) not in ids]
    findings = kept + [{**dict.fromkeys(c.name for c in FINDINGS_COLUMNS), **f} for f in merged.findings]
    severities = {f["severity"] for f in findings}
    row["validation_status"] = "errors" if "error" in severities else "warnings" if "warning" in severities else "passed"
    return findings


def _alone(doc: DocumentOutcome) -> Disclosure:
    return Disclosure(doc.disclosure["disclosure_id"], doc.facts, row=doc.disclosure, narrative=doc.narrative)


def _unique_documents(group: list[DocumentOutcome]) -> list[DocumentOutcome]:
    seen: set[str] = set()
    unique = []
    for doc in group:
        if doc.disclosure["sha256"] not in seen:
            seen.add(doc.disclosure["sha256"])
            unique.append(doc)
    return unique


def _merged_row(group: list[DocumentOutcome], contributors: list[DocumentOutcome], facts: list[Row], findings: list[Row]) -> Row:
    rows = [d.disclosure for d in group]
    primary = contributors[0].disclosure if contributors else min(rows, key=_status_rank)
    row = dict(primary)
    found = {k for d in contributors for k in d.disclosure["tables_found"]}
    empty = {k for d in contributors for k in d.disclosure["tables_empty"]}
    pages = [r["pages"] for r in _unique_bytes(rows) if r["pages"] is not None]
    severities = {f["severity"] for f in findings}
    if contributors:
        validation = "errors" if "error" in severities else "warnings" if "warning" in severities else "passed"
    else:
        validation = min((r["validation_status"] for r in rows), key=VALIDATION_ORDER.index)
    row.update(
        title=next((r["title"] for r in [primary, *rows] if r["title"]), None),
        pages=sum(pages) if pages else None,
        tables_found=sorted(found, key=_table_order),
        tables_empty=sorted(empty, key=_table_order),
        fact_count=len(facts),
        status="ok" if contributors else primary["status"],
        message=_summary(rows),
        validation_status=validation,
        document_count=sum(r["document_count"] for r in rows),
        document_urls=[u for r in rows for u in r["document_urls"]],
        document_sha256s=[s for r in rows for s in r["document_sha256s"]],
        document_statuses=[s for r in rows for s in r["document_statuses"]],
        **combined_checks(d.disclosure for d in contributors),
    )
    for name in ("region", "department", "year", "doc_kind", "scope", "budget_unit"):
        if row[name] is None:
            row[name] = next((r[name] for r in rows if r[name] is not None), None)
    return row


def _overlap_finding(doc: DocumentOutcome, repeated: list[str], taken: dict[str, DocumentOutcome], facts: list[Row]) -> Row:
    """A second document with facts for tables already taken from another one."""
    kept_docs = {taken[k].disclosure["sha256"]: taken[k] for k in repeated}
    kept = Counter(_signature(f) for f in facts if f["table_key"] in repeated)
    left_out = Counter(_signature(f) for f in doc.facts if f["table_key"] in repeated)
    names = ", ".join(_name(d.disclosure) for d in kept_docs.values())
    row = dict.fromkeys(c.name for c in FINDINGS_COLUMNS)
    row.update(disclosure_id=doc.disclosure["disclosure_id"], tables=",".join(repeated), category="document")
    if kept == left_out:
        row.update(
            check="duplicate_document",
            severity="warning",
            message=f"{_name(doc.disclosure)} prints the same numbers as {names} for {len(repeated)} table(s); published once",
        )
    else:
        differing = sum((kept - left_out).values()) + sum((left_out - kept).values())
        row.update(
            check="document_conflict",
            severity="error",
            message=f"{_name(doc.disclosure)} prints different numbers than {names} for {', '.join(repeated)} "
            f"({differing} facts differ; it has {doc.errors} validation errors): published {names}'s facts, not its",
        )
    return row


def _signature(fact: Row) -> tuple[Any, ...]:
    return tuple(fact.get(k) for k in ("table_key", "direction", "code", "item", "project", "source", "measure", "econ_code", "amount_cny"))


def _summary(rows: list[Row]) -> str | None:
    if len(rows) == 1:
        return rows[0]["message"]
    parts = [f"{_name(r)}: {r['status']}" + (f" ({r['message']})" if r["message"] and r["status"] != "ok" else "") for r in rows]
    return f"{len(rows)} documents — " + "; ".join(parts)


def _name(row: Row) -> str:
    return PurePosixPath(str(row["document_url"])).name or str(row["document_url"])


def _unique_bytes(rows: list[Row]) -> list[Row]:
    seen: set[str] = set()
    unique = []
    for r in rows:
        if r["sha256"] not in seen:
            seen.add(r["sha256"])
            unique.append(r)
    return unique


def _status_rank(row: Row) -> int:
    status = row["status"]
    return STATUS_PRECEDENCE.index(status) if status in STATUS_PRECEDENCE else len(STATUS_PRECEDENCE)


def _table_order(key: str) -> int:
    keys = list(TABLE_KEYS)
    return keys.index(key) if key in keys else len(keys)


def with_document_columns(row: Row) -> Row:
    """A document's row with the per-document list columns (rows staged by an earlier version
    of the pipeline lack them); its status in the list is the final one (validation may have
    blocked the document after the row was made)."""
    defaults = {
        "scope": None,
        "budget_unit": None,
        "document_count": 1,
        "document_urls": [row["document_url"]],
        "document_sha256s": [row["sha256"]],
        "document_statuses": [row["status"]],
        **combined_checks([]),
    }
    return {**defaults, **row, "document_statuses": [row["status"]]}
