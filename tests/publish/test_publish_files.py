from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import frictionless
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from assets.core import publish_files, publish_package
from assets.core.identities import run_identity_checks
from assets.core.publish_files import write_published
from assets.core.schema import (
    BUDGET_FACTS_SCHEMA,
    DISCLOSURES_COLUMNS,
    DISCLOSURES_SCHEMA,
    FINDINGS_SCHEMA,
    PIPELINE_VERSION,
    SOURCES,
    TABLE_KEYS,
    TABLES,
)
from tests.validate.gold import gold_facts

DISCLOSURE_ID = "seed-2026-budget"
SCHEMAS = {
    "budget_facts": BUDGET_FACTS_SCHEMA,
    "disclosures": DISCLOSURES_SCHEMA,
    "findings": FINDINGS_SCHEMA,
}
Rows = list[dict[str, Any]]


def _disclosure(disclosure_id: str = DISCLOSURE_ID, fact_count: int = 270) -> dict[str, Any]:
    url, sha = "https://example.invalid/seed.pdf", "eeeb8df8a768938b2db48694d58365bac1b1b5db4fc4f6a0c4a2a208c51697ad"
    values = {
        "disclosure_id": disclosure_id,
        "region": "克孜勒苏柯尔克孜自治州",
        "department": "克孜勒苏柯尔克孜自治州人民政府办公室",
        "year": 2026,
        "doc_kind": "budget",
        "title": "2026年部门预算公开",
        "source_page_url": "https://example.invalid/list.html",
        "document_url": url,
        "sha256": sha,
        "fetched_at": "2026-01-20T08:00:00Z",
        "pages": 30,
        "tables_found": ["income_expenditure_summary", "income_summary"],
        "tables_empty": ["government_fund_expenditure"],
        "fact_count": fact_count,
        "status": "ok",
        "validation_status": "warnings",
        "pipeline_version": PIPELINE_VERSION,
        "scope": "department",
        "document_count": 1,
        "document_urls": [url],
        "document_sha256s": [sha],
        "document_statuses": ["ok"],
    }
    # Every column of the schema, whatever other columns it grows; unknown ones stay null.
    return {c.name: values.get(c.name) for c in DISCLOSURES_COLUMNS}


@pytest.fixture(scope="module")
def seed_rows() -> tuple[Rows, Rows, Rows]:
    facts = gold_facts(disclosure_id=DISCLOSURE_ID)
    findings, _ = run_identity_checks(facts)
    return facts, [_disclosure()], findings


@pytest.fixture(scope="module")
def published(
    tmp_path_factory: pytest.TempPathFactory, seed_rows: tuple[Rows, Rows, Rows]
) -> dict[str, Path]:
    return write_published(tmp_path_factory.mktemp("published"), *seed_rows)


def _validate(package: Path) -> frictionless.Report:
    return frictionless.validate(str(package))


def _errors(report: frictionless.Report) -> list[list[Any]]:
    return report.flatten(["rowNumber", "fieldName", "type"])


def test_writes_every_file(published: dict[str, Path]) -> None:
    flat = {f"{t}.{ext}" for t in TABLES for ext in ("parquet", "csv")} | {
        "datapackage.json",
        "data_dictionary.md",
        "data_dictionary.html",
    }
    package = {"dataset", "documents", "xlsx", "lineage", "site", "catalog.jsonld"}
    assert set(published) == flat | package
    assert all(p.exists() for p in published.values())
    assert all(p.stat().st_size > 0 for name, p in published.items() if name in flat)
    out_dir = published["datapackage.json"].parent
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(flat | package)  # no staging left behind


def test_flat_files_only_without_the_package(tmp_path: Path, seed_rows: tuple[Rows, Rows, Rows]) -> None:
    written = write_published(tmp_path, *seed_rows, package=False)

    assert not any(p.is_dir() for p in tmp_path.iterdir())
    assert "dataset" not in written and (tmp_path / "budget_facts.parquet").is_file()
    report = _validate(tmp_path / "datapackage.json")
    assert report.valid, _errors(report)


def test_parquet_round_trip_is_exact(published: dict[str, Path], seed_rows: tuple[Rows, Rows, Rows]) -> None:
    facts = seed_rows[0]
    table = pq.read_table(published["budget_facts.parquet"])

    assert table.schema.equals(BUDGET_FACTS_SCHEMA)  # types, nullability and order
    back = table.to_pylist()
    assert len(back) == len(facts) == 270
    for original, read in zip(facts, back, strict=True):
        assert isinstance(read["amount"], Decimal)
        assert read["amount"] == original["amount"]
        assert read["amount_cny"] == original["amount_cny"]
        assert read["code"] == original["code"]
        assert tuple(read["bbox"]) == pytest.approx(original["bbox"])
    assert sum(r["amount"] for r in back) == sum(f["amount"] for f in facts)


def test_parquet_keeps_column_descriptions(published: dict[str, Path]) -> None:
    for table, arrow_schema in SCHEMAS.items():
        read = pq.read_schema(published[f"{table}.parquet"])
        for column in TABLES[table]:
            metadata = read.field(column.name).metadata
            assert metadata[b"description"].decode() == column.description
        assert read.equals(arrow_schema)


def test_findings_parquet_has_exact_decimals(
    published: dict[str, Path], seed_rows: tuple[Rows, Rows, Rows]
) -> None:
    read = pq.read_table(published["findings.parquet"]).to_pylist()

    assert [(r["expected"], r["actual"], r["difference"]) for r in read] == [
        (f["expected"], f["actual"], f["difference"]) for f in seed_rows[2]
    ]
    assert pa.types.is_decimal(pq.read_schema(published["findings.parquet"]).field("difference").type)


def test_csv_has_bom_and_opens_with_pandas(published: dict[str, Path]) -> None:
    path = published["budget_facts.csv"]
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")

    frame = pd.read_csv(path, dtype=str, keep_default_na=False)

    assert list(frame.columns) == [c.name for c in TABLES["budget_facts"]]
    assert len(frame) == 270
    first = frame.iloc[0]
    assert (first["item"], first["amount"], first["amount_cny"]) == ("一、本年收入", "1749.05", "17490500.00")
    assert first["bbox"] == "150.0,100.0,210.0,120.0"
    assert first["is_total"] == "true"


def test_csv_decimals_are_plain_strings(tmp_path: Path, seed_rows: tuple[Rows, Rows, Rows]) -> None:
    fact = dict(seed_rows[0][0], amount=Decimal("0.000001"), amount_cny=Decimal("1E+3"))
    write_published(tmp_path, [fact], [_disclosure(fact_count=1)], [])

    frame = pd.read_csv(tmp_path / "budget_facts.csv", dtype=str)

    assert (frame.loc[0, "amount"], frame.loc[0, "amount_cny"]) == ("0.000001", "1000")


def test_disclosures_csv_lists_are_comma_separated(published: dict[str, Path]) -> None:
    frame = pd.read_csv(published["disclosures.csv"], dtype=str, keep_default_na=False)

    assert frame.loc[0, "tables_found"] == "income_expenditure_summary,income_summary"
    assert frame.loc[0, "message"] == ""


def test_datapackage_validates(published: dict[str, Path]) -> None:
    report = _validate(published["datapackage.json"])

    assert report.valid, _errors(report)
    assert {task.name for task in report.tasks} >= set(TABLES)
    assert any(task.name.startswith("dataset_budget_facts_year_2026") for task in report.tasks)


def test_datapackage_describes_fields_from_the_schema(published: dict[str, Path]) -> None:
    package = json.loads(published["datapackage.json"].read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}

    facts_fields = {f["name"]: f for f in resources["budget_facts"]["schema"]["fields"]}
    assert list(facts_fields) == [c.name for c in TABLES["budget_facts"]]
    assert facts_fields["amount"]["type"] == "number"
    assert facts_fields["page"]["type"] == "integer"
    assert facts_fields["is_total"]["type"] == "boolean"
    assert facts_fields["table_key"]["constraints"] == {"required": True, "enum": list(TABLE_KEYS)}
    assert facts_fields["source"]["constraints"]["enum"] == list(SOURCES)
    assert facts_fields["code"].get("constraints") is None
    assert resources["disclosures"]["schema"]["primaryKey"] == ["disclosure_id"]
    assert resources["findings"]["schema"]["foreignKeys"][0]["reference"]["resource"] == "disclosures"
    assert resources["budget_facts_parquet"]["path"] == "budget_facts.parquet"


def test_datapackage_catches_a_value_outside_the_vocabulary(
    tmp_path: Path, seed_rows: tuple[Rows, Rows, Rows]
) -> None:
    facts = [dict(seed_rows[0][0], measure="totl")]
    write_published(tmp_path, facts, [_disclosure(fact_count=1)], [])

    report = _validate(tmp_path / "datapackage.json")

    assert _errors(report) == [[2, "measure", "constraint-error"]]


def test_datapackage_catches_an_unknown_disclosure(
    tmp_path: Path, seed_rows: tuple[Rows, Rows, Rows]
) -> None:
    findings = [dict(seed_rows[2][0], disclosure_id="nobody")]
    write_published(tmp_path, [], [_disclosure(fact_count=0)], findings)

    report = _validate(tmp_path / "datapackage.json")

    assert [task.name for task in report.tasks if not task.valid] == ["findings"]
    assert [e[2] for e in _errors(report)] == ["foreign-key"]


def test_empty_inputs_give_valid_empty_files(tmp_path: Path) -> None:
    written = write_published(tmp_path, [], [], [])

    for table, arrow_schema in SCHEMAS.items():
        read = pq.read_table(written[f"{table}.parquet"])
        assert read.num_rows == 0
        assert read.schema.equals(arrow_schema)
        frame = pd.read_csv(written[f"{table}.csv"])
        assert list(frame.columns) == [c.name for c in TABLES[table]]
        assert frame.empty
    report = _validate(written["datapackage.json"])
    assert report.valid, _errors(report)


def test_data_dictionary_lists_columns_and_vocabularies(published: dict[str, Path]) -> None:
    text = published["data_dictionary.md"].read_text(encoding="utf-8")

    for table, columns in TABLES.items():
        assert f"## {table}" in text
        for column in columns:
            assert f"| `{column.name}` |" in text
    for key, label in TABLE_KEYS.items():
        assert f"| `{key}` | {label} |" in text
    assert "| `fiscal_appropriation` | 财政拨款（补助） |" in text
    assert "### validation_status" in text


def test_rows_must_match_the_schema(tmp_path: Path, seed_rows: tuple[Rows, Rows, Rows]) -> None:
    with pytest.raises(ValueError, match="extra \\['note'\\]"):
        write_published(tmp_path, [dict(seed_rows[0][0], note="x")], [], [])


def test_amounts_are_never_rounded_silently(tmp_path: Path, seed_rows: tuple[Rows, Rows, Rows]) -> None:
    fact = dict(seed_rows[0][0], amount=Decimal("1.0000001"))  # 7 decimals: more than decimal(24,6)

    with pytest.raises(pa.ArrowInvalid):
        write_published(tmp_path, [fact], [], [])
    assert list(tmp_path.iterdir()) == []


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_crash_while_writing_leaves_the_previous_files(
    tmp_path: Path, seed_rows: tuple[Rows, Rows, Rows], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_published(tmp_path, *seed_rows)
    before = _tree(tmp_path)

    real_write_table = publish_files.pq.write_table
    calls = []

    def crash_on_second(table: pa.Table, where: Path, **options: Any) -> None:
        calls.append(where)
        if len(calls) == 2:
            Path(where).write_bytes(b"half a file")
            raise OSError("disk full")
        real_write_table(table, where, **options)

    monkeypatch.setattr(publish_files.pq, "write_table", crash_on_second)
    with pytest.raises(OSError, match="disk full"):
        write_published(tmp_path, [], [], [])

    assert _tree(tmp_path) == before


def test_a_crash_while_building_the_package_leaves_the_previous_release(
    tmp_path: Path, seed_rows: tuple[Rows, Rows, Rows], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_published(tmp_path, *seed_rows)
    before = _tree(tmp_path)

    def crash(*args: Any, **kwargs: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(publish_package, "build_site", crash)
    with pytest.raises(OSError, match="disk full"):
        write_published(tmp_path, [], [_disclosure(fact_count=0)], [])

    assert _tree(tmp_path) == before


def test_republishing_replaces_the_package_directories(tmp_path: Path, seed_rows: tuple[Rows, Rows, Rows]) -> None:
    write_published(tmp_path, *seed_rows)
    other = _disclosure("another-2026-budget", fact_count=0)

    write_published(tmp_path, [], [other], [])

    assert sorted(p.name for p in (tmp_path / "xlsx").iterdir()) == ["another-2026-budget.xlsx"]
    assert sorted(p.name for p in (tmp_path / "lineage").iterdir()) == ["another-2026-budget.json"]
    assert not list(tmp_path.glob(".publishing-*"))


def test_extra_tables_are_written_and_unknown_ones_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown published table 'budgets'"):
        write_published(tmp_path, [], [], [], tables={"budgets": []})


def test_amounts_staged_as_text_are_published_exactly(tmp_path: Path, seed_rows: tuple[Rows, Rows, Rows]) -> None:
    fact = dict(seed_rows[0][0], amount="1749.050001", amount_cny="17490500.01")  # a JSON round trip

    write_published(tmp_path, [fact], [_disclosure(fact_count=1)], [], package=False)

    (read,) = pq.read_table(tmp_path / "budget_facts.parquet").to_pylist()
    assert (read["amount"], read["amount_cny"]) == (Decimal("1749.050001"), Decimal("17490500.01"))
