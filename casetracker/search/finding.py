"""Run a query on a Whoosh searcher within a budget: matching pages, totals, facets, top documents.

Only the pages on the result page are scored for snippets; totals and facets
come from an unscored pass over the matching page numbers and the sortable
columns, and the order of documents from Whoosh's top-k collector (whose
block-max skipping needs a limit), widened only when the top pages do not
cover enough documents. Nothing asks Whoosh for `limit=None`.
"""

from collections import Counter
from dataclasses import dataclass, field

from whoosh import collectors, query
from whoosh.idsets import BitSet, DocIdSet
from whoosh.searching import Searcher

from casetracker.search.query import Budget
from casetracker.search.readers import Reading
from casetracker.search.results import sorted_facet

#: Facet name shown to users -> sortable schema field holding its label.
FACET_FIELDS = {
    "authority": "authority",
    "from": "sender",
    "request": "request_ref",
    "type": "kind",
    "year": "year",
}


@dataclass
class Matches:
    """Every page that matched and the user may open, grouped by document id (docnums ascending)."""

    groups: dict[int, list[int]]
    #: Each matching page's score when the search asked for them (relevance order), else empty.
    scores: dict[int, float] = field(default_factory=dict)

    @property
    def page_count(self) -> int:
        return sum(len(pages) for pages in self.groups.values())


def matching_pages(searcher: Searcher, q: query.Query, visible: DocIdSet, reading: Reading,
                   budget: Budget, *, scored: bool = False) -> Matches:
    """Return the visible pages matching `q`; QueryTooBroad past the time budget.

    With `scored`, each page's score is kept as it streams by, so ordering and
    the best pages need no second and third pass over the matches: every match
    is visited for the totals anyway, and Whoosh's top-k skipping saves little
    once it is (measured: phrase and range queries spent two thirds of their
    time in those passes).
    """
    document_of = reading.column("document_id")
    groups: dict[int, list[int]] = {}
    if isinstance(q, query.Every):  # only a filter was asked (see date_filter.py)
        for docnum in visible:
            groups.setdefault(document_of[docnum], []).append(docnum)
        return Matches(groups)
    # A scoring context: Whoosh's Require matcher asserts under boolean_context().
    context = searcher.context()
    scores: dict[int, float] = {}
    words = None if scored else _words_of_union(q)
    if words is not None:
        # A bare word (its stem's exact words OR the title's): the union of each
        # word's page numbers, read a block of postings at a time.
        for subsearcher, offset in searcher.leaf_searchers():
            found: set[int] = set()
            for word in words:
                found.update(word.matcher(subsearcher, context).all_ids())
            budget.check_time()
            for sub_docnum in sorted(found):
                docnum = sub_docnum + offset
                if docnum in visible:
                    groups.setdefault(document_of[docnum], []).append(docnum)
        return Matches(groups)
    for subsearcher, offset in searcher.leaf_searchers():
        matcher = q.matcher(subsearcher, context)
        seen = 0
        while matcher.is_active():
            docnum = matcher.id() + offset
            if docnum in visible:
                groups.setdefault(document_of[docnum], []).append(docnum)
                if scored:
                    scores[docnum] = matcher.score()
            seen += 1
            if seen % 1024 == 0:
                budget.check_time()
            matcher.next()
        budget.check_time()
    return Matches(groups, scores)


def count_facets(matches: Matches, reading: Reading) -> dict[str, list[tuple[str, int]]]:
    """Count matching documents per authority, sender, request, type and year.

    Each list is ordered by count, largest first, then by label; documents
    without a value (no request, no date) are not counted in that facet.
    """
    first_pages = [pages[0] for pages in matches.groups.values()]
    facets = {}
    for name, field_name in FACET_FIELDS.items():
        values = reading.column(field_name)
        facets[name] = sorted_facet(Counter(values[docnum] for docnum in first_pages))
    return facets


def ordered_documents(searcher: Searcher, q: query.Query, matches: Matches, visible: DocIdSet,
                      reading: Reading, *, wanted: int, sort: str, budget: Budget) -> list[int]:
    """Return at least `wanted` document ids (or all), best first or newest first."""
    if sort == "date":
        date_of = reading.column("document_date")

        year_of = reading.column("year")  # "" when undated; the date column cannot say so
        firsts = [(pages[0], document_id) for document_id, pages in matches.groups.items()]
        newest = sorted(((date_of[d].toordinal(), i) for d, i in firsts if year_of[d]),
                        key=lambda item: (-item[0], item[1]))
        undated = sorted(i for d, i in firsts if not year_of[d])
        return [i for _, i in newest] + undated
    if isinstance(q, query.Every):  # every page scores the same: first indexed first
        return list(matches.groups)
    if matches.scores:  # best page first, ties to the first indexed, as Whoosh's top-k collector orders them
        scores = matches.scores
        best = {i: min(pages, key=lambda d: (-scores[d], d)) for i, pages in matches.groups.items()}
        return sorted(best, key=lambda i: (-scores[best[i]], best[i]))
    total_pages = matches.page_count
    limit = max(50, 2 * wanted)
    while True:
        order: dict[int, None] = {}
        document_of = reading.column("document_id")
        for docnum, _ in top_pages(searcher, q, visible, limit, budget):
            order.setdefault(document_of[docnum], None)
        if len(order) >= wanted or limit >= total_pages:
            return list(order)
        limit *= 4


def top_pages(searcher: Searcher, q: query.Query, pages: DocIdSet, limit: int,
              budget: Budget) -> list[tuple[int, float]]:
    """Return the best `limit` (docnum, score) pairs among `pages`, best first."""
    # Block-max skipping ("quality") trips an assertion in Whoosh's
    # intersection matcher under Require (date ranges, see query._require_ranges).
    quality = not any(isinstance(node, query.Require) for node in _nodes(q))
    collector = _AllowedWithinBudget(collectors.TopCollector(limit=limit, usequality=quality), pages, budget)
    searcher.search_with_collector(q, collector)
    return list(collector.results().items())


class _AllowedWithinBudget(collectors.WrappingCollector):
    """Collect only allowed docnums, checking the time budget as matches stream by.

    (Whoosh's FilterCollector and TimeLimitCollector cannot be stacked: the
    outer one's loop bypasses the inner one's filtering.)
    """

    def __init__(self, child, allow: DocIdSet, budget: Budget) -> None:
        super().__init__(child)
        self.allow = allow
        self.budget = budget

    def collect_matches(self) -> None:
        child, allow, offset = self.child, self.allow, self.offset
        for seen, sub_docnum in enumerate(child.matches(), start=1):
            if offset + sub_docnum in allow:
                child.collect(sub_docnum)
            if seen % 512 == 0:
                self.budget.check_time()


def best_pages(searcher: Searcher, q: query.Query, matches: Matches, document_ids: list[int],
               budget: Budget) -> dict[int, list[tuple[int, float]]]:
    """Return each document's matching pages as (docnum, score), best first."""
    docnums = [docnum for document_id in document_ids for docnum in matches.groups[document_id]]
    if not docnums:
        return {}
    if isinstance(q, query.Every):
        scored = dict.fromkeys(docnums, 1.0)
    elif matches.scores:
        scored = matches.scores
    else:
        shown = BitSet(docnums, size=searcher.doc_count_all())
        scored = dict(top_pages(searcher, q, shown, len(docnums), budget))
    result = {}
    for document_id in document_ids:
        pages = [(docnum, scored.get(docnum, 0.0)) for docnum in matches.groups[document_id]]
        pages.sort(key=lambda item: (-item[1], item[0]))
        result[document_id] = pages
    return result



def _words_of_union(q: query.Query) -> list[query.Term] | None:
    """Return the terms of a query made only of terms joined by OR, else None."""
    if isinstance(q, query.Term):
        return [q]
    if isinstance(q, query.Or):
        words = []
        for sub in q.subqueries:
            found = _words_of_union(sub)
            if found is None:
                return None
            words += found
        return words
    return None


def _nodes(q: query.Query):
    yield q
    if not q.is_leaf():
        for child in q.children():
            yield from _nodes(child)
