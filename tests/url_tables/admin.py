"""The admin site's URLs, by rule: it is configuration for administrators; nobody else gets in.

The administrator here holds the role, not superuser status (nor is_staff), so the admin site
sends every role to its own login page ("R"); only its login page answers 200.
"""

from django.urls import NoReverseMatch, reverse

EVERY_MODEL_PAGE = ("RRRRRRRRRR", "RRRRRRRRRR")
# The login page answers everyone; it lets in only staff users (is_staff), which no role here is.
SPECIAL = {"admin:login": ("2222222222", "2222222222")}
# Values for whatever a pattern takes; the admin checks who asks before it looks anything up.
KWARGS = {
    "app_label": "membership",
    "object_id": "1",
    "content_type_id": "1",
    "history_id": "1",
    "version_id": "1",
    "id": "1",
    "url": "x/",
}


def case(name: str) -> tuple[str, tuple[str, str]]:
    """The URL to ask and the expected answers."""
    expected = SPECIAL.get(name, EVERY_MODEL_PAGE)
    try:
        # django-simple-history's object history pages take positional arguments.
        return reverse(name, args=["1", "1"]), expected
    except NoReverseMatch:
        pass
    for keys in ((), ("object_id",), ("app_label",), ("content_type_id", "object_id"),
                 ("object_id", "history_id"), ("object_id", "version_id"), ("id",), ("url",)):  # fmt: skip
        kwargs = {key: KWARGS[key] for key in keys}
        try:
            return reverse(name, kwargs=kwargs), expected
        except NoReverseMatch:
            continue
    raise NoReverseMatch(name)
