"""Saved searches and their alerts: "3 new pages match 'DPIA AND Wonde'" on the dashboard."""

from __future__ import annotations

from dataclasses import dataclass

from casetracker.audit.services import record_event
from casetracker.auth.models import User
from casetracker.documents.indexing import index_for_search
from casetracker.documents.models import SavedSearch
from casetracker.extensions import db
from casetracker.search.filters import compose_query, filter_argument, parse_filters
from casetracker.search.index import QueryTooBroad, QueryTooLong, SearchIndexError
from casetracker.timeutil import utcnow

#: Saved searches one user may keep (each is run for the dashboard).
MAX_SAVED = 20


class SavedSearchError(ValueError):
    """A search that cannot be saved; the message says why."""


@dataclass(frozen=True)
class Alert:
    """A saved search and how many pages match now that did not when it was last opened."""

    saved: SavedSearch
    new_pages: int
    #: Set when the search cannot run now (index missing, query refused).
    problem: str | None = None

    @property
    def label(self) -> str:
        return " ".join([self.saved.query, *self.saved.filters]).strip()

    @property
    def message(self) -> str:
        pages = "1 new page matches" if self.new_pages == 1 else f"{self.new_pages} new pages match"
        return f"{pages} '{self.label}'"


def _matching_pages(user: User, query: str, filters: list[str]) -> int:
    results = index_for_search().search(compose_query(query, parse_filters(filters)), team_ids=user.team_ids,
                                        viewer_id=user.id, per_page=1)
    return results.total_pages


def save_search(query: str, filters: list[str], *, actor: User) -> SavedSearch:
    """Keep a search for `actor`, counting its pages now so only later ones alert.

    Raises SavedSearchError for an empty or refused query, or past MAX_SAVED.
    """
    query = " ".join((query or "").split())
    filters = [filter_argument(n, v) for n, v in parse_filters(filters)]
    if not (query or filters):
        raise SavedSearchError("Give a query to save.")
    count = db.session.scalar(db.select(db.func.count(SavedSearch.id)).where(SavedSearch.user_id == actor.id))
    if count >= MAX_SAVED:
        raise SavedSearchError(f"You already keep {MAX_SAVED} saved searches; delete one first.")
    try:
        pages = _matching_pages(actor, query, filters)
    except (QueryTooLong, QueryTooBroad, SearchIndexError) as error:
        raise SavedSearchError(str(error)) from error
    saved = SavedSearch(user_id=actor.id, query=query, filters=filters, seen_pages=pages)
    db.session.add(saved)
    db.session.flush()
    record_event(actor=actor, action="search.saved", obj=saved, summary=f"Search saved: {query}"[:500],
                 after={"query": query, "filters": filters})
    return saved


def open_saved_search(saved: SavedSearch, *, actor: User) -> SavedSearch:
    """Mark a saved search seen: its pages now are no longer new."""
    saved.seen_pages = _matching_pages(actor, saved.query, saved.filters)
    saved.seen_at = utcnow()
    db.session.flush()
    return saved


def delete_saved_search(saved: SavedSearch, *, actor: User) -> None:
    """Forget a saved search."""
    record_event(actor=actor, action="search.deleted", obj=saved, summary=f"Saved search deleted: {saved.query}"[:500],
                 before={"query": saved.query, "filters": saved.filters})
    db.session.delete(saved)
    db.session.flush()


def saved_searches(user: User) -> list[SavedSearch]:
    """Return the user's saved searches, oldest first."""
    return list(db.session.scalars(db.select(SavedSearch).where(SavedSearch.user_id == user.id)
                                   .order_by(SavedSearch.id)))


def alerts_for(user: User) -> list[Alert]:
    """Return one Alert per saved search (new_pages 0 when nothing new)."""
    alerts = []
    for saved in saved_searches(user):
        try:
            now = _matching_pages(user, saved.query, saved.filters)
        except (QueryTooLong, QueryTooBroad, SearchIndexError) as error:
            alerts.append(Alert(saved, 0, str(error)))
            continue
        alerts.append(Alert(saved, max(0, now - saved.seen_pages)))
    return alerts


def get_saved_search(saved_id: int, user: User) -> SavedSearch | None:
    """Return the user's own saved search, or None (another user's is not found)."""
    saved = db.session.get(SavedSearch, saved_id)
    return saved if saved is not None and saved.user_id == user.id else None
