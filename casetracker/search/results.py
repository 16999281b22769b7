"""What every search backend takes and gives: page entries in, grouped results out."""

import hashlib
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

#: Facet names shown to users, in display order.
FACET_NAMES = ("authority", "from", "request", "type", "year")

#: Ways results can be ordered: best first, or newest document first.
SORTS = ("relevance", "date")


@dataclass(frozen=True)
class PageEntry:
    """One page of a document as the index needs it; `page` counts from 1.

    `restricted_to` is 0 (OPEN_TO_TEAM) when every member of the team may open
    the page, else the id of the one user who may (a private request's
    creator; -1 for nobody). `sender`/`recipient` are who the document is
    from and to (`from:`/`to:`), beside the request's `authority`.
    """

    document_id: int
    request_id: int | None
    request_ref: str | None
    authority: str | None
    team_id: int
    kind: str
    document_date: date | None
    page: int
    title: str
    text: str
    restricted_to: int = 0
    sender: str | None = None
    recipient: str | None = None


def document_fingerprint(entries: Iterable[PageEntry]) -> str:
    """Return a short hash of a document's entries: changes whenever any indexed value does.

    The consistency check compares it with `SearchBackend.indexed_documents()`.
    """
    digest = hashlib.sha256()
    for entry in sorted(entries, key=lambda e: e.page):
        digest.update(repr(entry).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]


@dataclass
class PageHit:
    """One page of a document: its number (from 1) and escaped HTML with <mark>ed matches."""

    page: int
    snippet_html: str


@dataclass
class DocumentHit:
    """A document that matched, with its best pages (in page order) and every matching page."""

    document_id: int
    title: str
    request_ref: str | None
    request_id: int | None
    kind: str
    pages: list[PageHit]
    score: float
    #: Numbers of all pages that matched; `pages` shows snippets for the best few.
    matched_pages: list[int] = field(default_factory=list)
    authority: str | None = None
    document_date: date | None = None
    sender: str | None = None
    recipient: str | None = None


@dataclass
class SearchResults:
    """One page of results; totals and facets count only pages the user may open."""

    query: str
    total_documents: int
    page: int
    per_page: int
    documents: list[DocumentHit]
    facets: dict[str, list[tuple[str, int]]]
    notice: str | None = None
    total_pages: int = 0
    sort: str = "relevance"

    @property
    def page_count(self) -> int:
        """Return how many result pages there are (0 when nothing matched)."""
        return math.ceil(self.total_documents / self.per_page)


def empty_facets() -> dict[str, list[tuple[str, int]]]:
    """Return the facets of a search that found nothing."""
    return {name: [] for name in FACET_NAMES}


def sorted_facet(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Order a facet's (label, documents) by count, largest first, then label; drop empty labels."""
    return sorted(((k, v) for k, v in counts.items() if k), key=lambda item: (-item[1], item[0]))
