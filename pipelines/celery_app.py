"""The celery app of the workers: `celery -A pipelines.celery_app worker -Q dagster`.

Same task names and queue as dagster-celery's own app, but the broker and result backend come
from the environment at start-up (dagster-celery's CLI would write them into a config file
under DAGSTER_HOME, credentials included).
"""

import os

from dagster_celery.make_app import make_app
from dagster_celery.tasks import create_execute_job_task, create_resume_job_task, create_task

from .settings import CELERY_BACKEND_ENV, CELERY_BROKER_ENV

app = make_app({"broker": os.environ[CELERY_BROKER_ENV], "backend": os.environ.get(CELERY_BACKEND_ENV) or "rpc://"})

execute_plan = create_task(app)
execute_job = create_execute_job_task(app)
resume_job = create_resume_job_task(app)
