"""A scraped disclosure's documents as they are published: the newest version, under one id.

The scraper (scrape_run) files every document under its disclosure (department × year ×
kind) and keeps every version; the stages after it see one partition's documents. Before
they are collected for publishing (publish_run / release_run), `items_for_publishing`:

- leaves out superseded documents: their bytes, extraction and facts stay staged, the
  published data uses the newest version (the change is a `document_revised` finding);
- gives every document the partition's disclosure id and fills the metadata a document does
  not print (a Word/Excel copy of the tables names no year) from the scraper's identity, so
  the copies merge with the PDF into one disclosure instead of forming a second one;
- orders the documents PDF first, then Word, then Excel, newest first, so that where copies
  print the same tables the facts come from the PDF (disclosure_merge takes the first);
- adds the scraper's findings (metadata conflicts between page title, link text and document;
  revisions) to the disclosure's findings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .schema import FINDINGS_COLUMNS
from .scrape_run import document_roles, format_rank, read_manifest

Item = dict[str, Any]
IDENTITY_FIELDS = ("department", "year", "doc_kind", "region")


def manifest_for(disclosures_dir: Path) -> dict[str, dict[str, Any]]:
    """The scrape manifest beside the staged disclosures (empty for CLI runs)."""
    return read_manifest(Path(disclosures_dir).parent)


def items_for_publishing(items: list[Item], entry: dict[str, Any] | None) -> list[Item]:
    """One partition's validated documents (validated.json items) ready to be collected."""
    if not entry:
        return items
    roles = document_roles(entry)
    kept = [i for i in items if roles.get(_sha(i), {}).get("role") != "superseded"]
    if entry.get("identified"):
        kept = [_with_identity(i, entry) for i in kept]

    def rank(item: Item) -> tuple[int, int, str]:
        doc = roles.get(_sha(item), {})
        newest_first = "".join(chr(0x10FFFF - ord(c)) for c in str(doc.get("first_seen") or ""))
        return (0 if doc else 1, format_rank(doc.get("kind")), newest_first)

    kept.sort(key=rank)
    if kept:
        scrape_findings = [_finding(entry, f) for f in entry.get("findings", [])]
        kept[0] = {**kept[0], "findings": [*kept[0].get("findings", []), *scrape_findings]}
    return kept


def _sha(item: Item) -> str:
    return str(item.get("disclosure", {}).get("sha256") or "")


def _with_identity(item: Item, entry: dict[str, Any]) -> Item:
    key = entry["partition_key"]
    row = dict(item["disclosure"])
    row["disclosure_id"] = key
    for name in IDENTITY_FIELDS:
        if row.get(name) is None and entry.get(name) is not None:
            row[name] = entry[name]
    if "scope" in row and row.get("scope") is None:
        row["scope"] = entry.get("scope")
    facts = []
    for fact in item.get("facts", []):
        fact = {**fact, "disclosure_id": key}
        for name in IDENTITY_FIELDS:
            if name in fact and fact[name] is None:
                fact[name] = row.get(name)
        facts.append(fact)
    findings = [{**f, "disclosure_id": key} for f in item.get("findings", [])]
    return {**item, "disclosure": row, "facts": facts, "findings": findings}


def _finding(entry: dict[str, Any], finding: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(c.name for c in FINDINGS_COLUMNS)
    row.update(
        disclosure_id=entry["partition_key"],
        check=finding["check"],
        severity=finding["severity"],
        message=f"scrape: {finding['message']}",
    )
    if "category" in row:
        row["category"] = "document"  # documents of one disclosure that disagree or were replaced
    return row
