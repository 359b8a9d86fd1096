"""Gather validated disclosures and write the published layout (shared by CLI and Dagster)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .disclosure_versions import items_for_publishing, manifest_for
from .document import DocumentResult
from .publish_files import write_published
from .staging import decode_decimals, read_json


@dataclass
class Collected:
    facts: list[dict[str, Any]] = field(default_factory=list)
    disclosures: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)

    def add(self, result: DocumentResult, findings: list[dict[str, Any]]) -> None:
        """Every document gets its row and findings; only documents that passed the contract
        (status ok) contribute facts."""
        self.disclosures.append(result.disclosure)
        self.findings.extend(findings)
        if result.disclosure["status"] == "ok":
            self.facts.extend(result.facts)


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
    return write_published(out_dir, collected.facts, collected.disclosures, collected.findings, **options)
