"""Email in the recipient's own language, for every app of the portal.

Messages are not sent here: the email backend (django-post-office) stores them and the worker
sends them (membership/mailqueue.py). Each has a plain text and an HTML part.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def on_site(url: str) -> str:
    """The same address on the portal's public origin (SITE_URL), whatever host the request used."""
    parts = urlsplit(url)
    site = urlsplit(settings.SITE_URL)
    return urlunsplit((site.scheme, site.netloc, parts.path, parts.query, parts.fragment))


def html_part(subject: str, text: str, language: str) -> str:
    return render_to_string(
        "membership/emails/message.html", {"subject": subject, "text": text, "language": language}
    )


def send_mail_in_language(
    to: Iterable[str],
    template: str,
    context: dict,
    language: str = "fi",
    attachments: Iterable[tuple[str, bytes, str]] = (),
    headers: dict[str, str] | None = None,
) -> int:
    """Render `<template>_subject.txt` and `<template>_body.txt` in `language` and queue them.

    The subject and body are rendered inside the language so that the URLs they contain carry
    the recipient's language prefix too. Returns how many messages the backend accepted at
    once: 0 with the queue (the worker sends them), 1 with a direct backend.
    """
    recipients = [address for address in to if address]
    if not recipients:
        return 0
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
        html = html_part(subject, body, language)
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, headers=headers)
    message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    return message.send()
