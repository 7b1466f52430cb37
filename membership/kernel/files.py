"""Uploaded files: stored under unguessable names and served only by views that check permission.

No URL serves MEDIA_ROOT: every download goes through a view that checks the object's permission
on every request and then calls `file_response`. In production the web server may do the transfer
after that check: with `PROTECTED_FILES_ACCEL_PREFIX` set (e.g. `/protected/`, an nginx `internal`
location aliased to MEDIA_ROOT) the view answers with `X-Accel-Redirect` instead of the bytes.
"""

from __future__ import annotations

import posixpath
import secrets
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.text import get_valid_filename

# Long enough that a name cannot be guessed; short enough that the stored path fits FileField's 100.
TOKEN_BYTES = 12
NAME_LIMIT = 40


@deconstructible
class RandomPath:
    """upload_to that puts a random folder between the prefix (strftime codes allowed) and the name."""

    def __init__(self, prefix: str):
        self.prefix = prefix

    def __call__(self, instance, filename: str) -> str:
        return random_path(timezone.now().strftime(self.prefix), filename)

    def __eq__(self, other) -> bool:
        return isinstance(other, RandomPath) and other.prefix == self.prefix


def random_path(prefix: str, filename: str) -> str:
    stem, extension = posixpath.splitext(get_valid_filename(posixpath.basename(filename)) or "file")
    return f"{prefix.rstrip('/')}/{secrets.token_urlsafe(TOKEN_BYTES)}/{stem[:NAME_LIMIT]}{extension[:10]}"


def file_response(field_file, *, filename: str, content_type: str | None = None) -> HttpResponseBase:
    """The file as a download that no browser renders inline, sniffs or caches for others."""
    accel = settings.PROTECTED_FILES_ACCEL_PREFIX
    if accel:
        response: HttpResponseBase = HttpResponse(content_type=content_type or "application/octet-stream")
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + quote(field_file.name)
        response["Content-Disposition"] = _disposition(filename)
    else:
        response = FileResponse(
            field_file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _disposition(filename: str) -> str:
    ascii_name = filename.encode("ascii", "replace").decode().replace('"', "")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
