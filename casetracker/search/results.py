"""Search results grouped by document, with snippets and facet counts."""

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from casetracker.search.readers import ColumnLookup

#: Gives the column lookup of a field for the searcher in use.
Columns = Callable[[str], ColumnLookup]

#: Facet name shown to users -> sortable schema field holding its label.
FACET_FIELDS = {
    "authority": "authority",
    "request": "request_ref",
    "type": "kind",
    "year": "year",
}


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


@dataclass
class SearchResults:
    """One page of results; totals and facets count documents the user's teams may see."""

    query: str
    total_documents: int
    page: int
    per_page: int
    documents: list[DocumentHit]
    facets: dict[str, list[tuple[str, int]]]
    notice: str | None = None

    @property
    def page_count(self) -> int:
        """Return how many result pages there are (0 when nothing matched)."""
        return math.ceil(self.total_documents / self.per_page)


def empty_facets() -> dict[str, list[tuple[str, int]]]:
    """Return the facets of a search that found nothing."""
    return {name: [] for name in FACET_FIELDS}


def group_by_document(
    hits: list[tuple[int, float]], column: Columns
) -> dict[int, list[tuple[int, float]]]:
    """Group (docnum, score) page hits by document id, keeping the order of `hits`.

    With hits sorted best first, documents come out ordered by their best page.
    """
    document_of = column("document_id")
    groups: dict[int, list[tuple[int, float]]] = {}
    for docnum, score in hits:
        groups.setdefault(document_of[docnum], []).append((docnum, score))
    return groups


def count_facets(
    groups: dict[int, list[tuple[int, float]]], column: Columns
) -> dict[str, list[tuple[str, int]]]:
    """Count matching documents per authority, request, type and year.

    Each list is ordered by count, largest first, then by label; documents
    without a value (no request, no date) are not counted in that facet.
    """
    first_pages = [pages[0][0] for pages in groups.values()]
    facets = {}
    for name, field_name in FACET_FIELDS.items():
        values = column(field_name)
        counts = Counter(values[docnum] for docnum in first_pages)
        counts.pop("", None)
        counts.pop(None, None)
        facets[name] = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return facets
