"""Celery tasks of the ground floor, found by autodiscovery."""

from .calls.tasks import erase_expired_nominations

__all__ = ["erase_expired_nominations"]
