"""Sign-in throttling: per network address and per account, with back-off; staff lift locks."""
