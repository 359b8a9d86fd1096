"""The main job on one machine: scrape → process every disclosure → publish, in Dagster.

`python -m pipelines.run` (what `make run` calls) executes the same jobs that the schedule and
sensors run under `dagster dev`, against a persistent Dagster instance in
`data/dagster_home` so the runs show up in the UI afterwards.
"""

from __future__ import annotations

import os
import sys
import time

from .settings import load_settings

DAGSTER_YAML = """\
telemetry:
  enabled: false
"""


def prepare_dagster_home() -> str:
    """A persistent local instance unless DAGSTER_HOME points elsewhere (e.g. PostgreSQL)."""
    home = os.environ.get("DAGSTER_HOME")
    if not home:
        home = str(load_settings().data_dir / "dagster_home")
        os.environ["DAGSTER_HOME"] = home
    os.makedirs(home, exist_ok=True)
    config = os.path.join(home, "dagster.yaml")
    if not os.path.exists(config):
        with open(config, "w", encoding="utf-8") as handle:
            handle.write(DAGSTER_YAML)
    return home


def say(message: str) -> None:
    print(f"[budget-facts] {message}", file=sys.stderr, flush=True)


def run_all() -> int:
    prepare_dagster_home()
    from dagster import DagsterInstance

    from .definitions import defs
    from .partitions import disclosure_partitions

    instance = DagsterInstance.get()
    settings = load_settings()
    started = time.perf_counter()
    say(f"scraping {' '.join(settings.portal_urls)} (data in {settings.data_dir})")
    scrape = defs.resolve_job_def("scrape_job").execute_in_process(instance=instance, raise_on_error=False)
    if not scrape.success:
        say("scrape failed; see the Dagster run log (dagster dev) for details")
        return 1
    keys = instance.get_dynamic_partitions(disclosure_partitions.name)
    process = defs.resolve_job_def("process_disclosure_job")
    failed = []
    for i, key in enumerate(keys, 1):
        result = process.execute_in_process(instance=instance, partition_key=key, raise_on_error=False)
        say(f"[{i}/{len(keys)}] disclosure {key}: {'done' if result.success else 'FAILED'}")
        if not result.success:
            failed.append(key)
    publish = defs.resolve_job_def("publish_job").execute_in_process(instance=instance, raise_on_error=False)
    if not publish.success:
        say("publish failed; see the Dagster run log")
        return 1
    say(f"published data: {settings.published_dir} ({time.perf_counter() - started:.0f}s)")
    for name in sorted(os.listdir(settings.published_dir)):
        say(f"  {name}")
    if failed:
        say(f"{len(failed)} disclosure run(s) failed: {', '.join(failed)}")
    return 0


if __name__ == "__main__":
    sys.exit(run_all())
