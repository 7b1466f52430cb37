"""Sign-in, sign-up, second factor and language: allauth's URLs and Django's set_language."""


def _provider(world) -> dict:
    return {"provider_id": "openid_connect"}


def _confirm_email(world) -> dict:
    return {"key": "not-a-real-key"}


def _reset_key(world) -> dict:
    return {"uidb36": "1", "key": "set-password"}


CASES = {
    "set_language": (None, "RRRRRRRRRR", "RRRRRRRRRR"),
    "account_login": (None, "2RRRRRRRRR", "2RRRRRRRRR"),
    "account_logout": (None, "R222222222", "RRRRRRRRRR"),
    "account_inactive": (None, "2222222222", "5555555555"),
    "account_signup": (None, "2RRRRRRRRR", "2RRRRRRRRR"),
    "account_reauthenticate": (None, "L222222222", "L222222222"),
    "account_email": (None, "L222222222", "LRRRRRRRRR"),
    "account_email_verification_sent": (None, "2222222222", "5555555555"),
    "account_change_password": (None, "L222222222", "L222222222"),
    "account_set_password": (None, "LRRRRRRRRR", "LRRRRRRRRR"),
    "account_reset_password": (None, "2222222222", "2222222222"),
    "account_confirm_login_code": (None, "LRRRRRRRRR", "LRRRRRRRRR"),
    "account_confirm_email": (_confirm_email, "2222222222", "4444444444"),
    "account_reset_password_from_key_done": (None, "2222222222", "5555555555"),
    "account_reset_password_from_key": (_reset_key, "2222222222", "2222222222"),
    "account_reset_password_done": (None, "2222222222", "5555555555"),
    "mfa_index": (None, "L222222222", "L555555555"),
    "mfa_authenticate": (None, "LRRRRRRRRR", "LRRRRRRRRR"),
    "mfa_reauthenticate": (None, "LRRRRRRR22", "LRRRRRRR22"),
    "mfa_activate_totp": (None, "LRRRRRRRRR", "LRRRRRRRRR"),
    "mfa_deactivate_totp": (None, "L4444444RR", "L4444444RR"),
    "mfa_view_recovery_codes": (None, "L444444444", "L555555555"),
    "mfa_generate_recovery_codes": (None, "LRRRRRRRRR", "LRRRRRRRRR"),
    "mfa_download_recovery_codes": (None, "L444444444", "L444444444"),
    "socialaccount_login_cancelled": (None, "2222222222", "5555555555"),
    "socialaccount_login_error": (None, "UUUUUUUUUU", "5555555555"),
    "socialaccount_signup": (None, "LLLLLLLLLL", "LLLLLLLLLL"),
    "socialaccount_connections": (None, "L222222222", "L222222222"),
    "openid_connect_login": (_provider, "RRRRRRRRRR", "RRRRRRRRRR"),
    "openid_connect_callback": (_provider, "RRRRRRRRRR", "RRRRRRRRRR"),
}
