"""A demo database of a given scale, seeded once and copied for each benchmark run.

`seed_demo --scale large` takes minutes, so the seeded database is kept: on PostgreSQL as a
template database (`<db>_bench_<scale>_<key>`), on SQLite as a file under var/bench/. The key is
a hash of every migration and demo seeder, so a change to either seeds afresh. Each run works on
a copy (`CREATE DATABASE … TEMPLATE`, or a file copy), so what one run writes never reaches the
next.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
APPS = ("membership", "actionplan", "council", "grants", "reports")


def _key() -> str:
    digest = hashlib.sha256()
    files = [ROOT / "membership/management/commands/seed_demo.py"]
    for app in APPS:
        files += sorted((ROOT / app).rglob("migrations/*.py"))
        files += sorted(path for path in (ROOT / app).rglob("*demo*.py") if "migrations" not in path.parts)
    for path in files:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def _manage(database_url: str, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_DEBUG": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def working_copy(scale: str) -> str:
    """The DATABASE_URL of a fresh copy of the demo data at `scale` ("small" or "large")."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        return _postgres_copy(url, scale)
    return _sqlite_copy(scale)


def _sqlite_copy(scale: str) -> str:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    seeded = BENCH_DIR / f"{scale}-{_key()}.sqlite3"
    if not seeded.exists():
        for stale in BENCH_DIR.glob(f"{scale}-*.sqlite3*"):
            stale.unlink()
        building = BENCH_DIR / f"{scale}-building.sqlite3"
        building.unlink(missing_ok=True)
        print(f"seeding the {scale} demo database once (cached as {seeded.relative_to(ROOT)})…", flush=True)
        _manage(f"sqlite:///{building}", "migrate", "--noinput")
        _manage(f"sqlite:///{building}", "seed_demo", "--scale", scale)
        # Fold the write-ahead log into the file so one file is the whole database.
        import sqlite3

        with sqlite3.connect(building) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.execute("PRAGMA journal_mode=DELETE")
        building.rename(seeded)
    run = BENCH_DIR / f"run-{scale}.sqlite3"
    for leftover in BENCH_DIR.glob(f"run-{scale}.sqlite3*"):
        leftover.unlink()
    shutil.copyfile(seeded, run)
    return f"sqlite:///{run}"


def _postgres_copy(url: str, scale: str) -> str:
    import psycopg

    parts = urlsplit(url)
    base = parts.path.lstrip("/")
    prefix = f"{base}_bench_{scale}_"
    template = prefix + _key()
    # One copy a process: benchmark runs side by side (two worktrees) never drop each other's.
    run = f"{base}_bench_run_{scale}_{os.getpid()}"

    def url_of(name: str) -> str:
        return urlunsplit(parts._replace(path=f"/{name}"))

    admin = url_of("postgres")
    with psycopg.connect(admin, autocommit=True) as db:
        names = [
            row[0]
            for row in db.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [prefix + "%"])
        ]
    if template not in names:
        building = prefix + "building"
        with psycopg.connect(admin, autocommit=True) as db:
            for stale in names:
                db.execute(f'DROP DATABASE IF EXISTS "{stale}" WITH (FORCE)')
            db.execute(f'CREATE DATABASE "{building}"')
        print(f"seeding the {scale} demo database once (kept as the template {template})…", flush=True)
        _manage(url_of(building), "migrate", "--noinput")
        _manage(url_of(building), "seed_demo", "--scale", scale)
        # The planner's statistics, as autovacuum keeps them in production: without them a copy
        # plans the grants list's sort as a nested loop (4× slower). Copies inherit them.
        with psycopg.connect(url_of(building), autocommit=True) as db:
            db.execute("ANALYZE")
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute(f'ALTER DATABASE "{building}" RENAME TO "{template}"')
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{run}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{run}" TEMPLATE "{template}"')
    return url_of(run)


def drop_copy(database_url: str) -> None:
    """Remove a working copy made by `working_copy` (the seeded template stays)."""
    if database_url.startswith("postgres"):
        import psycopg

        parts = urlsplit(database_url)
        with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')
    else:
        path = Path(database_url.removeprefix("sqlite:///"))
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()
