"""Which partitions a discovery makes new, changed or withdrawn; backfill selection."""

from __future__ import annotations

import json
from pathlib import Path

from assets.core.incremental import (
    disclosure_fingerprint,
    labels_from_title,
    plan_partitions,
    select_partitions,
)


def entry(host: str, *shas: str, status: str = "ok", **extra) -> dict:
    return {"detail_url": f"http://{host}/a.html", "current_sha256s": list(shas), "status": status, **extra}


def test_new_changed_unchanged() -> None:
    manifest = {"a": entry("x", "1"), "b": entry("x", "2"), "c": entry("x", "3")}
    known = {"a": disclosure_fingerprint(entry("x", "1")), "b": disclosure_fingerprint(entry("x", "old"))}
    plan = plan_partitions(manifest, ["a", "b", "c"], known)
    assert (plan.new, plan.changed, plan.withdrawn) == (["c"], ["b"], [])
    assert plan.to_process == ["c", "b"]
    again = plan_partitions(manifest, ["a", "b", "c"], plan.fingerprints)
    assert again.is_empty


def test_document_order_does_not_matter_and_a_late_download_is_a_change() -> None:
    assert disclosure_fingerprint(entry("x", "1", "2")) == disclosure_fingerprint(entry("x", "2", "1"))
    failed = entry("x", status="http_error")
    assert disclosure_fingerprint(failed) != disclosure_fingerprint(entry("x", "1"))


def test_withdrawn_only_when_the_portal_answered() -> None:
    manifest = {"a": entry("x", "1"), "b": entry("x", "2"), "c": entry("y", "3")}
    known = {k: disclosure_fingerprint(v) for k, v in manifest.items()}
    plan = plan_partitions(manifest, ["a"], known)  # y found nothing tonight: maybe down
    assert plan.withdrawn == ["b"] and "b" not in plan.fingerprints and "c" in plan.fingerprints
    back = plan_partitions(manifest, ["a", "b", "c"], plan.fingerprints)
    assert back.new == ["b"]


def test_labels_and_backfill_selection(tmp_path: Path) -> None:
    assert labels_from_title("克孜勒苏柯尔克孜自治州人民政府办公室2026年部门预算公开").year == 2026
    manifest = {
        "k1": entry("x", "1", region="新疆维吾尔自治区克孜勒苏柯尔克孜自治州", year=2026),
        "k2": entry("x", "2", region="上海市普陀区", year=2025),
        "k3": entry("x", "3", title="上海市普陀区财政局2026年部门预算"),
    }
    assert select_partitions(tmp_path, manifest, manifest, year=2026) == ["k1", "k3"]
    assert select_partitions(tmp_path, manifest, manifest, region="上海") == ["k2", "k3"]
    assert select_partitions(tmp_path, manifest, manifest, region="克孜勒苏", year=2025) == []
    staged = tmp_path / "disclosures" / "k3"
    staged.mkdir(parents=True)
    (staged / "validated.json").write_text(json.dumps([{"disclosure": {"region": "上海市普陀区", "year": 2024}}]))
    assert select_partitions(tmp_path, manifest, manifest, year=2024) == ["k3"]
