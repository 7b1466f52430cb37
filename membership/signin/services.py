"""Sign-in throttling that slows a password guesser down without locking the owner out.

Two limits, both checked before a password is tried:
- per network address: at most ADDRESS_FAILURES failed sign-ins in a fixed window, counted in the
  cache (with the cache down this limit lapses; the account limit still holds);
- per account (the address typed): after FREE_FAILURES failures a lock of FIRST_LOCK, doubling
  with every further failure up to LONGEST_LOCK, kept in the database.

The owner is not locked out: a browser that has signed in to the account before carries a signed
cookie and passes the account lock (a guesser elsewhere has no such cookie), a password reset lifts
the lock, a complete sign-in (password and, where set, TOTP) clears it, and staff may lift it.
"""

from __future__ import annotations

import hashlib
import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.core.signing import BadSignature
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..kernel.throttle import client_address
from ..models import SignInLock, SignInLockLift, User

logger = logging.getLogger(__name__)

FREE_FAILURES = 5
FIRST_LOCK = timedelta(minutes=1)
LONGEST_LOCK = timedelta(hours=1)
ADDRESS_FAILURES = 30
ADDRESS_WINDOW = 15 * 60
DEVICE_COOKIE = "vake_signin_device"
DEVICE_SALT = "membership.signin.device"
DEVICE_AGE = 365 * 24 * 3600
# A shared computer remembers a few accounts; the oldest falls out.
DEVICE_ACCOUNTS = 5


@dataclass(frozen=True)
class Refusal:
    until: datetime
    account: bool

    def message(self) -> str:
        now = timezone.now()
        minutes = max(1, math.ceil((self.until - now).total_seconds() / 60))
        time = formats.time_format(timezone.localtime(self.until), "TIME_FORMAT")
        wait = ngettext("in %(minutes)d minute", "in %(minutes)d minutes", minutes) % {"minutes": minutes}
        if self.account:
            return _(
                "Too many failed sign-ins to this account. You can try again at %(time)s (%(wait)s). "
                "Resetting your password lifts the lock at once."
            ) % {"time": time, "wait": wait}
        return _(
            "Too many failed sign-ins from your network address. You can try again at %(time)s (%(wait)s)."
        ) % {"time": time, "wait": wait}


def normalise(email: str) -> str:
    return (email or "").strip().lower()[:254]


def lock_duration(failures: int) -> timedelta:
    return min(FIRST_LOCK * 2 ** max(failures - FREE_FAILURES, 0), LONGEST_LOCK)


def _fingerprint(email: str) -> str:
    return hashlib.sha256(normalise(email).encode()).hexdigest()[:20]


def _device_accounts(request) -> list[str]:
    try:
        value = request.get_signed_cookie(DEVICE_COOKIE, default="", salt=DEVICE_SALT, max_age=DEVICE_AGE)
    except BadSignature:
        return []
    return [part for part in value.split(",") if part]


def is_trusted_device(request, email: str) -> bool:
    return _fingerprint(email) in _device_accounts(request)


def remember_device(request, response, email: str) -> None:
    """Mark this browser as one the account's owner signed in from."""
    accounts = [a for a in _device_accounts(request) if a != _fingerprint(email)]
    accounts = [_fingerprint(email), *accounts][:DEVICE_ACCOUNTS]
    response.set_signed_cookie(
        DEVICE_COOKIE,
        ",".join(accounts),
        salt=DEVICE_SALT,
        max_age=DEVICE_AGE,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def _address_window(request, now: datetime) -> tuple[str, datetime]:
    slot = int(now.timestamp()) // ADDRESS_WINDOW
    end = datetime.fromtimestamp((slot + 1) * ADDRESS_WINDOW, tz=timezone.get_current_timezone())
    return f"signin:address:{client_address(request)}:{slot}", end


def refusal(request, email: str) -> Refusal | None:
    """Why a sign-in to `email` from this request may not be tried now, or None."""
    now = timezone.now()
    key, end = _address_window(request, now)
    try:
        if (cache.get(key) or 0) >= ADDRESS_FAILURES:
            return Refusal(end, account=False)
    except Exception:  # noqa: BLE001 - a failing cache lifts only the address limit
        logger.warning("sign-in address limit not checked: the cache failed", exc_info=True)
    if is_trusted_device(request, email):
        return None
    lock = SignInLock.objects.filter(email=normalise(email), locked_until__gt=now).first()
    return Refusal(lock.locked_until, account=True) if lock else None


def record_failure(request, email: str) -> None:
    now = timezone.now()
    key, end = _address_window(request, now)
    try:
        if not cache.add(key, 1, timeout=int((end - now).total_seconds()) + 1):
            cache.incr(key)
    except Exception:  # noqa: BLE001
        logger.warning("sign-in failure not counted per address: the cache failed", exc_info=True)
    if is_trusted_device(request, email):
        # The owner's own mistypes on a known browser lock nobody's other devices out.
        return
    email = normalise(email)
    SignInLock.objects.get_or_create(email=email)
    with transaction.atomic():
        lock = SignInLock.objects.select_for_update().get(email=email)
        lock.failures += 1
        lock.last_failure_at = now
        lock.last_address = request.META.get("REMOTE_ADDR") or None
        if lock.failures >= FREE_FAILURES:
            lock.locked_until = now + lock_duration(lock.failures)
        lock.save()


def _lift(lock: SignInLock, reason: str, by: User | None) -> SignInLockLift:
    lifted = SignInLockLift.objects.create(
        email=lock.email, reason=reason, lifted_by=by, failures=lock.failures, locked_until=lock.locked_until
    )
    lock.delete()
    return lifted


@transaction.atomic
def clear_for_user(user: User, reason: str) -> None:
    """A complete sign-in or a password reset: the account's failures are forgotten."""
    emails = {normalise(user.email)}
    emails.update(normalise(e) for e in user.emailaddress_set.values_list("email", flat=True))
    for lock in SignInLock.objects.select_for_update().filter(email__in=emails):
        if lock.locked_until is not None:
            _lift(lock, reason, None)
        else:
            lock.delete()


@transaction.atomic
def lift(pk: int, by: User) -> SignInLockLift | None:
    """Staff lift a lock by hand; None when it was already gone."""
    lock = SignInLock.objects.select_for_update().filter(pk=pk).first()
    return _lift(lock, SignInLockLift.Reason.STAFF, by) if lock else None


def current_locks():
    return SignInLock.objects.filter(locked_until__gt=timezone.now()).order_by("-locked_until")


def on_password_reset(sender, request, user: User, **kwargs) -> None:
    clear_for_user(user, SignInLockLift.Reason.PASSWORD_RESET)
