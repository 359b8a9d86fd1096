"""Killing the publishing process (SIGKILL) at any point leaves `latest` on the previous
complete release; the next publish cleans up and succeeds."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from assets.core.releases import (
    HOLD_ENV,
    LATEST,
    PARTIAL_PREFIX,
    RELEASES,
    current_release,
    list_releases,
    read_changelog,
    write_release,
)
from tests.conftest import REPO

# A publishing process that writes a release of one file per disclosure row.
PUBLISHER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from assets.core.releases import write_release

    def files(folder):
        (folder / "budget_facts.csv").write_text("amount\\n1\\n" * 1000)
        return {"budget_facts.csv": folder / "budget_facts.csv"}

    write_release(Path(sys.argv[1]), files, [{"disclosure_id": "d2", "sha256": "b"}])
    """
)


def run_until_held(command: list[str], env: dict[str, str], marker: Path, timeout: float = 240.0) -> None:
    """Start the publisher, wait until it reaches the hold point, then SIGKILL it."""
    process = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + timeout
    try:
        while not marker.exists():
            if process.poll() is not None:
                pytest.fail(f"publisher exited ({process.returncode}) before the hold point: {process.stderr.read()[-2000:]!r}")
            if time.monotonic() > deadline:
                pytest.fail("publisher did not reach the hold point in time")
            time.sleep(0.1)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def one_file(folder: Path) -> dict[str, Path]:
    (folder / "budget_facts.csv").write_text("amount\n1\n", encoding="utf-8")
    return {"budget_facts.csv": folder / "budget_facts.csv"}


@pytest.mark.parametrize("stage", ["files_written", "release_renamed"])
def test_sigkill_during_release_writing_keeps_the_previous_release(tmp_path: Path, stage: str) -> None:
    published = tmp_path / "published"
    first = write_release(published, one_file, [{"disclosure_id": "d1", "sha256": "a"}])
    marker = tmp_path / "held"
    env = {**os.environ, HOLD_ENV: f"{stage}={marker}", "PYTHONPATH": str(REPO)}
    run_until_held([sys.executable, "-c", PUBLISHER, str(published)], env, marker)

    assert current_release(published) == first.path.resolve()
    assert (published / LATEST / "budget_facts.csv").read_text(encoding="utf-8") == "amount\n1\n"
    leftovers = [p.name for p in (published / RELEASES).iterdir() if p.name.startswith(PARTIAL_PREFIX)]
    if stage == "files_written":  # the new files exist only under a name no reader opens
        assert len(leftovers) == 1 and list_releases(published) == [first.release_id]
    else:  # complete and renamed, but `latest` was never switched to it
        assert leftovers == [] and len(list_releases(published)) == 2

    second = write_release(published, one_file, [{"disclosure_id": "d1", "sha256": "a2"}])
    assert current_release(published) == second.path.resolve()
    assert not any(p.name.startswith(PARTIAL_PREFIX) for p in (published / RELEASES).iterdir())
    # The changelog is relative to the release readers saw (latest), not a half-written one.
    assert second.changelog["previous_release"] == first.release_id
    assert [e["disclosure_id"] for e in second.changelog["updated"]] == ["d1"]


def test_sigkill_of_the_dagster_publish_run_keeps_latest(nights, tmp_path: Path) -> None:
    """`python -m pipelines.run publish` killed after writing the release files, before switching."""
    data_dir, home = tmp_path / "data", tmp_path / "dagster_home"
    shutil.copytree(nights.data_dir, data_dir, symlinks=True)
    shutil.copytree(nights.home, home, symlinks=True)
    published = data_dir / "published"
    before = current_release(published)
    releases_before = list_releases(published)
    assert before is not None
    marker = tmp_path / "held"
    env = {
        **os.environ,
        "BUDGET_FACTS_DATA_DIR": str(data_dir),
        "DAGSTER_HOME": str(home),
        "BUDGET_FACTS_EXECUTOR": "in_process",
        "BUDGET_FACTS_PORTAL_URLS": nights.base_url,
        HOLD_ENV: f"files_written={marker}",
    }
    run_until_held([sys.executable, "-m", "pipelines.run", "publish"], env, marker)

    assert current_release(published) == before
    assert list_releases(published) == releases_before
    partial = [p for p in (published / RELEASES).iterdir() if p.name.startswith(PARTIAL_PREFIX)]
    assert len(partial) == 1 and (partial[0] / "budget_facts.parquet").exists()  # written, never visible
    assert (published / LATEST / "release.json").exists()

    env.pop(HOLD_ENV)
    done = subprocess.run([sys.executable, "-m", "pipelines.run", "publish"], env=env, cwd=REPO, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    after = current_release(published)
    assert after is not None and after != before
    assert not any(p.name.startswith(PARTIAL_PREFIX) for p in (published / RELEASES).iterdir())
    assert read_changelog(after)["summary"] | {"disclosures": 0, "unchanged": 0} == {
        "added": 0,
        "updated": 0,
        "withdrawn": 0,
        "disclosures": 0,
        "unchanged": 0,
    }
