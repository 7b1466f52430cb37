"""Run every benchmark module in this folder and print its figures: python -m benchmarks [name ...].

Each module defines `run() -> None` and prints its own figures. They are measurements, not tests.
"""

import importlib
import os
import pkgutil
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
django.setup()

import benchmarks  # noqa: E402

wanted = set(sys.argv[1:])
for info in pkgutil.iter_modules(benchmarks.__path__):
    if info.name.startswith("_") or (wanted and info.name not in wanted):
        continue
    print(f"== {info.name}")
    importlib.import_module(f"benchmarks.{info.name}").run()
