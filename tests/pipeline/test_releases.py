"""Release protocol: complete folders, atomic `latest`, changelog, retention."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from assets.core.releases import (
    LATEST,
    RELEASES,
    RetentionPolicy,
    current_release,
    list_releases,
    read_changelog,
    write_release,
)

T0 = datetime(2026, 5, 21, 18, 30, tzinfo=UTC)


def writer(text: str):
    def write(folder: Path) -> dict[str, Path]:
        (folder / "data.csv").write_text(text, encoding="utf-8")
        (folder / "site").mkdir()
        (folder / "site" / "index.html").write_text("<p>hi</p>", encoding="utf-8")
        return {"data.csv": folder / "data.csv", "site": folder / "site"}

    return write


def row(disclosure_id: str, sha: str, **extra) -> dict:
    return {"disclosure_id": disclosure_id, "sha256": sha, "title": f"title {disclosure_id}", "status": "ok", **extra}


def test_each_release_is_complete_and_latest_switches(tmp_path: Path) -> None:
    first = write_release(tmp_path, writer("v1"), [row("a", "1")], now=T0)
    second = write_release(tmp_path, writer("v2"), [row("a", "1")], now=T0 + timedelta(days=1))
    assert list_releases(tmp_path) == ["20260521T183000Z", "20260522T183000Z"]
    assert (tmp_path / LATEST).readlink() == Path(RELEASES) / second.release_id
    assert (tmp_path / LATEST / "data.csv").read_text(encoding="utf-8") == "v2"
    assert (first.path / "data.csv").read_text(encoding="utf-8") == "v1"  # old releases never change
    manifest = json.loads((second.path / "release.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {"data.csv", "site/index.html", "changelog.json"}
    assert manifest["previous_release"] == first.release_id


def test_changelog_lists_added_updated_and_withdrawn(tmp_path: Path) -> None:
    write_release(tmp_path, writer("v1"), [row("a", "1"), row("b", "1"), row("c", "1", fact_count=3)], now=T0)
    release = write_release(
        tmp_path,
        writer("v2"),
        [row("a", "1"), row("b", "2"), row("c", "1", fact_count=4), row("d", "1")],
        now=T0 + timedelta(hours=1),
    )
    log = read_changelog(release.path)
    assert log == release.changelog
    assert log["summary"] == {"added": 1, "updated": 2, "withdrawn": 0, "unchanged": 1, "disclosures": 4}
    assert [e["disclosure_id"] for e in log["added"]] == ["d"]
    updated = {e["disclosure_id"]: e for e in log["updated"]}
    assert updated["b"]["changed_fields"] == ["sha256"] and updated["b"]["previous"] == {"sha256": "1"}
    assert updated["c"]["changed_fields"] == ["fact_count"] and updated["c"]["title"] == "title c"
    third = write_release(tmp_path, writer("v3"), [row("a", "1")], now=T0 + timedelta(hours=2))
    assert sorted(e["disclosure_id"] for e in third.changelog["withdrawn"]) == ["b", "c", "d"]


def test_retention_keeps_the_newest_and_the_current(tmp_path: Path) -> None:
    policy = RetentionPolicy(keep_last=2)
    ids = [
        write_release(tmp_path, writer(str(i)), [], policy=policy, now=T0 + timedelta(days=i)).release_id
        for i in range(4)
    ]
    assert list_releases(tmp_path) == ids[-2:]
    assert not any(p.name.startswith(".") for p in (tmp_path / RELEASES).iterdir())
    by_age = RetentionPolicy(keep_last=1, keep_days=1.5)
    write_release(tmp_path, writer("x"), [], policy=by_age, now=T0 + timedelta(days=4))
    assert list_releases(tmp_path) == [ids[3], "20260525T183000Z"]


def test_same_second_releases_get_distinct_ids(tmp_path: Path) -> None:
    a = write_release(tmp_path, writer("a"), [], now=T0)
    b = write_release(tmp_path, writer("b"), [], now=T0)
    assert (a.release_id, b.release_id) == ("20260521T183000Z", "20260521T183000Z-2")
    assert current_release(tmp_path) == b.path.resolve()


def test_a_flat_layout_from_before_releases_is_moved_aside(tmp_path: Path) -> None:
    (tmp_path / LATEST).mkdir()
    (tmp_path / LATEST / "old.csv").write_text("old", encoding="utf-8")
    release = write_release(tmp_path, writer("new"), [], now=T0)
    assert current_release(tmp_path) == release.path.resolve()
