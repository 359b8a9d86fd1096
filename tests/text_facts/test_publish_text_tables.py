"""performance_targets and narrative_facts are published like the other tables: typed Parquet,
CSV with BOM, described in datapackage.json (validated with Frictionless) and the dictionary."""

from __future__ import annotations

import json
from pathlib import Path

import frictionless
import pyarrow.parquet as pq
import pytest

from assets.core.document import DocumentResult
from assets.core.publish_run import Collected, publish_collected
from assets.core.schema import NARRATIVE_FACTS_COLUMNS, PERFORMANCE_TARGETS_COLUMNS, TABLES, arrow_schema
from assets.core.staging import read_json, write_json
from assets.core.validation import validate_result


@pytest.fixture(scope="module")
def published(seed_result: DocumentResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    staged = tmp_path_factory.mktemp("staged") / "validated.json"
    write_json(staged, seed_result.to_dict())  # through the stage files, as the Dagster path goes
    result = DocumentResult.from_dict(read_json(staged))
    collected = Collected()
    collected.add(result, validate_result(result).findings)
    out = tmp_path_factory.mktemp("published")
    publish_collected(collected, out)
    return out


def test_parquet_is_typed_and_exact(published: Path, seed_result: DocumentResult) -> None:
    for table, columns, rows in (
        ("performance_targets", PERFORMANCE_TARGETS_COLUMNS, seed_result.performance_targets),
        ("narrative_facts", NARRATIVE_FACTS_COLUMNS, seed_result.narrative_facts),
    ):
        read = pq.read_table(published / f"{table}.parquet")
        assert read.schema.equals(arrow_schema(columns, table))
        back = read.to_pylist()
        assert len(back) == len(rows) > 0
        for original, row in zip(rows, back, strict=True):
            for column in columns:
                if column.name != "bbox":
                    assert row[column.name] == original[column.name], (table, column.name)


def test_csv_and_datapackage(published: Path) -> None:
    assert (published / "narrative_facts.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    package = json.loads((published / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    for table in ("performance_targets", "narrative_facts"):
        assert [f["name"] for f in resources[table]["schema"]["fields"]] == [c.name for c in TABLES[table]]
        assert resources[table]["schema"]["foreignKeys"][0]["reference"]["resource"] == "disclosures"
    report = frictionless.validate(str(published / "datapackage.json"))
    invalid = {task.name for task in report.tasks if not task.valid}
    assert not invalid & {"performance_targets", "narrative_facts"}, report.flatten(["rowNumber", "fieldName", "type"])
    dictionary = (published / "data_dictionary.md").read_text(encoding="utf-8")
    assert "## performance_targets" in dictionary and "## narrative_facts" in dictionary
    assert "### change_direction" in dictionary and "### topic" in dictionary
