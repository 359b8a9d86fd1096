"""Gather validated disclosures and write the published layout (shared by CLI and Dagster)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .disclosure_merge import DocumentOutcome, Merged, merge_documents, with_document_columns
from .disclosure_versions import items_for_publishing, manifest_for
from .document import DocumentResult
from .publish_files import write_published
from .staging import decode_decimals, read_json
from .validation import with_finding_columns
from .validation_docs import publish_validation_docs


@dataclass
class Collected:
    """Validated documents; `disclosures`, `facts` and `findings` are per disclosure: documents
    sharing a disclosure_id (narrative + tables attachments) are merged (disclosure_merge)."""

    documents: list[DocumentOutcome] = field(default_factory=list)
    _merged: Merged | None = field(default=None, repr=False)
    # 绩效目标表 indicators and narrative statements of every document not blocked, once per
    # document bytes (the same file under two URLs is read once).
    performance_targets: list[dict[str, Any]] = field(default_factory=list)
    narrative_facts: list[dict[str, Any]] = field(default_factory=list)
    _text_documents: set[tuple[str, str]] = field(default_factory=set, repr=False)

    def add(self, result: DocumentResult, findings: list[dict[str, Any]]) -> None:
        """Every document gets listed with its findings; only documents that passed the
        contract (status ok) contribute facts."""
        findings = [with_finding_columns(f) for f in findings]  # staged by an earlier version: no category
        self.documents.append(DocumentOutcome(with_document_columns(result.disclosure), result.facts, findings, result.narrative_facts))
        self._merged = None
        key = (result.disclosure["disclosure_id"], result.disclosure["sha256"])
        if result.disclosure["status"] != "blocked" and key not in self._text_documents:
            self._text_documents.add(key)
            self.performance_targets.extend(result.performance_targets)
            self.narrative_facts.extend(result.narrative_facts)

    @property
    def merged(self) -> Merged:
        if self._merged is None:
            self._merged = merge_documents(self.documents)
        return self._merged

    @property
    def disclosures(self) -> list[dict[str, Any]]:
        return self.merged.disclosures

    @property
    def facts(self) -> list[dict[str, Any]]:
        return self.merged.facts

    @property
    def findings(self) -> list[dict[str, Any]]:
        return self.merged.findings


def collect_validated(disclosures_dir: Path) -> Collected:
    collected = Collected()
    manifest = manifest_for(disclosures_dir)  # scraped disclosures: newest version, one id
    for path in sorted(disclosures_dir.glob("*/validated.json")):
        for item in items_for_publishing(read_json(path), manifest.get(path.parent.name)):
            collected.add(DocumentResult.from_dict(item), decode_decimals(item["findings"]))
    return collected


def publish_collected(collected: Collected, out_dir: Path, **options: Any) -> dict[str, Path]:
    """``options`` go to write_published, e.g. ``raw_dirs=[raw store]`` so that the package
    carries the source PDFs the site links every number to."""
    written = write_published(
        out_dir,
        collected.facts,
        collected.disclosures,
        collected.findings,
        tables={"performance_targets": collected.performance_targets, "narrative_facts": collected.narrative_facts},
        **options,
    )
    written.update(publish_validation_docs(out_dir, {
        "budget_facts": collected.facts, "disclosures": collected.disclosures, "findings": collected.findings,
        "narrative_facts": collected.narrative_facts, "performance_targets": collected.performance_targets,
    }))  # validation_rules.md and GX Data Docs next to the data
    return written
