"""The executor of launched runs, chosen by BUDGET_FACTS_EXECUTOR (pipelines/settings.py).

* unset / multiprocess — Dagster's multiprocess executor (one process per step, this machine);
* in_process           — every step in the run's process (tests, debugging);
* celery               — steps are tasks on a celery broker (Redis), run by `celery -A
  pipelines.celery_app worker` processes on any machine that shares the Dagster instance
  (PostgreSQL) and the data directory. Broker and backend URLs are read from the environment
  by name (BUDGET_FACTS_CELERY_BROKER / _BACKEND), never written into configuration.
"""

from dagster import ExecutorDefinition, in_process_executor, multiprocess_executor

from .settings import CELERY_BACKEND_ENV, CELERY_BROKER_ENV, Settings


def select_executor(settings: Settings) -> ExecutorDefinition:
    if settings.executor == "in_process":
        return in_process_executor
    if settings.executor == "celery":
        from dagster_celery import celery_executor  # only deployments that use celery import it

        return celery_executor.configured(
            {"broker": {"env": CELERY_BROKER_ENV}, "backend": {"env": CELERY_BACKEND_ENV}},
            name="celery",
        )
    return multiprocess_executor
