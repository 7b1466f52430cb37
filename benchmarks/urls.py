"""Benchmark-only URLs: the production URLs plus the two floor views the pages are compared with.

The anonymous floor is the cheapest page through the same settings and middleware; the signed-in
floor adds what every signed-in page pays: the session's user and the user's roles.
"""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path
from django.utils.html import escape

from config.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401
from membership.roles import PUBLIC, SIGNED_IN, access, roles_of

PAGE = '<!doctype html><html lang="fi"><title>floor</title><main><p>{}</p></main></html>'


@access(PUBLIC)
def floor_anonymous(request):
    return HttpResponse(PAGE.format("floor"))


@access(SIGNED_IN)
def floor_signed_in(request):
    return HttpResponse(PAGE.format(escape(", ".join(sorted(roles_of(request.user))))))


urlpatterns = [
    *urlpatterns,
    *i18n_patterns(
        path("bench/floor/", floor_anonymous, name="bench_floor_anonymous"),
        path("bench/floor/signed-in/", floor_signed_in, name="bench_floor_signed_in"),
        prefix_default_language=True,
    ),
]
