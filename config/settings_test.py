"""Settings for the test suite: the same as production's shape, with fast hashing."""

import os

os.environ.setdefault("DJANGO_TESTING", "1")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SITE_URL = "http://testserver"
POST_OFFICE = {**POST_OFFICE, "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"}}  # noqa: F405
# The suite makes far more API requests from one address than a client would.
PUBLIC_API_RATE_LIMIT = 100_000
