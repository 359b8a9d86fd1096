"""The hive-partitioned Parquet dataset: layout, schema, sort order, compression, statistics."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from assets.core import publish_dataset
from assets.core.publish_dataset import partition_schema, write_dataset
from assets.core.schema import TABLES
from tests.validate.gold import gold_facts


def _facts(disclosure_id: str, year: int | None) -> list[dict[str, Any]]:
    return [dict(f, disclosure_id=disclosure_id, year=year) for f in gold_facts(disclosure_id=disclosure_id)]


def _finding(disclosure_id: str) -> dict[str, Any]:
    return {
        **{c.name: None for c in TABLES["findings"]},
        "disclosure_id": disclosure_id,
        "check": "hierarchy",
        "severity": "warning",
        "message": "m",
        "expected": Decimal("1.5"),
    }


def _disclosure(disclosure_id: str, year: int | None) -> dict[str, Any]:
    row: dict[str, Any] = {c.name: None for c in TABLES["disclosures"]}
    row.update(disclosure_id=disclosure_id, year=year, sha256="x", fact_count=0, status="ok",
               validation_status="passed", pipeline_version="t", document_count=1)  # fmt: skip
    return row


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path], list[dict[str, Any]]]:
    root = tmp_path_factory.mktemp("dataset")
    # Out of order on purpose: the writer sorts by disclosure and table.
    facts = list(reversed(_facts("b-2026", 2026))) + _facts("a-2025", 2025) + _facts("a-2026", 2026)
    facts += _facts("unknown", None)[:5]
    disclosures = [_disclosure("b-2026", 2026), _disclosure("a-2025", 2025), _disclosure("a-2026", 2026)]
    tables = {"budget_facts": facts, "disclosures": disclosures, "findings": [_finding("a-2025"), _finding("b-2026")]}
    return root, write_dataset(root, tables), facts


def test_one_file_per_table_and_year(dataset: tuple[Path, list[Path], list[dict[str, Any]]]) -> None:
    root, written, _ = dataset

    assert sorted(p.relative_to(root).as_posix() for p in written) == [
        "budget_facts/year=2025/part-0.parquet",
        "budget_facts/year=2026/part-0.parquet",
        "budget_facts/year=__HIVE_DEFAULT_PARTITION__/part-0.parquet",
        "disclosures/year=2025/part-0.parquet",
        "disclosures/year=2026/part-0.parquet",
        "findings/year=2025/part-0.parquet",  # findings take their disclosure's year
        "findings/year=2026/part-0.parquet",
    ]


def test_files_carry_the_published_schema_without_year(dataset: tuple[Path, list[Path], list[dict[str, Any]]]) -> None:
    root, _, _ = dataset
    schema = pq.read_schema(root / "budget_facts/year=2026/part-0.parquet")

    assert schema.equals(partition_schema("budget_facts"))
    assert "year" not in schema.names
    assert schema.field("amount").type == pa.decimal128(24, 6)
    assert schema.field("item").metadata[b"description"] == b"the row's label as printed (line-wrap whitespace removed)"


def test_zstd_statistics_and_sorted_by_disclosure_and_table(dataset: tuple[Path, list[Path], list[dict[str, Any]]]) -> None:
    root, _, _ = dataset
    path = root / "budget_facts/year=2026/part-0.parquet"
    metadata = pq.ParquetFile(path).metadata
    column = metadata.row_group(0).column(0)

    assert column.compression == "ZSTD"
    assert column.statistics is not None and column.statistics.has_min_max
    rows = pq.read_table(path).to_pylist()
    keys = [(r["disclosure_id"], r["table_no"]) for r in rows]
    assert keys == sorted(keys)
    assert rows[0]["disclosure_id"] == "a-2026" and rows[-1]["disclosure_id"] == "b-2026"


def test_pyarrow_reads_it_back_exactly_with_year(dataset: tuple[Path, list[Path], list[dict[str, Any]]]) -> None:
    root, _, facts = dataset
    partitioning = ds.partitioning(pa.schema([("year", pa.int16())]), flavor="hive")

    table = ds.dataset(root / "budget_facts", format="parquet", partitioning=partitioning).to_table()

    assert table.num_rows == len(facts)
    assert sum(table.column("amount").to_pylist()) == sum(f["amount"] for f in facts)
    years = table.column("year").to_pylist()
    assert years.count(None) == 5 and years.count(2025) == 270


def test_duckdb_reads_partitions_and_nulls(dataset: tuple[Path, list[Path], list[dict[str, Any]]]) -> None:
    root, _, _ = dataset
    glob = str(root / "budget_facts" / "*" / "*.parquet")

    rows = duckdb.sql(
        f"SELECT year, count(*) FROM read_parquet('{glob}', hive_partitioning = true) GROUP BY year ORDER BY year"
    ).fetchall()

    assert rows == [(2025, 270), (2026, 540), (None, 5)]


def test_large_years_are_split_into_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(publish_dataset, "ROWS_PER_FILE", 100)

    written = write_dataset(tmp_path, {"budget_facts": _facts("a", 2026)})

    assert [p.name for p in written] == ["part-0.parquet", "part-1.parquet", "part-2.parquet"]
    assert sum(pq.read_metadata(p).num_rows for p in written) == 270


def test_an_empty_table_still_has_its_schema_on_disk(tmp_path: Path) -> None:
    (path,) = write_dataset(tmp_path, {"findings": []})

    assert pq.read_table(path).num_rows == 0
    assert pq.read_schema(path).equals(partition_schema("findings"))
