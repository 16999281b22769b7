"""Run one search for a user: the search page, its CSV export and the API share it."""

from __future__ import annotations

from casetracker.auth.models import User
from casetracker.documents.indexing import index_for_search
from casetracker.documents.services import visible_hits
from casetracker.search.filters import compose_query
from casetracker.search.index import QueryTooBroad, QueryTooLong, SearchIndexError
from casetracker.search.results import SearchResults


def run_search(user: User, query: str, filters, sort: str, *, page: int,
               per_page: int) -> tuple[SearchResults | None, str | None, int]:
    """Return (results, error, status): the user's teams' pages matching ``query`` and facet ``filters``.

    A query too long or too broad is the user's to fix (400); a damaged or
    missing index is reported (503), not turned into a 500 on every search.
    """
    try:
        results = index_for_search().search(compose_query(query, filters), team_ids=user.team_ids,
                                            viewer_id=user.id, page=max(page, 1), per_page=per_page, sort=sort)
    except (QueryTooLong, QueryTooBroad) as exc:
        return None, str(exc), 400
    except SearchIndexError as exc:
        return None, str(exc), 503
    results.documents = visible_hits(results.documents, user=user)
    return results, None, 200
