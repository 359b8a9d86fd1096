"""The nightly pipeline on real scale-out engines: Dagster's PostgreSQL storage, and the celery
executor with a Redis broker and a celery worker process, against the demo portal.

Needs running services; scripts/ci_scale_out.sh starts them (throwaway PostgreSQL cluster and
redis-server) and sets DAGSTER_PG_* / BUDGET_FACTS_TEST_POSTGRES / BUDGET_FACTS_TEST_REDIS_URL.
Without them every test here is skipped.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from dagster import DagsterInstance

from assets.core.releases import current_release, read_changelog
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(
    not os.environ.get("BUDGET_FACTS_TEST_POSTGRES"),
    reason="needs PostgreSQL (and Redis) started by scripts/ci_scale_out.sh",
)
NIGHT_TIMEOUT = 600


def create_database() -> str:
    import psycopg2

    name = f"dagster_{uuid.uuid4().hex[:10]}"
    connection = psycopg2.connect(
        host=os.environ["DAGSTER_PG_HOST"],
        port=os.environ["DAGSTER_PG_PORT"],
        user=os.environ["DAGSTER_PG_USERNAME"],
        password=os.environ["DAGSTER_PG_PASSWORD"],
        dbname="postgres",
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {name}")
    connection.close()
    return name


def pipeline_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "BUDGET_FACTS_DATA_DIR": str(tmp_path / "data"),
        "DAGSTER_HOME": str(tmp_path / "dagster_home"),
        "BUDGET_FACTS_PORTAL_URLS": "demo",
        "BUDGET_FACTS_DAGSTER_STORAGE": "postgres",
        "DAGSTER_PG_DB": create_database(),
        "BUDGET_FACTS_RETRY_DELAY_SECONDS": "1",
        **extra,
    }


def night(env: dict[str, str], log: Path) -> str:
    """`python -m pipelines.run` (one night) in its own process; returns its stderr."""
    started = time.perf_counter()
    with log.open("a", encoding="utf-8") as handle:
        done = subprocess.run(
            [sys.executable, "-m", "pipelines.run"],
            env=env,
            cwd=REPO,
            stdout=handle,
            stderr=subprocess.PIPE,
            text=True,
            timeout=NIGHT_TIMEOUT,
        )
    summary = [line for line in done.stderr.splitlines() if line.startswith("[budget-facts]")]
    print(f"night in {time.perf_counter() - started:.0f}s: {summary[-3:] if summary else done.stderr[-500:]}")
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stderr


@contextmanager
def postgres_instance(env: dict[str, str]) -> Iterator[DagsterInstance]:
    """The pipeline's instance, opened here (its dagster.yaml reads DAGSTER_PG_DB from the env)."""
    previous = os.environ.get("DAGSTER_PG_DB")
    os.environ["DAGSTER_PG_DB"] = env["DAGSTER_PG_DB"]
    try:
        with DagsterInstance.from_config(env["DAGSTER_HOME"]) as instance:
            yield instance
    finally:
        if previous is None:
            os.environ.pop("DAGSTER_PG_DB")
        else:
            os.environ["DAGSTER_PG_DB"] = previous


def check_two_nights(env: dict[str, str], tmp_path: Path, log: Path) -> None:
    from dagster import DagsterRunStatus, RunsFilter

    night(env, log)
    published = Path(env["BUDGET_FACTS_DATA_DIR"]) / "published"
    first = current_release(published)
    assert first is not None and read_changelog(first)["summary"]["added"] >= 2
    with postgres_instance(env) as instance:
        assert type(instance.run_storage).__name__ == "PostgresRunStorage"
        runs = instance.get_runs(RunsFilter(job_name="process_disclosure_job"))
        assert len(runs) == 2 and {r.status for r in runs} == {DagsterRunStatus.SUCCESS}
        assert len(instance.get_dynamic_partitions("disclosures")) == 2
    second_log = night(env, log)
    assert "no extraction, no new release" in second_log
    assert current_release(published) == first
    with postgres_instance(env) as instance:
        assert len(instance.get_runs(RunsFilter(job_name="process_disclosure_job"))) == 2
        assert len(instance.get_runs(RunsFilter(job_name="scrape_job"))) == 2


def test_nights_on_postgres_storage(tmp_path: Path) -> None:
    log = tmp_path / "pipeline.log"
    check_two_nights(pipeline_env(tmp_path, BUDGET_FACTS_EXECUTOR="in_process"), tmp_path, log)


@pytest.fixture
def celery_worker(tmp_path: Path) -> Iterator[tuple[dict[str, str], Path]]:
    redis = os.environ.get("BUDGET_FACTS_TEST_REDIS_URL")
    if not redis:
        pytest.skip("needs Redis started by scripts/ci_scale_out.sh")
    env = pipeline_env(
        tmp_path,
        BUDGET_FACTS_EXECUTOR="celery",
        BUDGET_FACTS_CELERY_BROKER=f"{redis}/0",
        BUDGET_FACTS_CELERY_BACKEND=f"{redis}/1",
    )
    worker_log = tmp_path / "celery_worker.log"
    with worker_log.open("w", encoding="utf-8") as handle:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "pipelines.celery_app", "worker", "-Q", "dagster",
             "--pool", "solo", "--concurrency", "1", "--prefetch-multiplier", "1", "--loglevel", "INFO",
             "-n", f"budget-facts-test-{uuid.uuid4().hex[:6]}@%h"],
            env=env,
            cwd=REPO,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 120
        while "ready." not in worker_log.read_text(encoding="utf-8", errors="replace"):
            if worker.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"celery worker did not start:\n{worker_log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.5)
        yield env, worker_log
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=10)


def test_nights_on_celery_workers_with_redis(celery_worker, tmp_path: Path) -> None:
    env, worker_log = celery_worker
    check_two_nights(env, tmp_path, tmp_path / "pipeline.log")
    worker_output = worker_log.read_text(encoding="utf-8", errors="replace")
    # Every step of the first night ran as a task on the worker: scrape, 2 × 4 processing
    # steps (3 assets + the contract check), publish.
    succeeded = [line for line in worker_output.splitlines() if "execute_plan[" in line and " succeeded in " in line]
    assert len(succeeded) >= 10, worker_output[-3000:]
