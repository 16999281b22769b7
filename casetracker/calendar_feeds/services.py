"""Create and reset feed links, keep each clock's SEQUENCE, and gather a feed's open clocks."""

from __future__ import annotations

import secrets
from datetime import date, timezone

from sqlalchemy import select

from casetracker.audit.services import record_event
from casetracker.auth.models import Team, User
from casetracker.calendar_feeds.ics import FeedEvent, build_calendar
from casetracker.calendar_feeds.models import CalendarFeed, CalendarSequence
from casetracker.extensions import db
from casetracker.info_requests.clock_models import RequestClock
from casetracker.info_requests.clocks import ClockState
from casetracker.info_requests.constants import RequestStatus, Visibility
from casetracker.info_requests.models import InfoRequest
from casetracker.info_requests.services import visible_requests_query
from casetracker.timeutil import utcnow

__all__ = ["find_feed", "feed_for", "feed_by_token", "feed_ics", "note_moved_clocks", "reset_feed"]


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def find_feed(*, user: User | None = None, team: Team | None = None) -> CalendarFeed | None:
    """Return the user's own feed (``team`` None) or the team's feed (``user`` None), if it exists."""
    return db.session.scalar(select(CalendarFeed).where(
        CalendarFeed.user_id == user.id if user else CalendarFeed.user_id.is_(None),
        CalendarFeed.team_id == team.id if team else CalendarFeed.team_id.is_(None)))


def feed_for(*, user: User | None = None, team: Team | None = None, actor: User | None) -> CalendarFeed:
    """Return the user's (or the team's) feed, creating it with a fresh token on first use. Flushes."""
    feed = find_feed(user=user, team=team)
    if feed is None:
        feed = CalendarFeed(user_id=user.id if user else None, team_id=team.id if team else None,
                            token=_new_token(), created_by_id=getattr(actor, "id", None))
        db.session.add(feed)
        db.session.flush()
        record_event(actor=actor, action="calendar.feed_created", obj=feed, team_id=feed.team_id,
                     summary=f"Calendar feed created for {user.email if user else 'team ' + team.name}")
    return feed


def reset_feed(feed: CalendarFeed, *, actor: User | None) -> CalendarFeed:
    """Give the feed a new token: the old URL answers 404 from now on. Flushes, never commits."""
    feed.token = _new_token()
    db.session.flush()
    record_event(actor=actor, action="calendar.feed_reset", obj=feed, team_id=feed.team_id,
                 summary="Calendar feed link reset; the old link no longer works")
    return feed


def feed_by_token(token: str) -> CalendarFeed | None:
    """Return the feed whose current token is ``token``, or None (unknown or reset)."""
    if not token or len(token) > 64:
        return None
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.token == token))
    if feed is not None and feed.user_id is not None and not db.session.get(User, feed.user_id).active:
        return None  # a deactivated account's feed stops with its log-in
    return feed


def note_moved_clocks(request_id: int, moved: list[tuple[str, str, date | None, date | None]]) -> None:
    """Bump the SEQUENCE of each clock whose due date moved (RFC 5545 s3.8.7.4); called by ``refresh_clocks``."""
    for name, _label, old, new in moved:
        if old is None or new is None:
            continue
        row = db.session.get(CalendarSequence, (request_id, name))
        if row is None:
            db.session.add(CalendarSequence(request_id=request_id, clock=name, sequence=1, due_on=new))
        elif row.due_on != new:
            row.sequence, row.due_on, row.updated_at = row.sequence + 1, new, utcnow()
    db.session.flush()


def _open_clocks(feed: CalendarFeed):
    """Return (request, clock) pairs of the feed's open clocks: the owner's visible requests, or the team's."""
    if feed.user_id is not None:
        query = visible_requests_query(db.session.get(User, feed.user_id))
    else:
        query = select(InfoRequest).where(InfoRequest.team_id == feed.team_id,
                                          InfoRequest.visibility == Visibility.TEAM)
    query = (query.where(InfoRequest.status != RequestStatus.CLOSED)
             .join(RequestClock, RequestClock.request_id == InfoRequest.id)
             .where(RequestClock.state == ClockState.OPEN.value)
             .add_columns(RequestClock).order_by(RequestClock.due_on, InfoRequest.id, RequestClock.position))
    return list(db.session.execute(query))


def feed_ics(feed: CalendarFeed, *, link_for, host: str) -> bytes:
    """Return the feed as .ics bytes; ``link_for(request_id)`` gives each request page's absolute URL."""
    rows = _open_clocks(feed)
    ids = {r.id for r, _c in rows}
    sequences = {(s.request_id, s.clock): s.sequence for s in db.session.scalars(
        select(CalendarSequence).where(CalendarSequence.request_id.in_(ids)))} if ids else {}
    events = []
    for info_request, clock in rows:
        url = link_for(info_request.id)
        events.append(FeedEvent(
            uid=f"{info_request.id}-{clock.name}@{host}",
            summary=f"{clock.label}: {info_request.reference} {info_request.title}",
            due_on=clock.due_on,
            description=f"{clock.explanation}\n\n{info_request.authority.name}\n{url}",
            url=url, sequence=sequences.get((info_request.id, clock.name), 0),
            stamp=clock.computed_at if clock.computed_at.tzinfo else clock.computed_at.replace(tzinfo=timezone.utc),
        ))
    if feed.user_id is not None:
        name = f"casetracker: {db.session.get(User, feed.user_id).display_name}"
    else:
        name = f"casetracker: {db.session.get(Team, feed.team_id).name}"
    return build_calendar(name, events)
