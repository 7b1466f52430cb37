"""Benchmark-only settings: production settings plus the two floor views and a measuring header.

Used only by the servers `make bench` starts (DJANGO_SETTINGS_MODULE=benchmarks.settings); the
production URLs never contain the floors.
"""

import os

from config.settings import *  # noqa: F403
from config.settings import CACHES, MIDDLEWARE

ROOT_URLCONF = "benchmarks.urls"
# Outermost, so the CPU time and queries it reports cover every other middleware too.
MIDDLEWARE = ["benchmarks.middleware.measure", *MIDDLEWARE]
# Each run's cache entries apart from any other run's (or a database of another scale).
CACHES["default"]["KEY_PREFIX"] = os.environ.get("BENCH_CACHE_PREFIX", "bench")
