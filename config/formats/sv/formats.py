"""Swedish as written in Finland: day before month and a period in the time (14.00), as in Finnish
(Django's sv formats are Sweden's: ISO dates and 14:00)."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "G.i"
DATETIME_FORMAT = r"j F Y \k\l. G.i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y G.i"
FIRST_DAY_OF_WEEK = 1
# Django adds the ISO forms (what <input type="date|time"> sends) to each of these.
DATE_INPUT_FORMATS = ["%d.%m.%Y"]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H.%M", "%d.%m.%Y %H:%M"]
TIME_INPUT_FORMATS = ["%H.%M", "%H.%M.%S"]
