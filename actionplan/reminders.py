"""Remind whoever is responsible for an indicator's data that a reading is due or overdue."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from membership.models import Role, User
from membership.notifications import absolute_url, send_mail_in_language

from .models import Indicator, ReadingReminder

DUE_SOON = datetime.timedelta(days=14)


def hyte_team(today: datetime.date) -> list[User]:
    """The staff who get reminders for indicators that have no named data owner."""
    users = User.objects.filter(
        Q(role_assignments__role=Role.STAFF)
        & (Q(role_assignments__starts_on__isnull=True) | Q(role_assignments__starts_on__lte=today))
        & (Q(role_assignments__ends_on__isnull=True) | Q(role_assignments__ends_on__gte=today)),
        is_active=True,
    )
    return list(users.distinct())


@transaction.atomic
def send_reading_reminders(today: datetime.date | None = None) -> int:
    """Send one email per person listing their due and overdue readings; returns emails sent.

    Each (indicator, due date, kind) is reminded once: a row in ReadingReminder makes a second
    run, or a redelivered Celery task, send nothing new.
    """
    today = today or timezone.localdate()
    indicators = Indicator.objects.filter(
        next_reading_due__isnull=False, next_reading_due__lte=today + DUE_SOON
    ).select_related("data_owner", "measure")
    team = None
    people: dict[int, User] = {}
    grouped: dict[int, list[tuple[Indicator, str]]] = defaultdict(list)
    for indicator in indicators:
        kind = (
            ReadingReminder.Kind.OVERDUE if indicator.next_reading_due < today else ReadingReminder.Kind.DUE
        )
        if indicator.data_owner and indicator.data_owner.is_active:
            recipients = [indicator.data_owner]
        else:
            team = team if team is not None else hyte_team(today)
            recipients = team
        if not recipients:
            continue
        try:
            with transaction.atomic():
                ReadingReminder.objects.create(
                    indicator=indicator,
                    due_on=indicator.next_reading_due,
                    kind=kind,
                    sent_to=", ".join(u.email for u in recipients),
                )
        except IntegrityError:
            continue
        for user in recipients:
            people[user.pk] = user
            grouped[user.pk].append((indicator, kind))
    link = absolute_url(reverse("actionplan:reading_list"))
    for user_pk, user in people.items():
        items = grouped[user_pk]
        context = {
            "user": user,
            "due": [i for i, k in items if k == ReadingReminder.Kind.DUE],
            "overdue": [i for i, k in items if k == ReadingReminder.Kind.OVERDUE],
            "link": link,
        }
        transaction.on_commit(
            lambda u=user, c=context: send_mail_in_language(
                [u.email], "actionplan/emails/reading_reminder", c, u.preferred_language or "fi"
            )
        )
    return len(people)
