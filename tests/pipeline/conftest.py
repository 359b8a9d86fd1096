"""Four simulated nights of the pipeline against a generated portal served on 127.0.0.1.

Night 1 discovers the demo portal; before night 2 a new disclosure appears and the seed PDF is
re-published; night 3 changes nothing; before night 4 a page is withdrawn. Each night runs
exactly what `python -m pipelines.run` runs (scrape → partition sensor → process → publish) on
a persistent SQLite instance in a temp dir, in-process; the snapshots record what each did.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from dagster import DagsterInstance, RunsFilter

from assets.core.releases import current_release, list_releases, read_changelog
from assets.demo.portal_site import build_demo_portal
from assets.demo.server import serve_directory
from pipelines.definitions import build_defs
from pipelines.instance import instance_yaml
from pipelines.run import NightReport, run_night
from pipelines.settings import load_settings
from tests.pipeline import portal_nights


@dataclass
class Night:
    report: NightReport
    process_runs: list[str]
    """Partition of every processing run this night."""
    latest: str | None
    releases: list[str]
    changelog: dict | None = None


@dataclass
class Nights:
    data_dir: Path
    home: Path
    site: Path
    base_url: str
    nights: list[Night] = field(default_factory=list)
    instance: DagsterInstance | None = None


def _processing_partitions(instance: DagsterInstance) -> list[str]:
    runs = instance.get_runs(RunsFilter(job_name="process_disclosure_job"))
    return sorted(r.tags.get("dagster/partition", "") for r in runs)


@pytest.fixture(scope="session")
def nights(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nights]:
    root = tmp_path_factory.mktemp("nights")
    site = root / "portal"
    portal = build_demo_portal(site)
    changes: list[Callable[[Path], None] | None] = [
        None,
        lambda s: (portal_nights.add_new_disclosure(s), portal_nights.republish_seed(s)),
        None,
        portal_nights.withdraw_not_a_pdf_page,
    ]
    home = root / "dagster_home"
    home.mkdir()
    with ExitStack() as instance_scope:
        # The environment and the portal server only for the nights; the instance for the tests.
        with serve_directory(site) as base_url, pytest.MonkeyPatch.context() as patch:
            patch.setenv("BUDGET_FACTS_DATA_DIR", str(root / "data"))
            patch.setenv("BUDGET_FACTS_PORTAL_URLS", portal.url(base_url))
            patch.setenv("BUDGET_FACTS_EXECUTOR", "in_process")
            patch.setenv("BUDGET_FACTS_RETRY_DELAY_SECONDS", "0")
            patch.setenv("BUDGET_FACTS_STEP_RETRIES", "1")
            patch.setenv("BUDGET_FACTS_RELEASES_KEEP", "5")
            settings = load_settings()
            defs = build_defs(settings)
            (home / "dagster.yaml").write_text(instance_yaml(settings), encoding="utf-8")
            instance = instance_scope.enter_context(DagsterInstance.local_temp(str(home)))
            state = Nights(data_dir=settings.data_dir, home=home, site=site, base_url=base_url, instance=instance)
            for change in changes:
                if change is not None:
                    change(site)
                before = _processing_partitions(instance)
                report = run_night(defs, instance, settings, log=lambda _: None)
                after = _processing_partitions(instance)
                for key in before:
                    after.remove(key)
                latest = current_release(settings.published_dir)
                state.nights.append(
                    Night(
                        report=report,
                        process_runs=after,
                        latest=latest.name if latest else None,
                        releases=list_releases(settings.published_dir),
                        changelog=read_changelog(latest) if latest else None,
                    )
                )
        yield state
