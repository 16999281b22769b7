"""Whoosh phrases matched on word positions alone, with the same hits and scores as Whoosh's own.

Whoosh turns ``"working closely"`` into a ``SpanNear2`` over the words' term
matchers: for every page holding all the words it decodes each word's
positions *and character offsets* into ``Span`` objects and walks them pair by
pair. That was most of a phrase search's time (bench/search.py at 100,000
pages: phrase p95 3.9 times FTS5's). A phrase as the search box writes it
(``slop=1``: the words next to each other, in order) matches a page exactly
when some position ``p`` has word ``k`` at ``p + k`` for every ``k``, which is
one set intersection of decoded positions per word.

Only the test for a match changes: the matcher still walks Whoosh's
intersection of the words' matchers, so which pages are candidates, and each
match's score (the sum of its words' BM25F scores, as ``SpanNear2`` gives), are
Whoosh's own. Other slops go to Whoosh's implementation unchanged.
"""

from __future__ import annotations

from whoosh import matching, query
from whoosh.query.spans import Span, SpanNear2


class AdjacentPhrase(query.Phrase):
    """``query.Phrase`` whose matcher tests adjacency on positions (``AdjacentMatcher``) when ``slop`` is 1."""

    def matcher(self, searcher, context=None):
        if self.slop != 1 or len(self.words) < 2:
            return super().matcher(searcher, context)
        field = searcher.schema[self.fieldname] if self.fieldname in searcher.schema else None
        if field is None or not field.format or not field.format.supports("positions"):
            return super().matcher(searcher, context)  # Whoosh answers these (no match, or its error)
        reader = searcher.reader()
        terms = []
        for word in self.words:
            try:
                word = field.to_bytes(word)
            except ValueError:
                return matching.NullMatcher()
            if (self.fieldname, word) not in reader:
                return matching.NullMatcher()
            terms.append(query.Term(self.fieldname, word))
        m = AdjacentMatcher([term.matcher(searcher, context) for term in terms])
        if self.boost != 1.0:
            m = matching.WrappingMatcher(m, boost=self.boost)
        return m


class AdjacentMatcher(SpanNear2.SpanNear2Matcher):
    """``SpanNear2``'s matcher for ``slop=1, ordered=True, mindist=1`` with a faster span test."""

    def __init__(self, ms, slop=1, ordered=True, mindist=1):
        super().__init__(ms, slop=slop, ordered=ordered, mindist=mindist)

    def _get_spans(self):
        starts = set(self.ms[0].value_as("positions"))
        for k, m in enumerate(self.ms[1:], start=1):
            starts.intersection_update([position - k for position in m.value_as("positions")])
            if not starts:
                return []
        last = len(self.ms) - 1
        return [Span(start, start + last) for start in sorted(starts)]
