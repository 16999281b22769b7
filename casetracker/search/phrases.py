"""Whoosh phrases matched on word positions alone, with the same hits and scores as Whoosh's own.

Whoosh turns ``"working closely"`` into a ``SpanNear2`` over the words' term
matchers: for every page holding all the words it decodes each word's
positions *and character offsets* into ``Span`` objects and walks them pair by
pair. That was most of a phrase search's time (bench/search.py at 100,000
pages: phrase p95 3.9 times FTS5's). A phrase as the search box writes it
(``slop=1``: the words next to each other, in order) matches a page exactly
when some position ``p`` has word ``k`` at ``p + k`` for every ``k``, which is
one set intersection of decoded positions per word.

In each segment the words' postings are read a block at a time and their
pages intersected as sets (``listed_matches``); each match is scored as
Whoosh's matchers score it (each word's BM25F ``scorer._score(weight,
length)``, added in the order of its IntersectionMatcher tree), so hits, order
and scores are Whoosh's own (tests/search/test_phrase_matcher.py). "working closely"
at 20,000 pages: 31 -> 18 ms; a phrase ANDed with a rarer word is slower (9 ->
15 ms), since every posting of the phrase's words is read. Posting lists of
another kind, and other slops, go to ``AdjacentMatcher`` or Whoosh's own.
"""

from __future__ import annotations

from bisect import bisect_left

from whoosh import matching, query
from whoosh.query.spans import Span, SpanNear2

from casetracker.search.schema import EXACT_FIELDS


#: The fields whose phrases are read whole (``listed_matches``): what a quoted phrase in the search
#: box searches. A name's phrase (``authority:"home office"``) is mostly a filter beside a rarer
#: word, where stepping the intersection skips most of its postings (bench field p50 32 -> 59 ms
#: when it was read whole).
LISTED_FIELDS = frozenset(EXACT_FIELDS.values())


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
        ms = [term.matcher(searcher, context) for term in terms]
        if self.fieldname in LISTED_FIELDS and all(map(_readable, ms)):
            m = listed_matches(ms, field.format)
        else:
            m = AdjacentMatcher(ms)
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


def _readable(m) -> bool:
    """Whether ``m`` is a Whoosh 3 posting list read here a block at a time, with a weight-and-length scorer."""
    return (hasattr(m, "_read_values") and hasattr(m, "_next_block")
            and hasattr(getattr(m, "scorer", None), "_score") and hasattr(m.scorer, "dfl"))


def _postings(m) -> dict:
    """Return {page: (weight, value)} for every posting of a term matcher, read a block at a time."""
    found = {}
    while m.is_active():
        if m._ids is None:
            m._read_ids()
        if m._weights is None:
            m._read_weights()
        if m._values is None:
            m._read_values()
        start = m._i
        found.update(zip(m._ids[start:], zip(m._weights[start:], m._values[start:])))
        m._next_block()
    return found


def _tree_sum(values: list[float]) -> float:
    """Add scores in the order Whoosh's binary tree of IntersectionMatchers adds them (equal floats, equal order)."""
    if len(values) == 1:
        return values[0]
    half = len(values) // 2
    return _tree_sum(values[:half]) + _tree_sum(values[half:])


def listed_matches(ms, fmt) -> "ListedMatcher":
    """Match a phrase in one segment: intersect the words' postings as sets, test adjacency, score as Whoosh does.

    Whoosh's own walk steps every candidate through Python-level ``skip_to``
    calls of an IntersectionMatcher tree; reading each word's postings a block
    at a time and intersecting the pages in C is the larger part of the time
    saved. Each match's score is each word's ``scorer._score(weight, length)``
    (what ``matcher.score()`` computes) summed in the tree's order.
    """
    postings = [_postings(m) for m in ms]
    candidates = set(postings[0]).intersection(*postings[1:])
    ids, scores = [], []
    last = len(ms) - 1
    for page in sorted(candidates):
        starts = set(fmt.decode_positions(postings[0][page][1]))
        for k in range(1, last + 1):
            starts.intersection_update([p - k for p in fmt.decode_positions(postings[k][page][1])])
            if not starts:
                break
        if not starts:
            continue
        length = ms[0].scorer.dfl(page)
        ids.append(page)
        scores.append(_tree_sum([m.scorer._score(postings[k][page][0], length) for k, m in enumerate(ms)]))
    return ListedMatcher(ids, scores)


class ListedMatcher(matching.Matcher):
    """The pages of one segment that match, in order, each with its score."""

    def __init__(self, ids: list[int], scores: list[float], i: int = 0) -> None:
        self._ids, self._scores, self._i = ids, scores, i

    def is_active(self) -> bool:
        return self._i < len(self._ids)

    def id(self) -> int:
        return self._ids[self._i]

    def score(self) -> float:
        return self._scores[self._i]

    def next(self) -> None:
        self._i += 1

    def skip_to(self, target: int) -> None:
        self._i = bisect_left(self._ids, target, self._i)

    def copy(self) -> "ListedMatcher":
        return ListedMatcher(self._ids, self._scores, self._i)

    def supports_block_quality(self) -> bool:
        return False

    def spans(self) -> list[Span]:
        return []
