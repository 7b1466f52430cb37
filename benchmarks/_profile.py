"""Profile one page with pyinstrument, in process, as a given demo login sees it.

    DATABASE_URL=… DJANGO_SETTINGS_MODULE=benchmarks.settings DJANGO_DEBUG=0 SECRET_KEY=x \
        SECURE_SSL_REDIRECT=0 ALLOWED_HOSTS=127.0.0.1 python -m benchmarks._profile /fi/grants/ hyte@example.fi

The page is fetched a few times first so the profile shows steady-state work, not first loads.
"""

import sys

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
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(repeat):
            client.get(path)
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
