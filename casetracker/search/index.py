"""The Whoosh search index of document pages: write, rebuild, check and search it.

Whoosh's traps and how this module avoids them:
- a second writer gets LockError: writers wait up to `writer_timeout` for the
  lock, then raise IndexBusyError (a SearchIndexError), never LockError;
- background writers lose writes at exit: every write commits synchronously;
- a crash mid-commit can break the index: `rebuild` builds a new generation
  beside the live one and swaps a symlink atomically, and `check` reports damage;
- highlighting gives up on long texts: snippets read match offsets from the
  postings (see snippets.py), with no character limit;
- a compound segment is copied whole into memory each time a searcher opens
  it: segments are written as separate files (compound=False), and open
  searchers are pooled while the index is unchanged (see readers.py).
"""

from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from time import monotonic

from whoosh import index, query
from whoosh.codec.whoosh3 import W3Codec
from whoosh.index import LockError
from whoosh.searching import Searcher
from whoosh.writing import SegmentWriter

from casetracker.search.date_filter import split_date_ranges
from casetracker.search.finding import (
    best_pages,
    count_facets,
    matching_pages,
    ordered_documents,
)
from casetracker.search.query import (
    PLAIN_WORDS_NOTICE,
    Budget,
    ParsedQuery,
    QueryTooBroad,
    QueryTooLong,
    expand_bounded,
    make_parser,
    parse_query,
    plain_words_query,
    thread_parser,
)
from casetracker.search.readers import open_live, pool_for, read_whoosh
from casetracker.search.results import (
    SORTS,
    DocumentHit,
    PageEntry,
    PageHit,
    SearchResults,
    document_fingerprint,
    empty_facets,
)
from casetracker.search.schema import query_schema, shared_schema
from casetracker.search.snippets import whole_page_html
from casetracker.search.whoosh_fields import fingerprinted, page_fields
from casetracker.search.whoosh_hits import PAGES_SHOWN, document_hits, page_offsets
from casetracker.search.storage import IndexBusyError, IndexFolder, SearchIndexError

__all__ = [
    "DocumentHit",
    "IndexBusyError",
    "PageEntry",
    "PageHit",
    "QueryTooBroad",
    "QueryTooLong",
    "SearchIndex",
    "SearchIndexError",
    "SearchResults",
]

#: Most documents on one page of results.
MAX_PER_PAGE = 100
#: Memory a rebuild's writer may use for postings before spilling them to disk
#: (Whoosh's estimate, about twice what the postings take): above what
#: SEGMENT_PAGES pages need, so a rebuild writes no temporary files.
WRITER_MEMORY_MB = 1024
#: Pages per segment written by a rebuild.
SEGMENT_PAGES = 10_000
#: Whether a rebuild's segments record each posting block's shortest and longest page.
LENGTH_STATS = False


def _make_query_parser():
    return make_parser(query_schema())


class SearchIndex:
    """The index under `path` (in the instance folder); safe across processes.

    The Whoosh SearchBackend (see backend.py): written after the database commits.
    """

    name = "whoosh"
    writes_in_transaction = False

    def __init__(self, path: Path, *, writer_timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.writer_timeout = writer_timeout
        self._folder = IndexFolder(self.path)
        self._schema = shared_schema()
        self._parser = thread_parser(_make_query_parser)
        self._readers = pool_for(self._folder, self._schema)

    def ensure(self) -> None:
        """Create an empty index if there is none; leave an existing one alone."""
        with self._folder.locked(exclusive=True, timeout=self.writer_timeout):
            if self._folder.live() is None:
                generation = self._folder.new_generation()
                index.create_in(generation, self._schema)
                self._folder.publish(generation)

    def add_pages(self, entries: Iterable[PageEntry]) -> int:
        """Index pages, replacing every page already indexed for their documents.

        Commits before returning. Returns the number of pages added. Raises
        IndexBusyError after `writer_timeout` seconds of waiting, SearchIndexError
        if the index is missing or damaged.
        """
        entries = list(entries)
        if not entries:
            return 0
        by_document: dict[int, list[PageEntry]] = {}
        for entry in entries:
            by_document.setdefault(entry.document_id, []).append(entry)
        with self._writer() as writer:
            for document_id in sorted(by_document):
                writer.delete_by_term("document_id", document_id)
            for pages in by_document.values():
                fingerprint = document_fingerprint(pages)
                for entry in pages:
                    writer.add_document(**page_fields(entry, fingerprint))
        return len(entries)

    def delete_documents(self, document_ids: Iterable[int]) -> int:
        """Remove every page of these documents; return how many pages went."""
        document_ids = sorted(set(document_ids))
        if not document_ids:
            return 0
        with self._writer() as writer:
            return sum(writer.delete_by_term("document_id", i) for i in document_ids)

    def rebuild(
        self,
        entries: Iterable[PageEntry],
        *,
        batch_size: int = 500,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Build a fresh index from `entries` and swap it in; return the pages indexed.

        Calls `progress(pages_so_far)` every `batch_size` pages and at the end.
        Each SEGMENT_PAGES pages are sorted in memory and written as their own
        segment, never merged: spilling postings to temporary runs (pickled,
        then read back and merged) was a third of the CPU and 4 GB of temporary
        files at 100,000 pages. Memory stays bounded: past WRITER_MEMORY_MB a
        writer still spills. (Committing every `batch_size` pages with merging
        was measured 1.6 times slower, and buys no safety: a failed build is
        thrown away.)
        The live index serves searches until the swap; writers wait (up to
        `writer_timeout`) until it is done. On any failure the new generation is
        deleted and the live index is untouched.
        """
        total = 0
        with self._folder.locked(exclusive=True, timeout=self.writer_timeout):
            self._folder.sweep()
            generation = self._folder.new_generation()
            try:
                ix = index.create_in(generation, self._schema)
                writer = None
                try:
                    for total, (entry, fingerprint) in enumerate(fingerprinted(entries), start=1):
                        if writer is None:
                            writer = _rebuild_writer(ix)
                        writer.add_document(**page_fields(entry, fingerprint))
                        if total % SEGMENT_PAGES == 0:
                            writer.commit(merge=False)
                            writer = None
                        if progress is not None and total % batch_size == 0:
                            progress(total)
                except BaseException:
                    if writer is not None:
                        writer.cancel()
                    raise
                if writer is not None:
                    writer.commit(merge=False)
                if progress is not None and total % batch_size:
                    progress(total)
                self._folder.publish(generation)
            except BaseException:
                self._folder.sweep()
                raise
            self._folder.sweep()
        return total

    def check(self) -> str | None:
        """Return None if the index can be searched, else a message for an administrator."""
        try:
            _, ix = open_live(self._folder, self._schema)
            with read_whoosh(ix.searcher) as searcher:
                read_whoosh(lambda: _read_one_page(searcher))
        except SearchIndexError as error:
            return str(error)
        return None

    def indexed_documents(self) -> dict[int, str]:
        """Return {document id: fingerprint} of every document in the index (see document_fingerprint)."""
        with self._readers.reading() as reading:
            searcher = reading.searcher
            document_of = reading.column("document_id")
            found: dict[int, str] = {}
            for docnum in searcher.reader().all_doc_ids():
                document_id = document_of[docnum]
                if document_id not in found:
                    found[document_id] = searcher.stored_fields(docnum).get("fingerprint", "")
            return found

    def search(
        self,
        query_text: str,
        *,
        team_ids: Collection[int],
        viewer_id: int | None = None,
        page: int = 1,
        per_page: int = 10,
        request_id: int | None = None,
        sort: str = "relevance",
        counts_only: bool = False,
    ) -> SearchResults:
        """Find documents whose pages match, best first (or newest first), only pages the viewer may open.

        Only `team_ids`' pages count, and of those restricted to one user only
        `viewer_id`'s (issue 10: totals and facets count what the user can
        open). With `counts_only` only the totals are filled in (batch search). `page` counts from 1; `per_page` is clamped to 1..MAX_PER_PAGE.
        Raises QueryTooLong, QueryTooBroad (too many expanded words or over
        the time budget), and SearchIndexError if the index is missing or damaged.
        """
        parsed = parse_query(query_text, self._parser)
        page = max(1, page)
        per_page = min(max(1, per_page), MAX_PER_PAGE)
        sort = sort if sort in SORTS else "relevance"
        results = SearchResults(
            query_text, 0, page, per_page, [], empty_facets(), parsed.notice, sort=sort
        )
        if not team_ids or parsed.query == query.NullQuery:
            return results
        budget = Budget()
        with self._readers.reading() as reading:
            searcher = reading.searcher
            visible = reading.visible(team_ids, request_id, viewer_id)
            if not visible:
                # Whoosh takes an empty filter set for "no filter" and would
                # show every team's pages.
                return results
            try:
                q = expand_bounded(parsed.query, searcher.reader(), budget, reading.stems).normalize()
                q, date_ranges = split_date_ranges(q)
                if date_ranges:
                    visible = reading.dated_pages().restrict(visible, date_ranges)
                    if visible is None:
                        return results
                matches = matching_pages(searcher, q, visible, reading, budget,
                                         scored=sort == "relevance" and not counts_only)
            except QueryTooBroad:
                raise
            except Exception:  # Whoosh's field parsers fail late (e.g. `date:""`): search the words
                parsed = ParsedQuery(plain_words_query(query_text, self._parser.schema), PLAIN_WORDS_NOTICE)
                results.notice = parsed.notice
                q = expand_bounded(parsed.query, searcher.reader(), budget, reading.stems)
                matches = matching_pages(searcher, q, visible, reading, budget)
            results.total_documents = len(matches.groups)
            results.total_pages = matches.page_count
            if not matches.groups or counts_only:
                return results
            results.facets = count_facets(matches, reading)
            start = (page - 1) * per_page
            order = ordered_documents(searcher, q, matches, visible, reading,
                                      wanted=start + per_page, sort=sort, budget=budget)
            shown = order[start : start + per_page]
            scored = best_pages(searcher, q, matches, shown, budget)
            results.documents = document_hits(searcher, reading, q, matches,
                                                    [(i, scored[i]) for i in shown])
        return results

    def pages_of(
        self, document_id: int, query_text: str | None, *, team_ids: Collection[int],
        viewer_id: int | None = None,
    ) -> list[PageHit]:
        """Return every page of a document in order, whole, with the query's words marked.

        Returns [] if the document is not indexed, belongs to none of
        `team_ids` or is restricted to another user than `viewer_id`. Raises
        QueryTooLong, QueryTooBroad, and SearchIndexError as `search` does.
        """
        parsed = parse_query(query_text or "", self._parser)
        if not team_ids:
            return []
        with self._readers.reading() as reading:
            searcher = reading.searcher
            visible = reading.visible(team_ids, None, viewer_id)
            if not visible:  # Whoosh reads an empty filter as no filter
                return []
            document_of = reading.column("document_id")
            docnums = [
                docnum for docnum in searcher.docs_for_query(query.Term("document_id", document_id))
                if docnum in visible and document_of[docnum] == document_id
            ]
            try:
                q = expand_bounded(parsed.query, searcher.reader(), Budget(), reading.stems)
                offsets = page_offsets(searcher, q, docnums)
            except QueryTooBroad:
                raise
            except Exception:  # as in `search`: a query Whoosh cannot run marks plain words
                plain = plain_words_query(query_text or "", self._parser.schema)
                offsets = page_offsets(searcher, expand_bounded(plain, searcher.reader(), Budget(), reading.stems),
                                       docnums)
            pages = []
            for docnum in docnums:
                stored = searcher.stored_fields(docnum)
                html = whole_page_html(stored["text"], offsets[docnum])
                pages.append(PageHit(stored["page"], html))
        return sorted(pages, key=lambda hit: hit.page)

    def sweep_old_generations(self) -> None:
        """Delete every generation but the live one, so nothing deleted lingers in old segment files (issue 17)."""
        with self._folder.locked(exclusive=True, timeout=self.writer_timeout):
            self._folder.sweep()

    def close(self) -> None:
        """Close the idle searchers kept open for this folder (also done at exit)."""
        self._readers.close()

    @contextmanager
    def _writer(self) -> Iterator[SegmentWriter]:
        deadline = monotonic() + self.writer_timeout
        with self._folder.locked(exclusive=False, timeout=self.writer_timeout):
            _, ix = open_live(self._folder, self._schema)
            try:
                writer = ix.writer(
                    timeout=max(0.0, deadline - monotonic()), delay=0.05, compound=False
                )
            except LockError:
                raise IndexBusyError(self.writer_timeout) from None
            try:
                yield writer
            except BaseException:
                writer.cancel()
                raise
            try:
                writer.commit()
            except BaseException:
                # A commit that fails part-way keeps Whoosh's write lock, which
                # would then block every later writer of this process.
                with suppress(Exception):
                    writer.cancel()
                raise


def _rebuild_writer(ix: index.Index) -> SegmentWriter:
    codec = W3Codec()
    codec.length_stats = LENGTH_STATS
    return ix.writer(limitmb=WRITER_MEMORY_MB, compound=False, codec=codec)


def _read_one_page(searcher: Searcher) -> None:
    if searcher.doc_count():
        searcher.search(query.Every(), limit=1)[0].fields()
