"""The SearchBackend interface: what the app asks of an index, whichever engine holds it.

Two engines implement it and pass one contract suite (tests/search/test_contract.py):
`index.SearchIndex` (Whoosh, the embedded default, written after the commit)
and `postgres.PostgresSearch` (PostgreSQL full-text search, written in the
data's own transaction). `documents.indexing.get_backend()` picks one from
SEARCH_BACKEND ("whoosh" | "postgres"; empty: postgres when the database is
PostgreSQL, else whoosh).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Protocol

from casetracker.search.results import PageEntry, PageHit, SearchResults

BACKENDS = ("whoosh", "postgres")


class SearchBackend(Protocol):
    """An index of document pages searched with the one query language (see query.py)."""

    #: "whoosh" or "postgres".
    name: str
    #: True when writes belong in the database transaction (before the commit),
    #: False when they must wait until it has committed.
    writes_in_transaction: bool

    def ensure(self) -> None:
        """Create an empty index if there is none."""

    def add_pages(self, entries: Iterable[PageEntry]) -> int:
        """Index pages, replacing every page already indexed for their documents; return pages added."""

    def delete_documents(self, document_ids: Iterable[int]) -> int:
        """Remove every page of these documents; return how many pages went."""

    def rebuild(self, entries: Iterable[PageEntry], *, batch_size: int = 500,
                progress: Callable[[int], None] | None = None) -> int:
        """Replace the whole index with `entries` (grouped by document); return pages indexed."""

    def check(self) -> str | None:
        """Return None if the index can be searched, else a message for an administrator."""

    def indexed_documents(self) -> dict[int, str]:
        """Return {document id: fingerprint} for every indexed document (results.document_fingerprint)."""

    def search(self, query_text: str, *, team_ids: Collection[int], viewer_id: int | None = None,
               page: int = 1, per_page: int = 10, request_id: int | None = None,
               sort: str = "relevance", counts_only: bool = False) -> SearchResults:
        """Return one page of documents matching, counting only pages `viewer_id` may open.

        With `counts_only`, only total_documents, total_pages and notice are filled in.

        Raises query.QueryTooLong, query.QueryTooBroad, storage.SearchIndexError.
        """

    def pages_of(self, document_id: int, query_text: str | None, *, team_ids: Collection[int],
                 viewer_id: int | None = None) -> list[PageHit]:
        """Return every page of one document, whole, with the query's matches marked."""

    def close(self) -> None:
        """Release anything held open."""
