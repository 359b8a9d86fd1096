"""Every path and switch of a deployment, decided in one place from the environment.

Defaults are the embedded laptop set-up: data under ./data, the generated demo portal, a
SQLite-backed Dagster instance and Dagster's multiprocess executor. A scaled-out deployment
changes only environment variables (README "Scaling out"):

* BUDGET_FACTS_DAGSTER_STORAGE=postgres  — Dagster runs, events and schedules in PostgreSQL
  (connection from DAGSTER_PG_HOST / _PORT / _USERNAME / _PASSWORD / _DB);
* BUDGET_FACTS_EXECUTOR=celery           — steps on celery workers (broker and result backend
  from BUDGET_FACTS_CELERY_BROKER / BUDGET_FACTS_CELERY_BACKEND, e.g. redis://…);
* BUDGET_FACTS_OBJECT_STORE=s3://bucket/prefix — raw files and releases mirrored to object
  storage (credentials from the filesystem's own variables, e.g. AWS_ACCESS_KEY_ID).

Secrets are never values here: the instance and executor configuration name the variables
(Dagster `env:` / EnvVar), so they are read where the process that needs them runs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEMO = "demo"
STORAGES = ("sqlite", "postgres")
EXECUTORS = ("multiprocess", "in_process", "celery")

# Names of the variables that carry connection details and secrets (read by Dagster itself).
POSTGRES_ENV = {
    "hostname": "DAGSTER_PG_HOST",
    "port": "DAGSTER_PG_PORT",
    "username": "DAGSTER_PG_USERNAME",
    "password": "DAGSTER_PG_PASSWORD",
    "db_name": "DAGSTER_PG_DB",
}
CELERY_BROKER_ENV = "BUDGET_FACTS_CELERY_BROKER"
CELERY_BACKEND_ENV = "BUDGET_FACTS_CELERY_BACKEND"


@dataclass(frozen=True)
class RetryPolicySettings:
    """Step retries for transient failures (exponential backoff with jitter) and run retries."""

    step_retries: int = 3
    delay_seconds: float = 10.0
    run_retries: int = 2


@dataclass(frozen=True)
class RetentionSettings:
    """Which releases stay: the newest `keep_last`, plus any younger than `keep_days`."""

    keep_last: int = 10
    keep_days: float | None = None


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    portal_urls: tuple[str, ...]
    dagster_storage: str = "sqlite"
    executor: str | None = None
    """None: Dagster's default (multiprocess) for launched runs, in-process for `make run`."""
    object_store_url: str | None = None
    retention: RetentionSettings = RetentionSettings()
    retries: RetryPolicySettings = RetryPolicySettings()

    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    @property
    def staged_dir(self) -> Path:
        return self.data_dir / "staged"

    @property
    def published_dir(self) -> Path:
        return self.data_dir / "published"

    @property
    def ops_dir(self) -> Path:
        """Operational records: failure summaries, portal freshness."""
        return self.data_dir / "ops"

    @property
    def demo_site_dir(self) -> Path:
        return self.data_dir / "demo_portal"

    @property
    def uses_demo_portal(self) -> bool:
        return self.portal_urls == (DEMO,)


def _choice(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value in (None, ""):
        return None
    if value not in allowed:
        raise ValueError(f"{name}={value!r}: expected one of {', '.join(allowed)}")
    return value


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError as error:
        raise ValueError(f"{name}={raw!r} is not a number") from error


def load_settings() -> Settings:
    env = os.environ
    data_dir = Path(env.get("BUDGET_FACTS_DATA_DIR", REPO_ROOT / "data")).resolve()
    urls = tuple(env.get("BUDGET_FACTS_PORTAL_URLS", DEMO).split())
    keep_days = _number("BUDGET_FACTS_RELEASES_KEEP_DAYS", -1)
    return Settings(
        data_dir=data_dir,
        portal_urls=urls or (DEMO,),
        dagster_storage=_choice("BUDGET_FACTS_DAGSTER_STORAGE", env.get("BUDGET_FACTS_DAGSTER_STORAGE"), STORAGES)
        or "sqlite",
        executor=_choice("BUDGET_FACTS_EXECUTOR", env.get("BUDGET_FACTS_EXECUTOR"), EXECUTORS),
        object_store_url=env.get("BUDGET_FACTS_OBJECT_STORE") or None,
        retention=RetentionSettings(
            keep_last=max(1, int(_number("BUDGET_FACTS_RELEASES_KEEP", 10))),
            keep_days=keep_days if keep_days >= 0 else None,
        ),
        retries=RetryPolicySettings(
            step_retries=max(0, int(_number("BUDGET_FACTS_STEP_RETRIES", 3))),
            delay_seconds=max(0.0, _number("BUDGET_FACTS_RETRY_DELAY_SECONDS", 10.0)),
            run_retries=max(0, int(_number("BUDGET_FACTS_RUN_RETRIES", 2))),
        ),
    )
