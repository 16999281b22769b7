"""Open the live index for reading, and keep searchers open while the index is unchanged.

Opening a Whoosh searcher reads every segment's offset tables, and a team
filter is a pass over all of that team's pages: at 20,000 pages each costs
tens of milliseconds, more than the search itself. Both are kept in a pool
per index folder and process, shared by every SearchIndex of that folder (the
web layer may make one per request), and renewed when the index changes.
"""

import atexit
import gc
import os
import threading
import warnings
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from whoosh import index, query
from whoosh.fields import Schema
from whoosh.idsets import BitSet, DocIdSet
from whoosh.searching import Searcher

from casetracker.search.date_filter import DatedPages
from casetracker.search.schema import OPEN_TO_TEAM
from casetracker.search.stems import StemWords
from casetracker.search.storage import (
    IndexDamagedError,
    IndexFolder,
    IndexMissingError,
    MappedFileStorage,
)

T = TypeVar("T")

#: Column-backed fields read while grouping results and counting facets.
SORTABLE_FIELDS = (
    "document_id", "page", "authority", "sender", "recipient", "request_ref", "kind", "year", "document_date",
)

#: Team filters kept per searcher before they are all dropped.
MAX_CACHED_FILTERS = 64
#: Index folders whose searchers are kept open; the least recently used is closed.
MAX_POOLS = 8


def open_live(folder: IndexFolder, schema: Schema) -> tuple[Path, index.Index]:
    """Return the live generation's folder and its opened Whoosh index.

    Raises IndexMissingError or IndexDamagedError.
    """
    # A rebuild may swap generations between reading the symlink and opening
    # the files, so a failure on a generation no longer live is retried.
    for _ in range(3):
        live = folder.live()
        if live is None:
            raise IndexMissingError()
        try:
            storage = MappedFileStorage(str(live))
            return live, read_whoosh(lambda: storage.open_index(schema=schema))
        except IndexDamagedError:
            if folder.live() == live:
                raise
    raise IndexDamagedError()


def read_whoosh(action: Callable[[], T]) -> T:
    """Return action(); raise IndexDamagedError if Whoosh fails while reading the index."""
    # Whoosh raises whatever its decoders hit (struct.error, EOFError,
    # IndexError...) and leaves the files it had opened open, some inside
    # reference cycles. They are collected inside catch_warnings so they close,
    # with their ResourceWarning silenced, here rather than at a random later time.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            return action()
        except Exception:
            pass
        gc.collect()
    raise IndexDamagedError()


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

    def __getitem__(self, docnum: int) -> int | str | None:
        """Return the value, or None if no page of that segment has the field."""
        segment = bisect_right(self._offsets, docnum) - 1
        column = self._columns[segment]
        return None if column is None else column[docnum - self._offsets[segment]]


class Reading:
    """An open searcher of one generation, with its team filters and column lookups."""

    def __init__(self, searcher: Searcher, live: Path, columns: dict[str, ColumnLookup]):
        self.searcher = searcher
        self.live = live
        self._columns = columns
        self._filters: dict[tuple[frozenset[int], int | None, int | None], DocIdSet] = {}
        #: The exact words of each stem looked up so far (see stems.py).
        self.stems = StemWords(searcher.reader())
        self._dated: DatedPages | None = None

    def visible(self, team_ids: Collection[int], request_id: int | None,
                viewer_id: int | None = None) -> DocIdSet:
        """Return the docnums of pages of `team_ids` that `viewer_id` may open (and of `request_id`).

        A page restricted to one user (a private request's) is visible to that
        user only; with no viewer, to nobody. Check the set is not empty before
        passing it to Whoosh as a filter: Whoosh treats an empty filter set as
        no filter at all.
        """
        key = (frozenset(team_ids), request_id, viewer_id)
        if key not in self._filters:
            if len(self._filters) >= MAX_CACHED_FILTERS:
                self._filters.clear()
            teams = query.Or([query.Term("team_id", team) for team in sorted(key[0])])
            openers = [query.Term("restricted_to", OPEN_TO_TEAM)]
            if viewer_id is not None:
                openers.append(query.Term("restricted_to", viewer_id))
            clauses = [teams, query.Or(openers)]
            if request_id is not None:
                clauses.append(query.Term("request_id", request_id))
            self._filters[key] = BitSet(
                self.searcher.docs_for_query(query.And(clauses)), size=self.searcher.doc_count_all()
            )
        return self._filters[key]

    def dated_pages(self) -> DatedPages:
        """Return this searcher's pages ordered by date (made on first use)."""
        if self._dated is None:
            self._dated = DatedPages(self.column("document_date"), self.column("year"),
                                     self.searcher.doc_count_all())
        return self._dated

    def column(self, field_name: str) -> ColumnLookup:
        """Return the lookup of one of SORTABLE_FIELDS."""
        return self._columns[field_name]


class SearcherPool:
    """Open searchers of the live index, lent to one caller at a time.

    Whoosh searchers are not safe to share between threads, so each search
    borrows one; idle ones are kept (up to MAX_IDLE) while the index is unchanged.
    """

    MAX_IDLE = 4

    def __init__(self, folder: IndexFolder, schema: Schema) -> None:
        self._folder = folder
        self._schema = schema
        self._idle: list[Reading] = []
        self._lock = threading.Lock()

    @contextmanager
    def reading(self) -> Iterator[Reading]:
        """Lend a current Reading; raises IndexMissingError or IndexDamagedError."""
        reading = self._take_current() or self._open()
        try:
            yield reading
        except BaseException:
            reading.searcher.close()
            raise
        with self._lock:
            if len(self._idle) < self.MAX_IDLE:
                self._idle.append(reading)
                return
        reading.searcher.close()

    def close(self) -> None:
        """Close every idle searcher."""
        with self._lock:
            idle, self._idle = self._idle, []
        for reading in idle:
            reading.searcher.close()

    def _take_current(self) -> Reading | None:
        live = self._folder.live()
        while True:
            with self._lock:
                if not self._idle:
                    return None
                reading = self._idle.pop()
            if reading.live == live and _up_to_date(reading.searcher):
                return reading
            reading.searcher.close()

    def _open(self) -> Reading:
        # Whoosh's Searcher.refresh() reuses segment readers by segment id and
        # so misses deletions committed since; a fresh open does not.
        attempts = 3
        while True:
            live, ix = open_live(self._folder, self._schema)
            searcher = read_whoosh(ix.searcher)
            try:
                columns = read_whoosh(lambda: _open_files_now(searcher))
            except IndexDamagedError:
                # A commit elsewhere may have merged away a segment between
                # reading the TOC and opening its files; try the new TOC.
                searcher.close()
                attempts -= 1
                if not attempts:
                    raise
                continue
            return Reading(searcher, live, columns)


_pools: OrderedDict[tuple[int, Path], SearcherPool] = OrderedDict()
_pools_lock = threading.Lock()


def pool_for(folder: IndexFolder, schema: Schema) -> SearcherPool:
    """Return this process's pool of searchers for the index folder."""
    # The process id is in the key so a forked worker never reads through
    # file handles (and file offsets) shared with its parent.
    key = (os.getpid(), folder.path.absolute())
    with _pools_lock:
        pool = _pools.get(key)
        if pool is None:
            pool = _pools[key] = SearcherPool(folder, schema)
        _pools.move_to_end(key)
        evicted = [_pools.popitem(last=False)[1] for _ in range(len(_pools) - MAX_POOLS)]
    for old in evicted:
        old.close()
    return pool


@atexit.register
def close_all_pools() -> None:
    """Close every pooled searcher of this process."""
    with _pools_lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        pool.close()


def _up_to_date(searcher: Searcher) -> bool:
    try:
        return read_whoosh(searcher.up_to_date)
    except IndexDamagedError:
        return False


def _open_files_now(searcher: Searcher) -> dict[str, ColumnLookup]:
    # Whoosh opens column and stored-field files on first use. Segment files
    # are deleted when another process merges them away, so open them all
    # now, while this generation is still whole; open files stay readable.
    for reader, _ in searcher.reader().leaf_readers():
        if reader.doc_count_all():
            reader.stored_fields(0)
            for field_name in ("exact", "title", "title_exact", "authority_name"):
                reader.doc_field_length(0, field_name)
    return {name: ColumnLookup(searcher, name) for name in SORTABLE_FIELDS}
