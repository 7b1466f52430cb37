#!/usr/bin/env python
import os
import secrets
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # The settings refuse to serve without SECRET_KEY; maintenance commands (migrations,
    # checks) run with a throwaway key for this process only when none is configured.
    debug = os.environ.get("DJANGO_DEBUG", "").lower() in {"1", "true", "yes", "on"}
    if not os.environ.get("SECRET_KEY") and not debug:
        os.environ["SECRET_KEY"] = "maintenance-" + secrets.token_urlsafe(48)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
