"""Nightly discovery on the portals (Asia/Shanghai, when portals are quiet)."""

from dagster import ScheduleDefinition

from .jobs import scrape_job

nightly_scrape_schedule = ScheduleDefinition(
    name="nightly_scrape",
    job=scrape_job,
    cron_schedule="30 2 * * *",
    execution_timezone="Asia/Shanghai",
)
