"""Nightly discovery on the portals (Asia/Shanghai, when portals are quiet).

The schedule only discovers; `disclosure_partitions_sensor` turns what is new or changed into
partitions and processing runs, and `publish_release_sensor` writes the release afterwards.
"""

from dagster import ScheduleDefinition

from .jobs import SCRAPE_JOB

nightly_scrape_schedule = ScheduleDefinition(
    name="nightly_scrape",
    job_name=SCRAPE_JOB,
    cron_schedule="30 2 * * *",
    execution_timezone="Asia/Shanghai",
    description="Discovery every night at 02:30 China Standard Time.",
)
