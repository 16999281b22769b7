"""The PostgreSQL full-text SearchBackend: rows in `search_pages`, written in the data's own transaction.

Nothing to reconcile and no folder on local disk: any number of app machines
share one search. Snippets are made by the same code as Whoosh's: stemmed
matches are located by `ts_headline` (HighlightAll, with control-character
sentinels, so no user text is ever taken for markup), quoted words and phrases
by the exact analyzer, and `snippets.snippet_html` escapes everything and adds
only <mark> tags.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable

from sqlalchemy import text as sql_text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session
from whoosh import query
from whoosh.analysis import Token

from casetracker.search.pg_query import Translation, Translator, make_pg_parser
from casetracker.search.query import (
    PLAIN_WORDS_NOTICE,
    Budget,
    ParsedQuery,
    QueryTooBroad,
    parse_query,
    plain_words_query,
    thread_parser,
)
from casetracker.search.results import (
    SORTS,
    DocumentHit,
    PageEntry,
    PageHit,
    SearchResults,
    document_fingerprint,
    empty_facets,
    sorted_facet,
)
from casetracker.search.schema import exact_words
from casetracker.search.snippets import merge_offsets, snippet_html, whole_page_html

PAGES_SHOWN = 3
MAX_PER_PAGE = 100
_START, _STOP = "\x02", "\x03"
_SENTINELS = re.compile("[\x02\x03]")
_HEADLINE_OPTIONS = f"HighlightAll=true, StartSel={_START}, StopSel={_STOP}"

_INSERT = sql_text("""
INSERT INTO search_pages (document_id, page, team_id, restricted_to, request_id, request_ref, authority,
    sender, recipient, kind, document_date, title, text, fingerprint, stemmed, exact)
VALUES (:document_id, :page, :team_id, :restricted_to, :request_id, :request_ref, :authority,
    :sender, :recipient, :kind, :document_date, :title, :text, :fingerprint,
    setweight(to_tsvector('english', unaccent(:title)), 'A') || to_tsvector('english', unaccent(:text)),
    setweight(to_tsvector('simple', unaccent(:title)), 'A') || to_tsvector('simple', unaccent(:text)))
""")
_WORDS = sql_text("""
INSERT INTO search_words (word)
SELECT DISTINCT word FROM (SELECT unnest(tsvector_to_array(exact)) AS word FROM search_pages
                           WHERE document_id = ANY(:ids)) w
WHERE length(word) <= 200 ORDER BY word ON CONFLICT DO NOTHING
""")


class PostgresSearch:
    """Search pages stored in PostgreSQL through `session` (its transaction is the index's)."""

    name = "postgres"
    writes_in_transaction = True

    def __init__(self, session: Session) -> None:
        self.session = session
        self._parser = thread_parser(make_pg_parser)

    def ensure(self) -> None:
        """Nothing to create: the tables come with the schema (models and migration 0007)."""

    def check(self) -> str | None:
        """Return None if the search tables can be read, else a message for an administrator."""
        try:
            with self.session.begin_nested():
                self.session.execute(sql_text("SELECT 1 FROM search_pages LIMIT 1"))
        except Exception as error:  # a missing table or extension
            return f"The PostgreSQL search tables cannot be read ({type(error).__name__}); run `flask init-db`."
        return None

    def add_pages(self, entries: Iterable[PageEntry]) -> int:
        """Index pages, replacing every page already indexed for their documents; return the pages added."""
        by_document: dict[int, list[PageEntry]] = {}
        for entry in entries:
            by_document.setdefault(entry.document_id, []).append(entry)
        if not by_document:
            return 0
        conn = self.session.connection()
        ids = sorted(by_document)
        conn.execute(sql_text("DELETE FROM search_pages WHERE document_id = ANY(:ids)"), {"ids": ids})
        rows = [_row(entry, document_fingerprint(pages)) for pages in by_document.values() for entry in pages]
        conn.execute(_INSERT, rows)
        conn.execute(_WORDS, {"ids": ids})
        return len(rows)

    def delete_documents(self, document_ids: Iterable[int]) -> int:
        """Remove every page of these documents; return how many pages went."""
        ids = sorted(set(document_ids))
        if not ids:
            return 0
        result = self.session.connection().execute(
            sql_text("DELETE FROM search_pages WHERE document_id = ANY(:ids)"), {"ids": ids})
        return result.rowcount

    def rebuild(self, entries: Iterable[PageEntry], *, batch_size: int = 500,
                progress: Callable[[int], None] | None = None) -> int:
        """Replace the whole index with `entries` in the caller's transaction; return the pages indexed."""
        self.session.connection().execute(sql_text("DELETE FROM search_pages"))
        total, batch = 0, []
        for entry in entries:
            if batch and batch[-1].document_id != entry.document_id and len(batch) >= batch_size:
                total += self.add_pages(batch)
                batch = []
                if progress is not None:
                    progress(total)
            batch.append(entry)
        total += self.add_pages(batch)
        if progress is not None:
            progress(total)
        return total

    def indexed_documents(self) -> dict[int, str]:
        """Return {document id: fingerprint} of every indexed document."""
        rows = self.session.execute(sql_text(
            "SELECT document_id, min(fingerprint) FROM search_pages GROUP BY document_id"))
        return {document_id: fingerprint for document_id, fingerprint in rows}

    def close(self) -> None:
        """Nothing is held open beyond the session."""

    def search(self, query_text: str, *, team_ids: Collection[int], viewer_id: int | None = None,
               page: int = 1, per_page: int = 10, request_id: int | None = None,
               sort: str = "relevance", counts_only: bool = False) -> SearchResults:
        """Find documents as SearchIndex.search does, with the same query language and errors."""
        parsed = parse_query(query_text, self._parser)
        page = max(1, page)
        per_page = min(max(1, per_page), MAX_PER_PAGE)
        sort = sort if sort in SORTS else "relevance"
        results = SearchResults(query_text, 0, page, per_page, [], empty_facets(), parsed.notice, sort=sort)
        if not team_ids or parsed.query == query.NullQuery:
            return results
        budget = Budget()
        try:
            return self._search(parsed, results, team_ids, viewer_id, request_id, budget, counts_only)
        except _Unrunnable:  # e.g. a number too big for its column: search the words, as Whoosh does
            parsed = ParsedQuery(plain_words_query(query_text, self._parser.schema), PLAIN_WORDS_NOTICE)
            results.notice = parsed.notice
            return self._search(parsed, results, team_ids, viewer_id, request_id, budget, counts_only)

    def _search(self, parsed: ParsedQuery, results: SearchResults, team_ids, viewer_id, request_id,
                budget: Budget, counts_only: bool = False) -> SearchResults:
        page, per_page, sort = results.page, results.per_page, results.sort
        with self._timed(budget):
            found = Translator(self.session.connection(), budget).translate(parsed.query)
            where, params = _visible_where(found, team_ids, viewer_id, request_id)
            if counts_only:
                results.total_documents, results.total_pages = self.session.execute(sql_text(
                    f"SELECT count(DISTINCT p.document_id), count(*) FROM search_pages p WHERE {where}"),
                    params).one()
                return results
            rank = _rank(found)
            # Each page's rank is computed in the scan (OFFSET 0 keeps the subquery apart), so the
            # sort before grouping carries a number, not the tsvector: grouping 4,400 pages of a
            # phrase carried 3 kB a row and spilled the sort to disk. Pages are counted here and
            # listed only for the documents shown (_hits): an array per document took 30 ms more.
            groups = self.session.execute(sql_text(f"""
                SELECT document_id, count(*), max(rank), min(authority),
                       min(sender), min(request_ref), min(kind), min(document_date)
                FROM (SELECT p.document_id, p.page, {rank} AS rank, p.authority, p.sender, p.request_ref,
                             p.kind, p.document_date
                      FROM search_pages p WHERE {where} OFFSET 0) m
                GROUP BY document_id"""), params).all()
            results.total_documents = len(groups)
            results.total_pages = sum(g[1] for g in groups)
            if not groups:
                return results
            results.facets = _facets(groups)
            if sort == "date":
                dated = sorted((g for g in groups if g[7]), key=lambda g: (-g[7].toordinal(), g[0]))
                ordered = dated + sorted((g for g in groups if not g[7]), key=lambda g: g[0])
            else:
                ordered = sorted(groups, key=lambda g: (-g[2], g[0]))
            shown = ordered[(page - 1) * per_page: page * per_page]
            results.documents = self._hits(found, where, params, rank, shown)
        return results

    def pages_of(self, document_id: int, query_text: str | None, *, team_ids: Collection[int],
                 viewer_id: int | None = None) -> list[PageHit]:
        """Return every page of a document in order, whole, with the query's words marked."""
        parsed = parse_query(query_text or "", self._parser)
        if not team_ids:
            return []
        try:
            return self._pages_of(document_id, parsed, team_ids, viewer_id)
        except _Unrunnable:
            parsed = ParsedQuery(plain_words_query(query_text or "", self._parser.schema), PLAIN_WORDS_NOTICE)
            return self._pages_of(document_id, parsed, team_ids, viewer_id)

    def _pages_of(self, document_id: int, parsed: ParsedQuery, team_ids, viewer_id) -> list[PageHit]:
        budget = Budget()
        with self._timed(budget):
            found = Translator(self.session.connection(), budget).translate(parsed.query)
            where, params = _visible_where(Translation("TRUE", {}), team_ids, viewer_id, None)
            params["document_id"] = document_id
            params.update(found.params)
            rows = self.session.execute(sql_text(f"""
                SELECT p.page, p.text, {_headline(found)} FROM search_pages p
                WHERE {where} AND p.document_id = :document_id ORDER BY p.page"""), params).all()
        return [PageHit(number, whole_page_html(text, _marks(text, marked, found))) for number, text, marked in rows]

    def _hits(self, found: Translation, where: str, params: dict, rank: str, shown: list) -> list[DocumentHit]:
        ids = [g[0] for g in shown]
        rows = self.session.execute(sql_text(f"""
            SELECT * FROM (
                SELECT p.document_id, p.page, p.title, p.request_ref, p.request_id, p.kind, p.authority,
                       p.document_date, p.sender, p.recipient, p.text, {rank} AS rank,
                       row_number() OVER (PARTITION BY p.document_id ORDER BY {rank} DESC, p.page) AS n,
                       array_agg(p.page) OVER (PARTITION BY p.document_id) AS matched
                FROM search_pages p WHERE {where} AND p.document_id = ANY(:shown_ids)) best
            WHERE n <= {PAGES_SHOWN}"""), {**params, "shown_ids": ids}).all()
        texts = {(r.document_id, r.page): r.text for r in rows}
        marked = self._headlines(found, texts)
        by_document: dict[int, list] = {}
        for row in rows:
            by_document.setdefault(row.document_id, []).append(row)
        hits = []
        for document_id, _, best, *_ in shown:
            best_rows = by_document[document_id]
            first = min(best_rows, key=lambda r: r.n)
            snippets = sorted(
                (PageHit(r.page, snippet_html(r.text, _marks(r.text, marked.get((r.document_id, r.page)), found)))
                 for r in best_rows), key=lambda hit: hit.page)
            hits.append(DocumentHit(
                document_id=document_id, title=first.title, request_ref=first.request_ref,
                request_id=first.request_id, kind=first.kind, pages=snippets, score=float(best),
                matched_pages=sorted(first.matched), authority=first.authority, document_date=first.document_date,
                sender=first.sender, recipient=first.recipient))
        return hits

    def _headlines(self, found: Translation, texts: dict) -> dict:
        if not found.stemmed or not texts:
            return {}
        keys = list(texts)
        rows = self.session.execute(sql_text(f"""
            SELECT k.n, ts_headline('english', translate(p.text, E'\\x02\\x03', '  '), {_or(found.stemmed)},
                                    '{_HEADLINE_OPTIONS}')
            FROM unnest(:documents, :pages) WITH ORDINALITY AS k(document_id, page, n)
            JOIN search_pages p ON p.document_id = k.document_id AND p.page = k.page"""),
            {**found.params, "documents": [k[0] for k in keys], "pages": [k[1] for k in keys]})
        return {keys[n - 1]: marked for n, marked in rows}

    def _timed(self, budget: Budget):
        return _StatementBudget(self.session, budget)


class _StatementBudget:
    """Run the search's statements in a savepoint with statement_timeout set to the time budget."""

    def __init__(self, session: Session, budget: Budget) -> None:
        self.session = session
        self.budget = budget

    def __enter__(self):
        self._nested = self.session.begin_nested()
        conn = self.session.connection()
        milliseconds = max(1, int(self.budget.seconds * 1000))
        self._previous = conn.execute(sql_text(
            "SELECT current_setting('statement_timeout'), set_config('statement_timeout', :ms, true)"),
            {"ms": str(milliseconds)}).scalar()
        return self

    def __exit__(self, kind, error, traceback):
        if kind is None:
            self.session.connection().execute(
                sql_text("SELECT set_config('statement_timeout', :previous, true)"), {"previous": self._previous})
            self._nested.commit()
            return False
        self._nested.rollback()
        if isinstance(error, OperationalError) and "statement timeout" in str(error):
            raise QueryTooBroad(f"would take more than {self.budget.seconds:g} seconds") from None
        if isinstance(error, (DBAPIError, ValueError, OverflowError)) and not isinstance(error, QueryTooBroad):
            raise _Unrunnable() from error
        return False


class _Unrunnable(Exception):
    """The translated query failed in PostgreSQL (a value out of range): fall back to plain words."""


def _row(entry: PageEntry, fingerprint: str) -> dict:
    return {
        "document_id": entry.document_id, "page": entry.page, "team_id": entry.team_id,
        "restricted_to": entry.restricted_to, "request_id": entry.request_id, "request_ref": entry.request_ref,
        "authority": entry.authority, "sender": entry.sender, "recipient": entry.recipient, "kind": entry.kind,
        "document_date": entry.document_date, "title": _SENTINELS.sub(" ", entry.title),
        "text": entry.text.replace("\x00", " "), "fingerprint": fingerprint,
    }


def _visible_where(found: Translation, team_ids, viewer_id, request_id) -> tuple[str, dict]:
    params = {**found.params, "team_ids": sorted(team_ids), "viewer_id": viewer_id if viewer_id is not None else 0}
    where = "p.team_id = ANY(:team_ids) AND p.restricted_to IN (0, :viewer_id)"
    if request_id is not None:
        where += " AND p.request_id = :request_id"
        params["request_id"] = request_id
    return f"{where} AND {found.where}", params


def _or(tsqueries: list[str]) -> str:
    return "(" + " || ".join(tsqueries) + ")"


def _rank(found: Translation) -> str:
    parts = []
    if found.stemmed:
        parts.append(f"ts_rank(p.stemmed, {_or(found.stemmed)})")
    if found.exact:
        parts.append(f"ts_rank(p.exact, {_or(found.exact)})")
    return " + ".join(parts) if parts else "0.0"


def _headline(found: Translation) -> str:
    if not found.stemmed:
        return "NULL"
    return (f"ts_headline('english', translate(p.text, E'\\x02\\x03', '  '), {_or(found.stemmed)}, "
            f"'{_HEADLINE_OPTIONS}')")


def _facets(groups) -> dict[str, list[tuple[str, int]]]:
    columns = {"authority": 3, "from": 4, "request": 5, "type": 6}
    facets = {name: sorted_facet(Counter(g[index] for g in groups)) for name, index in columns.items()}
    facets["year"] = sorted_facet(Counter(str(g[7].year) for g in groups if g[7]))
    return {name: facets[name] for name in empty_facets()}


def _marks(text: str, marked: str | None, found: Translation) -> list[Token]:
    """Return the spans to <mark> in `text`: ts_headline's stemmed matches, then exact words and phrases."""
    stemmed: list[Token] = []
    if marked is not None:
        clean = _SENTINELS.sub(" ", text)
        position, start = 0, None
        for char in marked:
            if char == _START:
                start = position
            elif char == _STOP and start is not None:
                stemmed.append(Token(text=clean[start:position], startchar=start, endchar=position, boost=1.0))
                start = None
            else:
                position += 1
        if position != len(clean):  # not the text we gave it: mark nothing rather than the wrong words
            stemmed = []
    exact = _phrase_spans(text, found.phrases) if found.phrases else []
    return merge_offsets({0: stemmed}, {0: exact})[0]


def _phrase_spans(text: str, phrases: list[tuple[str, ...]]) -> list[Token]:
    words = exact_words(text)
    spans = []
    for phrase in set(phrases):
        size = len(phrase)
        for i in range(len(words) - size + 1):
            if words[i][0] == phrase[0] and all(words[i + k][0] == phrase[k] for k in range(1, size)):
                spans.append(Token(text=" ".join(phrase), startchar=words[i][1], endchar=words[i + size - 1][2],
                                   boost=1.0))
    return spans
