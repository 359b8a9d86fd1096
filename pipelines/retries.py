"""Retries for transient failures (a portal timing out, a full disk, a lost worker).

Steps: RetryPolicy with exponential backoff and jitter, on every asset and as the jobs' default.
Runs: `dagster/max_retries` tags, honoured by the daemon when run retries are enabled in the
instance (pipelines/instance.py enables them); a retried run resumes from the failed step.
"""

from dagster import Backoff, Jitter, RetryPolicy

from .settings import RetryPolicySettings, load_settings


def transient_retry_policy(retries: RetryPolicySettings | None = None) -> RetryPolicy:
    retries = retries or load_settings().retries
    return RetryPolicy(
        max_retries=retries.step_retries,
        delay=retries.delay_seconds,
        backoff=Backoff.EXPONENTIAL,
        jitter=Jitter.PLUS_MINUS,
    )


def run_retry_tags(retries: RetryPolicySettings | None = None) -> dict[str, str]:
    retries = retries or load_settings().retries
    return {"dagster/max_retries": str(retries.run_retries), "dagster/retry_strategy": "FROM_FAILURE"}
