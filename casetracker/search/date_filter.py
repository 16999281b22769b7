"""Filter pages by document date from a sorted copy of the date column, not by a range query.

Whoosh answers `date:2021` with a union of a few hundred posting lists (its
numeric range terms), built and stepped through each time the query runs, three
times per search. A date range that must hold for the whole query (`budget
date:2021`, `date:[2022-02-01 TO 2022-02-28]`) is instead taken out of the
query and turned into a set of page numbers: the open searcher keeps each
page's date sorted once, so a range is two binary searches.
"""

from array import array
from bisect import bisect_left, bisect_right

from whoosh import query
from whoosh.idsets import BitSet
from whoosh.util.times import datetime_to_long

DATE_FIELD = "document_date"


def split_date_ranges(q: query.Query) -> tuple[query.Query, list[query.NumericRange]]:
    """Return `q` without the document-date ranges every match must satisfy, and those ranges.

    Only ranges that are the query itself, or conjuncts of a top-level AND or
    of the required side of a Require (see query._require_ranges), are taken;
    ranges under OR or NOT stay in the query. What is left when only ranges
    were asked is query.Every().
    """
    if _is_date_range(q):
        return query.Every(), [q]
    if isinstance(q, query.Require):
        required = q.b.subqueries if isinstance(q.b, query.And) else [q.b]
        ranges = [r for r in required if _is_date_range(r)]
        rest = [r for r in required if not _is_date_range(r)]
        if not ranges:
            return q, []
        if not rest:
            return q.a, ranges
        return query.Require(q.a, rest[0] if len(rest) == 1 else query.And(rest)), ranges
    if isinstance(q, query.And):
        ranges = [r for r in q.subqueries if _is_date_range(r)]
        rest = [r for r in q.subqueries if not _is_date_range(r)]
        if not ranges:
            return q, []
        if not rest:
            return query.Every(), ranges
        return (rest[0] if len(rest) == 1 else query.And(rest, boost=q.boost)), ranges
    return q, []


class DatedPages:
    """The dated pages of one open searcher, ordered by date, for range lookups."""

    def __init__(self, date_of, year_of, doc_count: int) -> None:
        # year is "" for an undated page; the date column cannot tell it from a real date.
        pairs = sorted((datetime_to_long(date_of[d]), d) for d in range(doc_count) if year_of[d])
        self._dates = [value for value, _ in pairs]
        self._docnums = [docnum for _, docnum in pairs]
        self._size = doc_count

    def within(self, ranges: list[query.NumericRange]) -> int:
        """Return the pages whose date is inside every range, as an int whose bit n is page n."""
        found = None
        for r in ranges:
            lo = 0 if r.start is None else (
                bisect_right(self._dates, r.start) if r.startexcl else bisect_left(self._dates, r.start))
            hi = len(self._dates) if r.end is None else (
                bisect_left(self._dates, r.end) if r.endexcl else bisect_right(self._dates, r.end))
            bits = bytearray(self._size // 8 + 1)
            for docnum in self._docnums[lo:hi]:
                bits[docnum >> 3] |= 1 << (docnum & 7)
            pages = int.from_bytes(bits, "little")
            found = pages if found is None else found & pages
        return found or 0

    def restrict(self, visible: BitSet, ranges: list[query.NumericRange]) -> BitSet | None:
        """Return the pages of `visible` whose date is inside every range; None when there are none.

        Whoosh's BitSet adds page by page and intersects byte by byte in Python
        (at 100,000 pages most of a `date:` search); here each set is an int
        (BitSet's bytes read little-endian: bit n is page n), so the
        intersection is one C operation.
        """
        both = int.from_bytes(visible.bits.tobytes(), "little") & self.within(ranges)
        if not both:
            return None
        out = BitSet()
        out.bits = array("B", both.to_bytes(len(visible.bits), "little"))
        return out


def _is_date_range(q: query.Query) -> bool:
    return isinstance(q, query.NumericRange) and q.fieldname == DATE_FIELD
