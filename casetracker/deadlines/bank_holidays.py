"""Bank holidays of each calendar, read from the ``holidays`` package and cached per year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays
from dateutil.easter import easter

from casetracker.deadlines.constants import CalendarName

#: ``holidays`` subdivision code of each nation, in the order nations are listed.
NATIONS: dict[str, str] = {
    "ENG": "England",
    "WLS": "Wales",
    "SCT": "Scotland",
    "NIR": "Northern Ireland",
}

#: The nations whose bank holidays each calendar excludes. ``holidays.UK()`` alone
#: gives only the days common to all nations, so the union is built from these.
CALENDAR_SUBDIVISIONS: dict[CalendarName, tuple[str, ...]] = {
    CalendarName.UK: ("ENG", "WLS", "SCT", "NIR"),
    CalendarName.SCOTLAND: ("SCT",),
    CalendarName.ENGLAND_WALES: ("ENG", "WLS"),
    CalendarName.NORTHERN_IRELAND: ("NIR",),
}

_GB = holidays.country_holidays("GB")
#: The years the ``holidays`` package has UK data for.
FIRST_YEAR: int = max(_GB.start_year, date.min.year + 1)
LAST_YEAR: int = min(_GB.end_year, date.max.year - 1)


@dataclass(frozen=True, slots=True)
class Holiday:
    """A day that is not a working day in at least one nation of a calendar.

    ``name`` may join several names with "; " (2 January 2023 was both the
    substitute New Year's Day and Scotland's New Year Holiday); then each name
    that only some of ``nations`` keep carries its nations in brackets.
    ``nations`` is empty for a day an admin added (a short-notice proclamation).
    """

    date: date
    name: str
    nations: tuple[str, ...]


def calendar_nations(calendar: CalendarName) -> tuple[str, ...]:
    """Return the names of the nations whose bank holidays ``calendar`` excludes."""
    return tuple(NATIONS[code] for code in CALENDAR_SUBDIVISIONS[calendar])


def _statutory_days(year: int) -> dict[date, str]:
    """Return Christmas Day and Good Friday, named by FOIA 2000 s10(6) whatever the data says."""
    return {
        date(year, 12, 25): "Christmas Day",
        easter(year) - timedelta(days=2): "Good Friday",
    }


@lru_cache(maxsize=1024)
def holidays_in_year(calendar: CalendarName, year: int) -> tuple[Holiday, ...]:
    """Return ``year``'s bank holidays of every nation of ``calendar``, one per date, by date.

    Weekend dates are included (their substitute days are separate entries).
    Source: the ``holidays`` package (Banking and Financial Dealings Act 1971
    and royal proclamations, one-off days included), plus Christmas Day and Good
    Friday (FOIA 2000 s10(6); FOISA 2002 s73 names Christmas Day).
    """
    names_by_date: dict[date, dict[str, list[str]]] = {}
    for code in CALENDAR_SUBDIVISIONS[calendar]:
        data = holidays.country_holidays("GB", subdiv=code, years=year)
        for day in sorted(data):
            for name in data.get_list(day):
                names_by_date.setdefault(day, {}).setdefault(name, []).append(NATIONS[code])
    all_nations = list(calendar_nations(calendar))
    for day, name in _statutory_days(year).items():
        if day not in names_by_date:
            names_by_date[day] = {name: all_nations}
    return tuple(_merge(day, names_by_date[day]) for day in sorted(names_by_date))


def _merge(day: date, names: dict[str, list[str]]) -> Holiday:
    """Return one ``Holiday`` for ``day`` from its names and the nations keeping each."""
    nations = tuple(n for n in NATIONS.values() if any(n in kept for kept in names.values()))
    parts = []
    for name, kept in names.items():
        if len(names) > 1 and len(kept) != len(nations):
            parts.append(f"{name} ({', '.join(kept)})")
        else:
            parts.append(name)
    return Holiday(day, "; ".join(parts), nations)


def clear_holiday_cache() -> None:
    """Forget the cached holiday data (benchmarks compare the uncached cost)."""
    holidays_in_year.cache_clear()
