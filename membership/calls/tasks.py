from celery import shared_task

from .privacy import anonymise_expired_nominations


@shared_task
def erase_expired_nominations() -> int:
    return anonymise_expired_nominations()
