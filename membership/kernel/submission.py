"""Idempotent creation: every create form carries a one-time token, and the view creates once per token.

A double click, a resent POST or two parallel POSTs of the same form create one record; the
repeat is redirected to what the first one created. The token row is inserted in the same
transaction as the record, so the second request waits for the first and then finds its row.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django import forms
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect

TOKEN_FIELD = "submission_token"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class OneTimeSubmissionMixin:
    """A create form's hidden one-time token; an unbound form gets a fresh one."""

    fields: dict[str, forms.Field]  # the form's, which this is mixed into

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[TOKEN_FIELD] = forms.CharField(
            widget=forms.HiddenInput, required=False, max_length=64, initial=new_token
        )


class _NotCreated(Exception):
    def __init__(self, response: HttpResponse):
        self.response = response


def create_once(form, create: Callable[[], HttpResponse]) -> HttpResponse:
    """Call `create` (which answers with a redirect to what it made) at most once per token."""
    from membership.models.kernel import Submission

    token = (form.cleaned_data.get(TOKEN_FIELD) or "")[:64]
    if not token:
        return create()
    done = Submission.objects.filter(token=token).values_list("result_url", flat=True).first()
    if done:
        return redirect(done)
    try:
        with transaction.atomic():
            Submission.objects.create(token=token)
            response = create()
            if response.status_code not in (301, 302, 303) or not response.get("Location"):
                raise _NotCreated(response)
            Submission.objects.filter(token=token).update(result_url=response["Location"][:500])
    except _NotCreated as refused:
        return refused.response
    except IntegrityError:
        first = Submission.objects.filter(token=token).values_list("result_url", flat=True).first()
        if first is None:
            raise
        return redirect(first)
    return response
