"""Settings of the Celery worker process that the worker tests start (see worker.py)."""

import os

from config.settings_test import *  # noqa: F403

CELERY_BROKER_URL = os.environ["REPORTS_TEST_BROKER"]
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["REPORTS_TEST_MAIL_DIR"]
REPORTS_RETRY_DELAY = 1

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # Two worker processes write at once; IMMEDIATE makes SQLite wait instead of failing.
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"  # noqa: F405
# The heartbeat test beats every second instead of every 20.
REPORTS_HEARTBEAT_SECONDS = float(os.environ.get("REPORTS_TEST_HEARTBEAT", "20"))
