"""The permission matrix: the exact answer of every URL pattern to every role, by GET and by POST.

Each module here has `CASES = {"namespace:name": (kwargs, GET, POST)}`, one line per URL:
- `kwargs`: None, or a function of the matrix world (tests/conftest.py `matrix_world`) returning
  the URL's kwargs; it makes the object, owned by the NGO contact's organisation or by nobody
  in particular, never by the other organisation's contact;
- `GET` and `POST`: one letter per role, in the order of `ROLES` below, e.g. "L3332222 22".
  Spaces are ignored (use them to group). A POST is sent with no data.

Letters: 2 = 200, L = 302 to sign in, R = another redirect, B = 400, U = 401, 3 = 403, 4 = 404,
5 = 405 (method not allowed), C = 409, T = 429. A 5xx never matches anything.

To add a URL, add its line. To find its letters, run the matrix with URL_MATRIX_RECORD=FILE: the
answers observed for every URL are written to FILE as table lines; read them before copying.
Admin URLs are checked by tests/url_tables/admin.py's rule, not one line each.
"""

from tests.conftest import MATRIX_ROLES as ROLES

CODES = {200: "2", 400: "B", 401: "U", 403: "3", 404: "4", 405: "5", 409: "C", 429: "T"}

__all__ = ["CODES", "ROLES"]
