"""Turn the dates stored in file metadata into UK local dates."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from casetracker.timeutil import UK

# PDF 1.7 s7.9.4: D:YYYYMMDDHHmmSSOHH'mm' where everything after the year is optional; some
# producers write Z00'00' for UTC.
_PDF_DATE = re.compile(
    r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(?:([+-])(\d{2})'?(\d{2})?'?|(Z))?"
)


def uk_date(moment: datetime | date | None) -> date | None:
    """Return the UK local date of ``moment``; a naive datetime is taken as already local."""
    if moment is None:
        return None
    if isinstance(moment, datetime):
        return moment.astimezone(UK).date() if moment.tzinfo is not None else moment.date()
    return moment


def pdf_date(value: str | None) -> date | None:
    """Parse a PDF date string (``D:20200306162051+08'00'``) to a UK local date; None if unusable."""
    return uk_date(pdf_datetime(value))


def pdf_datetime(value: str | None) -> datetime | None:
    """Parse a PDF date string to an aware datetime; one without an offset is taken as UK local time."""
    match = _PDF_DATE.match((value or "").strip())
    if match is None or match.group(3) is None:
        return None  # a year or month alone would pass for a precise day
    year, month, day, hour, minute, second, sign, off_hours, off_minutes, utc = match.groups()
    try:
        moment = datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
        )
    except ValueError:
        return None
    if sign:
        offset = timedelta(hours=int(off_hours), minutes=int(off_minutes or 0))
        moment = moment.replace(tzinfo=timezone(offset if sign == "+" else -offset))
    elif utc:
        moment = moment.replace(tzinfo=timezone.utc)
    else:
        moment = moment.replace(tzinfo=UK)
    return moment
