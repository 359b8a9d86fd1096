"""Gather validated disclosures and write the published layout (shared by CLI and Dagster)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    for path in sorted(disclosures_dir.glob("*/validated.json")):
        for item in read_json(path):
            collected.add(DocumentResult.from_dict(item), decode_decimals(item["findings"]))
    return collected


def publish_collected(collected: Collected, out_dir: Path) -> dict[str, Path]:
    return write_published(out_dir, collected.facts, collected.disclosures, collected.findings)
