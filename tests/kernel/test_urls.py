"""url_of_each: the URL of every row from one reverse(), the same as reversing each."""

from django.urls import reverse

from membership.kernel.urls import url_of_each


def test_each_row_gets_the_url_reverse_would_give():
    for name in ("membership:nomination_review", "membership:member_resign", "grants:grant_detail"):
        url = url_of_each(name)
        assert [url(pk) for pk in (1, 42, 10**9)] == [reverse(name, args=[pk]) for pk in (1, 42, 10**9)]
