"""Email in the recipient's own language, for every app of the portal."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def send_mail_in_language(
    to: Iterable[str],
    template: str,
    context: dict,
    language: str = "fi",
    attachments: Iterable[tuple[str, bytes, str]] = (),
) -> int:
    """Render `<template>_subject.txt` and `<template>_body.txt` in `language` and send.

    The subject and body are rendered inside the language so that the URLs they contain carry
    the recipient's language prefix too.
    """
    recipients = [address for address in to if address]
    if not recipients:
        return 0
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    return message.send()
