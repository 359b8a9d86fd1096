"""The nightly pipeline on one machine, without the Dagster daemon: `python -m pipelines.run`.

`make run` calls it. One "night" does what the schedule and sensors do under `dagster dev`:

1. `scrape_job` (discovery): crawl the portals, store new attachments, update the manifest;
2. evaluate `disclosure_partitions_sensor` (its cursor is kept in the Dagster instance): new
   and changed disclosures become partitions, withdrawn ones are removed;
3. `process_disclosure_job` for exactly those partitions;
4. `publish_job`: a new release, `latest` switched — only when something changed.

Other commands::

    python -m pipelines.run publish                      # a release from what is processed
    python -m pipelines.run select --year 2026 [--region 克孜勒苏]   # partition keys, comma-separated
    python -m pipelines.run backfill --year 2026 [--region …] [--partition KEY …]  # reprocess, publish
    python -m pipelines.run releases                     # the releases and where latest points

Runs go into the instance at DAGSTER_HOME (default data/dagster_home), so they show in the UI.
The executor follows BUDGET_FACTS_EXECUTOR: unset or in_process runs steps in this process;
multiprocess or celery launch the job through that executor (celery needs running workers).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .instance import prepare_dagster_home
from .settings import REPO_ROOT, Settings, load_settings

if TYPE_CHECKING:
    from dagster import DagsterInstance, Definitions, SensorResult

PARTITIONS_SENSOR = "disclosure_partitions_sensor"
CURSOR_KEY = "budget_facts/pipelines.run/disclosure_partitions_sensor"


def say(message: str) -> None:
    print(f"[budget-facts] {message}", file=sys.stderr, flush=True)


@dataclass
class NightReport:
    discovered: int = 0
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    processed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    release: str | None = None
    seconds: float = 0.0
    ok: bool = True


# --- running jobs -----------------------------------------------------------------------------


def execute(
    defs: Definitions,
    instance: DagsterInstance,
    settings: Settings,
    job_name: str,
    partition_key: str | None = None,
    tags: Mapping[str, str] | None = None,
) -> bool:
    """Run one job to completion; in this process, or through the configured executor."""
    tags = dict(tags or {})
    if settings.executor in (None, "in_process"):
        job = defs.resolve_job_def(job_name)
        result = job.execute_in_process(instance=instance, partition_key=partition_key, tags=tags, raise_on_error=False)
        return bool(result.success)
    from dagster import execute_job
    from dagster._core.definitions.reconstruct import ReconstructableRepository

    repository = ReconstructableRepository.for_module("pipelines.definitions", "defs", working_directory=str(REPO_ROOT))
    if partition_key is not None:
        tags["dagster/partition"] = partition_key
    with execute_job(repository.get_reconstructable_job(job_name), instance=instance, tags=tags) as result:
        return bool(result.success)


def evaluate_partition_sensor(defs: Definitions, instance: DagsterInstance) -> SensorResult:
    """Evaluate `disclosure_partitions_sensor` once with this command's own cursor and apply its
    partition requests; the caller runs its run requests, then stores the cursor (store_cursor)."""
    from dagster import (
        AddDynamicPartitionsRequest,
        DeleteDynamicPartitionsRequest,
        SensorResult,
        build_sensor_context,
    )

    cursor = instance.run_storage.get_cursor_values({CURSOR_KEY}).get(CURSOR_KEY)
    sensor_def = defs.resolve_sensor_def(PARTITIONS_SENSOR)
    with build_sensor_context(instance=instance, cursor=cursor, definitions=defs, resources=defs.resources) as context:
        result = sensor_def(context)
    if not isinstance(result, SensorResult):  # a SkipReason: nothing discovered yet
        return SensorResult(skip_reason=result, cursor=cursor)
    for request in result.dynamic_partitions_requests or []:
        if isinstance(request, AddDynamicPartitionsRequest):
            instance.add_dynamic_partitions(request.partitions_def_name, list(request.partition_keys))
        elif isinstance(request, DeleteDynamicPartitionsRequest):
            for key in request.partition_keys:
                instance.delete_dynamic_partition(request.partitions_def_name, key)
    return result


def store_cursor(instance: DagsterInstance, cursor: str | None, failed: list[str]) -> None:
    """Failed partitions are dropped from the cursor, so the next night requests them again."""
    if cursor is None:
        return
    state = json.loads(cursor)
    for key in failed:
        state.get("partitions", {}).pop(key, None)
    instance.run_storage.set_cursor_values({CURSOR_KEY: json.dumps(state, sort_keys=True)})


def run_night(
    defs: Definitions, instance: DagsterInstance, settings: Settings, log: Callable[[str], None] = say
) -> NightReport:
    from assets.core.releases import current_release

    from .partitions import disclosure_partitions

    started = time.perf_counter()
    report = NightReport()
    log(f"discovery on {' '.join(settings.portal_urls)} (data in {settings.data_dir})")
    if not execute(defs, instance, settings, "scrape_job"):
        log("discovery failed; see the Dagster run log (make dev) and data/ops/failures/")
        report.ok = False
        return report
    data = evaluate_partition_sensor(defs, instance)
    report.discovered = len(instance.get_dynamic_partitions(disclosure_partitions.name))
    for request in data.dynamic_partitions_requests or []:
        if type(request).__name__ == "DeleteDynamicPartitionsRequest":
            report.withdrawn.extend(request.partition_keys)
    requests = data.run_requests or []
    for i, request in enumerate(requests, 1):
        key = request.partition_key
        change = request.tags.get("budget_facts/change", "new")
        (report.new if change == "new" else report.changed).append(key)
        ok = execute(defs, instance, settings, "process_disclosure_job", partition_key=key, tags=request.tags)
        (report.processed if ok else report.failed).append(key)
        log(f"[{i}/{len(requests)}] {change} disclosure {key}: {'done' if ok else 'FAILED'}")
    store_cursor(instance, data.cursor, report.failed)
    if requests or report.withdrawn or current_release(settings.published_dir) is None:
        if execute(defs, instance, settings, "publish_job"):
            release = current_release(settings.published_dir)
            report.release = release.name if release else None
        else:
            log("publish failed; latest still points to the previous release")
            report.ok = False
    else:
        log("nothing new, changed or withdrawn: no extraction, no new release")
    report.seconds = time.perf_counter() - started
    return report


def backfill(
    defs: Definitions,
    instance: DagsterInstance,
    settings: Settings,
    keys: list[str],
    label: str,
    log: Callable[[str], None] = say,
) -> bool:
    ok = True
    for i, key in enumerate(keys, 1):
        done = execute(defs, instance, settings, "process_disclosure_job", partition_key=key, tags={"budget_facts/backfill": label})
        log(f"[{i}/{len(keys)}] backfill {key}: {'done' if done else 'FAILED'}")
        ok = ok and done
    return execute(defs, instance, settings, "publish_job") and ok


def selected_partitions(instance: DagsterInstance, settings: Settings, region: str | None, year: int | None) -> list[str]:
    from assets.core.incremental import select_partitions
    from assets.core.scrape_run import read_manifest

    from .partitions import disclosure_partitions

    keys = instance.get_dynamic_partitions(disclosure_partitions.name)
    return select_partitions(settings.staged_dir, read_manifest(settings.staged_dir), keys, region=region, year=year)


# --- command line -----------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipelines.run", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("night", help="discovery → new/changed partitions → process → release (default)")
    commands.add_parser("publish", help="write a release from the processed partitions")
    commands.add_parser("releases", help="list releases and where latest points")
    for name in ("select", "backfill"):
        sub = commands.add_parser(name, help="partitions by region/year" + (", reprocessed and published" if name == "backfill" else ""))
        sub.add_argument("--region", help="part of the region name, e.g. 克孜勒苏 or 新疆")
        sub.add_argument("--year", type=int)
        sub.add_argument("--partition", action="append", default=[], help="an explicit partition key (repeatable)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = load_settings()
    prepare_dagster_home(settings)
    from dagster import DagsterInstance

    from assets.core.releases import current_release, list_releases

    from .definitions import build_defs

    command = args.command or "night"
    if command == "releases":
        for release_id in list_releases(settings.published_dir):
            print(release_id)
        latest = current_release(settings.published_dir)
        print(f"latest -> {latest.name if latest else '(none)'}")
        return 0
    defs = build_defs(settings)
    with DagsterInstance.get() as instance:
        if command == "night":
            report = run_night(defs, instance, settings)
            latest = current_release(settings.published_dir)
            say(
                f"night done in {report.seconds:.0f}s: {len(report.new)} new, {len(report.changed)} changed, "
                f"{len(report.withdrawn)} withdrawn, {len(report.failed)} failed"
            )
            if latest is not None:
                say(f"published data: {settings.published_dir / 'latest'} -> {latest}")
                say("  " + "  ".join(sorted(os.listdir(latest))))
            return 0 if report.ok else 1
        if command == "publish":
            return 0 if execute(defs, instance, settings, "publish_job") else 1
        keys = args.partition or selected_partitions(instance, settings, args.region, args.year)
        if command == "select":
            print(",".join(keys))
            return 0
        if not keys:
            say("no partition matches")
            return 1
        label = ",".join(f"{k}={v}" for k, v in (("region", args.region), ("year", args.year)) if v) or "explicit"
        return 0 if backfill(defs, instance, settings, keys, label) else 1


if __name__ == "__main__":
    sys.exit(main())
