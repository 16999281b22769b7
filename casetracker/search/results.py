"""Search results grouped by document, with snippets and facet counts."""

import math
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from whoosh.searching import Searcher

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


class ColumnLookup:
    """Read a sortable field's value for any docnum of a searcher, segment by segment.

    Whoosh's MultiReader.column_reader skips segments that lack the column and
    then maps docnums to the wrong segment, so each segment is read on its own.
    """

    def __init__(self, searcher: Searcher, field_name: str) -> None:
        leaves = list(searcher.reader().leaf_readers())
        self._offsets = [offset for _, offset in leaves]
        self._columns = [
            reader.column_reader(field_name) if reader.has_column(field_name) else None
            for reader, _ in leaves
        ]

    def __getitem__(self, docnum: int):
        """Return the value, or None if no page of that segment has the field."""
        segment = bisect_right(self._offsets, docnum) - 1
        column = self._columns[segment]
        return None if column is None else column[docnum - self._offsets[segment]]


def group_by_document(
    hits: list[tuple[int, float]], searcher: Searcher
) -> dict[int, list[tuple[int, float]]]:
    """Group (docnum, score) page hits by document id, keeping the order of `hits`.

    With hits sorted best first, documents come out ordered by their best page.
    """
    document_of = ColumnLookup(searcher, "document_id")
    groups: dict[int, list[tuple[int, float]]] = {}
    for docnum, score in hits:
        groups.setdefault(document_of[docnum], []).append((docnum, score))
    return groups


def count_facets(
    groups: dict[int, list[tuple[int, float]]], searcher: Searcher
) -> dict[str, list[tuple[str, int]]]:
    """Count matching documents per authority, request, type and year.

    Each list is ordered by count, largest first, then by label; documents
    without a value (no request, no date) are not counted in that facet.
    """
    first_pages = [pages[0][0] for pages in groups.values()]
    facets = {}
    for name, field_name in FACET_FIELDS.items():
        column = ColumnLookup(searcher, field_name)
        counts = Counter(column[docnum] for docnum in first_pages)
        counts.pop("", None)
        counts.pop(None, None)
        facets[name] = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return facets
