"""What every app's public API (`<app>/api.py`) shares: texts in three languages, portal links,
keyset paging, strict query parameters, error answers and the cache version that publishing bumps.

Lives on the ground floor so that each app can build its own router; `config/api.py` assembles
them under /api/v1/ and `config/api_middleware.py` adds caching, ETags, CORS and the rate limit.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
import logging
import re
from collections.abc import Iterable, Sequence
from typing import Annotated
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError
from pydantic import BaseModel, BeforeValidator

from .kernel import public_cache, spreadsheets
from .kernel.spreadsheets import Column

logger = logging.getLogger(__name__)

MAX_PAGE_SIZE = 200
# The largest id a path accepts: the range of the databases' 64-bit integer keys.
MAX_ID = 2**63 - 1
DEFAULT_PAGE_SIZE = 50
# Cached answers expire even if a change was published without calling the hook.
CACHE_SECONDS = 300


# --- the cache version -----------------------------------------------------------------------


def public_api_version() -> int:
    """The current version: when the public data last changed (ms). It is part of every cached
    answer's key and gives Last-Modified; 0 when the cache is unreachable. Services bump it with
    the public pages' (`invalidate_public_pages` of membership/kernel/public_cache.py)."""
    versions = public_cache.topic_versions([public_cache.API_TOPIC])
    return versions[public_cache.API_TOPIC] // 1_000_000 if versions else 0


# --- texts and links -----------------------------------------------------------------------


class Out(BaseModel):
    """An answer's schema. Plain pydantic: ninja's Schema reads Django objects attribute by
    attribute, which the answers (built from keyword arguments) do not need and which costs time."""


class Text(Out):
    """A text in Finnish, Swedish and English; null where that language is missing."""

    fi: str | None
    sv: str | None
    en: str | None


def text(obj, stem: str) -> Text:
    return Text(**{lang: getattr(obj, f"{stem}_{lang}", "") or None for lang in ("fi", "sv", "en")})


def portal_url(name: str, *args) -> str:
    """The object's page on the portal, in Finnish (the default language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return settings.SITE_URL + reverse(name, args=args)


# --- errors ----------------------------------------------------------------------------------


class Error(Out):
    detail: str = Field(description="What was wrong, in the language of Accept-Language.")


ERRORS = {400: Error, 404: Error, 429: Error}


def not_found(what: str = "") -> HttpError:
    return HttpError(404, _("No such public object: %(what)s.") % {"what": what} if what else _("Not found."))


def bad_request(message: str) -> HttpError:
    return HttpError(400, message)


def responses(schema) -> dict:
    """The documented answers of every GET operation."""
    return {200: schema, 304: None, **ERRORS}


# --- query parameters and keyset paging ------------------------------------------------------


def _iso_date(value):
    """Only YYYY-MM-DD: pydantic alone would also read a number as a Unix time."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(_("Write the date as YYYY-MM-DD."))
    return value


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date)]


class PageParams(Schema):
    limit: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Rows per page (at most 200).")
    cursor: str | None = Field(
        None, max_length=500, description="The `next` cursor of the previous page; opaque."
    )


def check_params(request, allowed: Iterable[str]) -> None:
    """An unknown filter is an error, not silently ignored: a typo would otherwise look like data."""
    unknown = sorted(set(request.GET) - set(allowed))
    if unknown:
        raise bad_request(
            _("Unknown query parameter: %(names)s. Allowed: %(allowed)s.")
            % {"names": ", ".join(unknown), "allowed": ", ".join(sorted(allowed)) or "-"}
        )


def _bad_cursor() -> str:
    return _("The cursor is not valid: use the `next` link of a previous page.")


def _encode(values: Sequence) -> str:
    raw = json.dumps([v.isoformat() if hasattr(v, "isoformat") else v for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, size: int) -> list:
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        values = None
    if (
        not isinstance(values, list)
        or len(values) != size
        or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in values)
    ):
        raise bad_request(_bad_cursor())
    return values


def _after(fields: Sequence[str], values: list) -> Q:
    """Rows after the given key in ascending (fields) order: (a > x) or (a = x and b > y) ..."""
    condition = Q()
    for index, field in enumerate(fields):
        step = Q(**{f"{field}__gt": values[index]})
        for earlier, value in zip(fields[:index], values[:index], strict=True):
            step &= Q(**{earlier: value})
        condition |= step
    return condition


def _value(row, field: str):
    for part in field.split("__"):
        row = getattr(row, part)
    return row


def keyset(request, queryset: QuerySet, fields: Sequence[str], params: PageParams) -> tuple[list, str | None]:
    """One page in ascending order of `fields` (the last must be unique, e.g. "id"), and the
    URL of the next page. Keyset paging costs the same on the last page as on the first."""
    queryset = queryset.order_by(*fields)
    if params.cursor:
        values = _decode(params.cursor, len(fields))
        try:
            queryset = queryset.filter(_after(fields, values))
            rows = list(queryset[: params.limit + 1])
        except (ValueError, TypeError, ArithmeticError, DjangoValidationError) as error:
            raise bad_request(
                _("The cursor is not valid: use the `next` link of a previous page.")
            ) from error
    else:
        rows = list(queryset[: params.limit + 1])
    if len(rows) <= params.limit:
        return rows, None
    rows = rows[: params.limit]
    query = {key: value for key, value in request.GET.items() if key != "cursor"}
    query["cursor"] = _encode([_value(rows[-1], field) for field in fields])
    return rows, settings.SITE_URL + request.path + "?" + urlencode(query)


class PageMeta(Out):
    next: str | None = Field(description="The URL of the next page, or null on the last page.")
    limit: int


# --- files -----------------------------------------------------------------------------------

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILE_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX_TYPE}


def file_responses(description: str) -> dict:
    """The OpenAPI answer of a CSV/XLSX download (its 200 is not JSON)."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {
        "responses": {"200": {"description": description, "content": {"text/csv": binary, XLSX_TYPE: binary}}}
    }


def table_file(name: str, fmt: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """One table as a CSV or XLSX download, written by the portal's one spreadsheet module."""
    columns = [Column(header, width=max(12, len(header) + 2)) for header in headers]
    if fmt == "xlsx":
        content = spreadsheets.write_xlsx(columns, rows, title=name)
    else:
        content = spreadsheets.write_csv(columns, rows)
    response = HttpResponse(content, content_type=FILE_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
