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
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from time import monotonic

from whoosh import index, query
from whoosh.index import LockError
from whoosh.searching import Searcher
from whoosh.writing import SegmentWriter

from casetracker.search.query import (
    PLAIN_WORDS_NOTICE,
    ParsedQuery,
    QueryTooLong,
    highlight_terms,
    make_parser,
    parse_query,
    plain_words_query,
)
from casetracker.search.readers import ColumnLookup, open_live, pool_for, read_whoosh
from casetracker.search.results import (
    DocumentHit,
    PageHit,
    SearchResults,
    count_facets,
    empty_facets,
    group_by_document,
)
from casetracker.search.schema import build_schema
from casetracker.search.snippets import match_offsets, snippet_html, whole_page_html
from casetracker.search.storage import IndexBusyError, IndexFolder, SearchIndexError

__all__ = [
    "DocumentHit",
    "IndexBusyError",
    "PageEntry",
    "PageHit",
    "QueryTooLong",
    "SearchIndex",
    "SearchIndexError",
    "SearchResults",
]

#: Pages of one document given a snippet in a search result.
PAGES_SHOWN = 3
#: Most documents on one page of results.
MAX_PER_PAGE = 100
#: Memory a rebuild's writer uses for postings before spilling them to disk.
WRITER_MEMORY_MB = 64


@dataclass(frozen=True)
class PageEntry:
    """One page of a document as the index needs it; `page` counts from 1."""

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


class SearchIndex:
    """The index under `path` (in the instance folder); safe across processes."""

    def __init__(self, path: Path, *, writer_timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.writer_timeout = writer_timeout
        self._folder = IndexFolder(self.path)
        self._schema = build_schema()
        self._parser = make_parser(self._schema)
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
        with self._writer() as writer:
            for document_id in sorted({entry.document_id for entry in entries}):
                writer.delete_by_term("document_id", document_id)
            for entry in entries:
                writer.add_document(**_fields(entry))
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
        Memory stays bounded without intermediate commits: the writer spills
        postings to disk past WRITER_MEMORY_MB. (Committing every batch was
        measured 1.6 times slower with 3 times the peak memory, as each commit
        re-merges segments, and buys no safety: a failed build is thrown away.)
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
                writer = ix.writer(limitmb=WRITER_MEMORY_MB, compound=False)
                try:
                    for total, entry in enumerate(entries, start=1):
                        writer.add_document(**_fields(entry))
                        if progress is not None and total % batch_size == 0:
                            progress(total)
                except BaseException:
                    writer.cancel()
                    raise
                writer.commit()
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

    def search(
        self,
        query_text: str,
        *,
        team_ids: Collection[int],
        page: int = 1,
        per_page: int = 10,
        request_id: int | None = None,
    ) -> SearchResults:
        """Find documents whose pages match, best first, only from `team_ids`' documents.

        `page` counts from 1; `per_page` is clamped to 1..MAX_PER_PAGE. Raises
        QueryTooLong, and SearchIndexError if the index is missing or damaged.
        """
        parsed = parse_query(query_text, self._parser)
        page = max(1, page)
        per_page = min(max(1, per_page), MAX_PER_PAGE)
        results = SearchResults(
            query_text, 0, page, per_page, [], empty_facets(), parsed.notice
        )
        if not team_ids or parsed.query == query.NullQuery:
            return results
        with self._readers.reading() as reading:
            searcher = reading.searcher
            visible = reading.visible(team_ids, request_id)
            if not visible:
                # Whoosh takes an empty filter set for "no filter" and would
                # show every team's pages.
                return results
            try:
                found = searcher.search(parsed.query, filter=visible, limit=None)
            except Exception:  # Whoosh's field parsers fail late (e.g. `date:""`): search the words
                parsed = ParsedQuery(plain_words_query(query_text, self._schema), PLAIN_WORDS_NOTICE)
                results.notice = parsed.notice
                found = searcher.search(parsed.query, filter=visible, limit=None)
            groups = group_by_document(list(found.items()), reading.column)
            results.total_documents = len(groups)
            results.facets = count_facets(groups, reading.column)
            start = (page - 1) * per_page
            shown = list(groups.items())[start : start + per_page]
            terms = highlight_terms(parsed.query, searcher.reader())
            results.documents = _document_hits(searcher, shown, terms, reading.column("page"))
        return results

    def pages_of(
        self, document_id: int, query_text: str | None, *, team_ids: Collection[int]
    ) -> list[PageHit]:
        """Return every page of a document in order, whole, with the query's words marked.

        Returns [] if the document is not indexed or belongs to none of
        `team_ids`. Raises QueryTooLong, and SearchIndexError as `search` does.
        """
        parsed = parse_query(query_text or "", self._parser)
        if not team_ids:
            return []
        with self._readers.reading() as reading:
            searcher = reading.searcher
            visible = reading.visible(team_ids, None)
            if not visible:  # Whoosh reads an empty filter as no filter
                return []
            found = searcher.search(
                query.Term("document_id", document_id), filter=visible, limit=None
            )
            docnums = [docnum for docnum, _ in found.items()]
            try:
                terms = highlight_terms(parsed.query, searcher.reader())
            except Exception:  # as in `search`: a query Whoosh cannot run marks plain words
                terms = highlight_terms(plain_words_query(query_text or "", self._schema), searcher.reader())
            offsets = match_offsets(searcher, "text", terms, docnums)
            pages = []
            for docnum in docnums:
                stored = searcher.stored_fields(docnum)
                html = whole_page_html(stored["text"], offsets[docnum])
                pages.append(PageHit(stored["page"], html))
        return sorted(pages, key=lambda hit: hit.page)

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


def _read_one_page(searcher: Searcher) -> None:
    if searcher.doc_count():
        searcher.search(query.Every(), limit=1)[0].fields()


def _fields(entry: PageEntry) -> dict:
    fields = {
        "page_key": f"{entry.document_id}:{entry.page}",
        "document_id": entry.document_id,
        "team_id": entry.team_id,
        "kind": entry.kind,
        "page": entry.page,
        "title": entry.title,
        "text": entry.text,
    }
    if entry.request_id is not None:
        fields["request_id"] = entry.request_id
    if entry.request_ref:
        fields["request_ref"] = entry.request_ref
    if entry.authority:
        fields["authority"] = entry.authority
        fields["authority_name"] = entry.authority
    if entry.document_date is not None:
        fields["document_date"] = datetime.combine(entry.document_date, time())
        fields["year"] = str(entry.document_date.year)
    return fields


def _document_hits(
    searcher: Searcher,
    groups: list[tuple[int, list[tuple[int, float]]]],
    terms: set[bytes],
    page_of: ColumnLookup,
) -> list[DocumentHit]:
    best = [docnum for _, pages in groups for docnum, _ in pages[:PAGES_SHOWN]]
    offsets = match_offsets(searcher, "text", terms, best)
    hits = []
    for document_id, pages in groups:
        stored = [searcher.stored_fields(docnum) for docnum, _ in pages[:PAGES_SHOWN]]
        shown = [
            PageHit(fields["page"], snippet_html(fields["text"], offsets[docnum]))
            for (docnum, _), fields in zip(pages, stored)
        ]
        shown.sort(key=lambda hit: hit.page)
        first = stored[0]
        document_date = first.get("document_date")
        hits.append(
            DocumentHit(
                document_id=document_id,
                title=first["title"],
                request_ref=first.get("request_ref"),
                request_id=first.get("request_id"),
                kind=first["kind"],
                pages=shown,
                score=pages[0][1],
                matched_pages=sorted(page_of[docnum] for docnum, _ in pages),
                authority=first.get("authority"),
                document_date=document_date.date() if document_date else None,
            )
        )
    return hits
