"""History rows that django-simple-history does not write by itself.

Its signal handlers see a `save()` and take the user from the request (its middleware). A task or
a command has no request, and a set-based `.update()` sends no signal: the services name the
acting user on the instance (`remember`) or write the history rows of an update (`record_update`).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection, models
from django.utils import timezone

from . import versions

Instance = TypeVar("Instance", bound=models.Model)


def remember(instance: Instance, acting_user: AbstractBaseUser | None) -> Instance:
    """Name the acting user for the history row of the instance's next save or delete."""
    if acting_user is not None:
        instance._history_user = acting_user  # type: ignore[attr-defined]  # read by simple-history
    return instance


def record_update(
    model: type[models.Model], pks: Collection[int], *, acting_user: AbstractBaseUser | None, reason: str
) -> None:
    """The history rows ("~" changed) of rows just changed by a set-based UPDATE, by `acting_user`.

    One INSERT … SELECT copies the rows as they now are into the model's history table, so the
    cost stays a few statements whether 3 or 500 rows changed.
    """
    if not pks:
        return
    historical = model.history.model  # type: ignore[attr-defined]
    tracked = [f.column for f in historical._meta.concrete_fields if not f.name.startswith("history_")]
    extra = ["history_date", "history_type", "history_user_id", "history_change_reason"]
    quote = connection.ops.quote_name
    key = model._meta.pk.column
    assert key is not None  # a concrete model's primary key has a column
    columns = ", ".join(quote(c) for c in tracked)
    placeholders = ", ".join(["%s"] * len(pks))
    # Only names from the models' metadata go into the text; every value is a parameter.
    sql = " ".join(
        [
            f"INSERT INTO {quote(historical._meta.db_table)} ({columns}, {', '.join(extra)})",
            f"SELECT {columns}, %s, '~', %s, %s FROM {quote(model._meta.db_table)}",  # noqa: S608
            f"WHERE {quote(key)} IN ({placeholders})",
        ]
    )
    # Not told, simple-history's own rule for bulk rows: the request's user, if there is one.
    user = acting_user or historical.get_default_history_user(model())
    user_id = user.pk if user is not None else None
    with connection.cursor() as cursor:
        cursor.execute(sql, [timezone.now(), user_id, reason, *pks])
    # The UPDATE sent no signal: the copies that show these rows are retired here.
    versions.changed(*versions.topics_of(model))
