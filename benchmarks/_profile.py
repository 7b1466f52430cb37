"""Profile one page with pyinstrument, in process, as a given demo login sees it.

    DATABASE_URL=… DJANGO_SETTINGS_MODULE=benchmarks.settings DJANGO_DEBUG=0 SECRET_KEY=x \
        SECURE_SSL_REDIRECT=0 ALLOWED_HOSTS=127.0.0.1 VAR_DIR=var/bench/run \
        python -m benchmarks._profile /fi/grants/ hyte@example.fi

The page is fetched a few times first so the profile shows steady-state work, not first loads.
On a shared machine the wall-clock profile is mostly waiting for a core: PROFILE_CPU=1 prints
cProfile's CPU-time profile (thread time) instead.
"""

import cProfile
import os
import pstats
import sys
import time

import django

django.setup()

from django.test import Client  # noqa: E402
from pyinstrument import Profiler  # noqa: E402

from membership.models import User  # noqa: E402


def main(path: str, email: str | None, repeat: int = 10) -> None:
    client = Client(HTTP_HOST="127.0.0.1")
    if email:
        client.force_login(User.objects.get(email=email))
    for _ in range(3):
        assert client.get(path).status_code == 200
    if os.environ.get("PROFILE_CPU"):
        profile = cProfile.Profile(time.thread_time)
        profile.runcall(lambda: [client.get(path) for _ in range(repeat)])
        pstats.Stats(profile).sort_stats("cumulative").print_stats(60)
        return
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(repeat):
            client.get(path)
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
