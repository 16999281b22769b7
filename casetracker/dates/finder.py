"""Find the dates written in a document's text, to suggest events for its chronology.

How: regular expressions find candidates in UK forms and give exact offsets
and the precision written; python-dateutil's ``parserinfo`` reads month names
and abbreviations ("Sept", "Feb.") and two-digit years; ``FuzzyDate`` (i.e.
``datetime.date``) rejects days that do not exist (31/02/2022).
Why not a full parser: ``dateparser.search.search_dates`` gives no offsets,
is slow on long pages and, like ``dateutil.parser.parse(fuzzy=True)``, fills a
missing day from a default ("February 2022" becomes a day of February), which
would invent a day. Numeric dates are read day first: 02/03/2022 is 2 March.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from dateutil.parser import parserinfo

from casetracker.dates.fuzzy import FuzzyDate, InvalidFuzzyDate

__all__ = ["FoundDate", "find_dates"]

_MONTH_NAMES = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
# Capitalised or upper case only, so the verb "may" and "march" are not months.
_MONTH = rf"(?P<month>(?:{_MONTH_NAMES}|{_MONTH_NAMES.upper()}))\b"
_WEEKDAY = (
    r"(?:(?:Mon|Tue(?:s)?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+(?:the\s+)?)?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
# PDF text layers sometimes carry "06-March-2020" with U+00AD as the hyphen.
_GAP = r"(?:\s+|[-\u00ad])"
_NOT_BEFORE_NUMBER = r"(?<![\w./-])"
_NOT_AFTER_NUMBER = r"(?![\w/]|[.-]\d)"

_PATTERNS_WITH_YEAR = (
    # 15 February 2022, 15th Feb. 2022, Tuesday 15 February 2022, 15th of February 2022
    re.compile(rf"{_WEEKDAY}\b{_DAY}(?:\s+of)?{_GAP}{_MONTH}\.?,?{_GAP}(?P<year>\d{{4}})\b"),
    # February 15, 2022
    re.compile(rf"{_WEEKDAY}\b{_MONTH}\.?\s+{_DAY},?\s+(?P<year>\d{{4}})\b"),
    # 15/02/2022, 15.02.2022, 15-02-2022
    re.compile(
        rf"{_NOT_BEFORE_NUMBER}(?P<day>\d{{1,2}})(?P<sep>[/.-])(?P<month>\d{{1,2}})(?P=sep)"
        rf"(?P<year>\d{{4}}){_NOT_AFTER_NUMBER}"
    ),
    # 15/02/22
    re.compile(
        rf"{_NOT_BEFORE_NUMBER}(?P<day>\d{{1,2}})/(?P<month>\d{{1,2}})/(?P<year>\d{{2}})"
        rf"{_NOT_AFTER_NUMBER}"
    ),
    # 2022-02-15 (also the date part of 2022-02-15T10:00)
    re.compile(
        rf"{_NOT_BEFORE_NUMBER}(?P<year>\d{{4}})-(?P<month>\d{{2}})-(?P<day>\d{{2}})"
        r"(?![\d/]|[.-]\d)"
    ),
    # February 2022, Feb. 2022
    re.compile(rf"\b{_MONTH}\.?,?\s+(?P<year>\d{{4}})\b"),
    # in 2016, since 2018: a bare number is a year only after such a word
    re.compile(
        r"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Uu]ntil|[Bb]efore|[Aa]fter|[Ff]rom|[Oo]f)\s+"
        r"(?P<year>(?:19|20)\d{2})\b(?![/-]\d|[.,]\d)"
    ),
)
_PATTERNS_WITHOUT_YEAR = (
    # 7 February
    re.compile(rf"{_WEEKDAY}\b{_DAY}(?:\s+of)?{_GAP}{_MONTH}"),
    # February 7
    re.compile(rf"{_WEEKDAY}\b{_MONTH}\s+{_DAY}\b(?![:.]\d)"),
)

# A sentence ends at . ! or ? (and any closing quotes) before a capital or a
# line break; a blank line also ends one, so headings stand alone.
_SENTENCE_BREAK = re.compile(
    r"[.!?]+[\"'\u2019\u201d)\]]*(?:[^\S\n]+(?=[\"'\u2018\u201c(\[]?[A-Z])|[^\S\n]*\n\s*)"
    r"|\n[^\S\n]*\n\s*"
)

_MONTHS = parserinfo()
# Longer "sentences" are run-on text without full stops; the date's line is used instead.
_LONGEST_SENTENCE = 400


@dataclass(frozen=True)
class FoundDate:
    """A date found in a text: ``text[start:end]`` are the words that give it."""

    date: FuzzyDate
    text: str
    sentence: str
    start: int
    end: int


def find_dates(text: str, *, default_year: int | None = None) -> list[FoundDate]:
    """List the dates written in ``text``, in order, each with its sentence.

    Reads "15 February 2022", "15th Feb 2022", "Tuesday 15 February 2022",
    "February 15, 2022", "15/02/2022", "15.02.2022", "15/02/22", "2022-02-15",
    "February 2022" and "Feb. 2022" (to the month only), and a year after
    "in", "since" and the like ("in 2016", to the year only). Dates that do not
    exist are skipped. "7 February" with no year is read only when the caller
    gives ``default_year`` (e.g. the year of the letter or article it is in).
    ``sentence`` is the sentence around the date, whitespace collapsed; where
    no sentence ends within 400 characters (forms, headers), the date's line.
    """
    patterns = _PATTERNS_WITH_YEAR
    if default_year is not None:
        patterns += _PATTERNS_WITHOUT_YEAR
    candidates = sorted(
        _candidates(text, patterns, default_year), key=lambda found: (found[0], -found[1])
    )
    breaks = [0] + [match.end() for match in _SENTENCE_BREAK.finditer(text)]
    dates: list[FoundDate] = []
    taken_until = 0
    for start, end, value in candidates:
        # An impossible date still claims its words, so "31 February 2022"
        # is not offered as "February 2022".
        if start < taken_until:
            continue
        taken_until = end
        if value is not None:
            sentence = _sentence(text, breaks, start, end)
            dates.append(FoundDate(value, text[start:end], sentence, start, end))
    return dates


def _candidates(
    text: str, patterns: tuple[re.Pattern[str], ...], default_year: int | None
) -> Iterator[tuple[int, int, FuzzyDate | None]]:
    """Yield ``(start, end, date)`` for every match; date is None if it does not exist."""
    for pattern in patterns:
        for match in pattern.finditer(text):
            fields = match.groupdict()
            span = match.span("year") if set(fields) == {"year"} else match.span()
            yield *span, _read(fields, default_year)


def _read(fields: dict[str, str | None], default_year: int | None) -> FuzzyDate | None:
    year_text = fields.get("year")
    if year_text is None:
        year = default_year
    elif len(year_text) == 2:
        year = _MONTHS.convertyear(int(year_text))
    else:
        year = int(year_text)
    month_text = fields.get("month")
    month = None
    if month_text is not None:
        month = int(month_text) if month_text.isdigit() else _MONTHS.month(month_text)
    day = int(fields["day"]) if fields.get("day") else None
    try:
        return FuzzyDate(year, month, day)
    except InvalidFuzzyDate:
        return None


def _sentence(text: str, breaks: list[int], start: int, end: int) -> str:
    first = breaks[bisect.bisect_right(breaks, start) - 1]
    after = bisect.bisect_left(breaks, end)
    last = breaks[after] if after < len(breaks) else len(text)
    if last - first > _LONGEST_SENTENCE:
        # Forms, headers and tables have no full stops: their line is the context.
        first = max(first, text.rfind("\n", 0, start) + 1)
        line_end = text.find("\n", end)
        last = min(last, len(text) if line_end < 0 else line_end)
    return " ".join(text[first:last].split())
