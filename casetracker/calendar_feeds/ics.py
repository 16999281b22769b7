"""Build an iCalendar feed (RFC 5545) of clocks with the ``icalendar`` library; pure, no Flask or database.

icalendar (BSD-2-Clause) is the maintained Python implementation of RFC 5545:
it folds lines, escapes text and writes VALUE=DATE for all-day events, which a
hand-made writer would have to get right by itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

PRODID = "-//casetracker//Calendar feed//EN"


@dataclass(frozen=True)
class FeedEvent:
    """One open clock as an all-day event; ``uid`` stays the same for the request and clock kind."""

    uid: str
    summary: str
    due_on: date
    description: str
    url: str
    sequence: int
    stamp: datetime


def build_calendar(name: str, events: list[FeedEvent]) -> bytes:
    """Return the .ics bytes of a calendar called ``name`` holding ``events`` (each an all-day VEVENT)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", item.stamp)
        event.add("dtstart", item.due_on)
        event.add("dtend", item.due_on + timedelta(days=1))  # all-day: DTEND is exclusive (RFC 5545 s3.6.1)
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("url", item.url)
        event.add("sequence", item.sequence)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
