"""Time search with highlights on a generated corpus: Whoosh, PostgreSQL FTS and SQLite FTS5 side by side.

Run from the repository root:

    .venv/bin/python -m bench.search --pages 20000

Both engines index the same pages and answer the same questions with the same
work: the 10 best documents (grouped by their best page), the number of
matching documents, facets by authority/request/type/year counted in
documents, and HTML-escaped snippets for the 3 best pages of each document
shown, for teams 1 and 2 of 3. Whoosh keeps its searcher and team filter
between searches until the index changes; the cost of renewing them is
printed on its own line. FTS5 has no fuzzy matching: its "fuzzy" row
uses a prefix query (the first 5 letters of the misspelt word) instead.

With `--pg-url postgresql+psycopg://…` (or CASETRACKER_BENCH_PG_URL) the
PostgreSQL backend indexes the same pages inside one transaction that is
rolled back at the end, so the database is left as it was. Reindex cost is
given in pages per CPU-second of this process (PostgreSQL's own CPU is not
counted, so its figure is per wall-clock second) and Whoosh's peak folder
size while building (any temporary files are written inside it), beside the
finished index.

The generated pages are kept in `--corpus-dir` (default under /tmp), one file
per page count and seed, so a second run of `--pages 100000` starts at once.
"""

import argparse
import html
import os
import pickle
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from bench._corpus import Vocabulary, page_text
from casetracker.search.index import PageEntry, QueryTooBroad, SearchIndex

TEAMS = (1, 2)
AUTHORITIES = [
    "Home Office", "Department for Education", "Cabinet Office", "Ministry of Justice",
    "HM Treasury", "Leeds City Council", "Metropolitan Police Service", "NHS England",
    "Transport for London", "Ofsted", "Scottish Government", "Welsh Government",
]
KINDS = ["pdf", "pdf", "pdf", "docx", "xlsx", "eml", "txt"]
QUERIES = {
    "term": ["government", "budget", "minister", "assessment", "council"],
    "phrase": ['"working closely"', '"data protection"', '"impact assessment"',
               '"school attendance"', '"police officer"'],
    "fuzzy": ["goverment~", "minster~", "buget~", "asessment~", "councel~"],
    "field": ['authority:"home office" budget', "type:xlsx spending",
              'authority:"leeds city council" contract', "type:eml minister",
              'authority:ofsted school'],
    "date": ["budget date:[2022-02-01 TO 2022-02-28]", "minister date:2021",
             "policy date:[2020-01-01 TO 2020-06-30]", "data date:[2023-03-01 TO 2023-03-31]",
             "council date:2019"],
}


def cached_corpus(folder: Path, pages: int, seed: int) -> list[PageEntry]:
    """Return make_corpus(pages, seed), read from `folder` if an earlier run wrote it there."""
    path = folder / f"pages-{pages}-seed-{seed}.pickle"
    if path.exists():
        with path.open("rb") as f:
            return pickle.load(f)
    entries = make_corpus(pages, seed)
    folder.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("wb") as f:
        pickle.dump(entries, f, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)
    return entries


def make_corpus(pages: int, seed: int) -> list[PageEntry]:
    """Return `pages` pages of English-ish text in documents of 1 to 20 pages."""
    rng = random.Random(seed)
    vocabulary = Vocabulary(rng)
    entries: list[PageEntry] = []
    document_id = 0
    while len(entries) < pages:
        document_id += 1
        authority = rng.choice(AUTHORITIES)
        meta = dict(
            document_id=document_id,
            request_id=rng.randint(1, 300),
            authority=authority,
            team_id=rng.randint(1, 3),
            kind=rng.choice(KINDS),
            document_date=date(2019, 1, 1) + timedelta(days=rng.randint(0, 5 * 365)),
            title=" ".join(rng.choices(vocabulary.words, cum_weights=vocabulary.cumulative, k=4)).capitalize(),
        )
        meta["request_ref"] = f"FOI-{meta['document_date'].year}-{meta['request_id']:03d}"
        for page in range(1, min(rng.randint(1, 20), pages - len(entries)) + 1):
            entries.append(PageEntry(page=page, text=page_text(rng, vocabulary), **meta))
    return entries


class Fts5:
    """SQLite FTS5 doing the same work as SearchIndex.search."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path)
        self.db.executescript(
            """
            CREATE VIRTUAL TABLE pages USING fts5(
                title, text, document_id UNINDEXED, team_id UNINDEXED,
                authority UNINDEXED, kind UNINDEXED, document_date UNINDEXED,
                page UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2');
            CREATE TABLE documents (id INTEGER PRIMARY KEY, authority TEXT,
                request_ref TEXT, kind TEXT, year TEXT);
            """
        )

    def build(self, entries: list[PageEntry]) -> None:
        """Insert every page and each document's facet labels, in one transaction."""
        with self.db:
            self.db.executemany(
                "INSERT INTO pages VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ((e.title, e.text, e.document_id, e.team_id, e.authority, e.kind,
                  e.document_date.isoformat(), e.page) for e in entries),
            )
            self.db.executemany(
                "INSERT OR IGNORE INTO documents VALUES (?, ?, ?, ?, ?)",
                ((e.document_id, e.authority, e.request_ref, e.kind,
                  str(e.document_date.year)) for e in entries),
            )

    def search(self, match: str, where: str = "", args: tuple = ()) -> tuple[int, list]:
        """Return (documents matched, [(document_id, [(page, snippet_html)])]) for a page."""
        db = self.db
        db.execute(
            "CREATE TEMP TABLE hits AS SELECT rowid AS rid, document_id, rank AS r "
            f"FROM pages WHERE pages MATCH ? AND team_id IN {TEAMS} {where}",
            (match, *args),
        )
        try:
            total = db.execute("SELECT count(DISTINCT document_id) FROM hits").fetchone()[0]
            for column in ("authority", "request_ref", "kind", "year"):
                db.execute(
                    f"SELECT d.{column}, count(*) FROM (SELECT DISTINCT document_id FROM hits) h "
                    f"JOIN documents d ON d.id = h.document_id GROUP BY 1 ORDER BY 2 DESC"
                ).fetchall()
            top = [row[0] for row in db.execute(
                "SELECT document_id, min(r) AS best FROM hits GROUP BY document_id "
                "ORDER BY best LIMIT 10")]
            best_pages: dict[int, list[int]] = {d: [] for d in top}
            marks = ",".join("?" * len(top))
            for rid, document_id in db.execute(
                f"SELECT rid, document_id FROM hits WHERE document_id IN ({marks}) ORDER BY r",
                top,
            ):
                if len(best_pages[document_id]) < 3:
                    best_pages[document_id].append(rid)
            rids = [rid for rids in best_pages.values() for rid in rids]
            snippets = {
                rowid: (page, _escape_marks(text))
                for rowid, page, text in db.execute(
                    "SELECT rowid, page, snippet(pages, 1, char(2), char(3), '…', 32) "
                    f"FROM pages WHERE pages MATCH ? AND rowid IN ({','.join('?' * len(rids))})",
                    (match, *rids),
                )
            }
            return total, [(d, [snippets[r] for r in best_pages[d]]) for d in top]
        finally:
            db.execute("DROP TABLE hits")


def _escape_marks(text: str) -> str:
    # FTS5 does not escape the text around its marks; mark with control
    # characters, escape, then turn them into tags, as the app must.
    return html.escape(text).replace("\x02", "<mark>").replace("\x03", "</mark>")


def fts5_form(kind: str, query: str) -> tuple[str, str, tuple]:
    """Translate one of QUERIES into FTS5 MATCH text plus a WHERE clause on columns."""
    if kind == "fuzzy":
        return query.rstrip("~")[:5] + "*", "", ()
    if kind == "field":
        if query.startswith("type:"):
            kind_value, word = query[len("type:"):].split(" ", 1)
            return word, "AND kind = ?", (kind_value,)
        name, word = query[len("authority:"):].rsplit(" ", 1)
        name = name.strip('"')
        authority = next(a for a in AUTHORITIES if a.lower() == name)
        return word, "AND authority = ?", (authority,)
    if kind == "date":
        word, span = query.split(" date:", 1)
        if span.startswith("["):
            start, end = span.strip("[]").split(" TO ")
        else:
            start, end = f"{span}-01-01", f"{span}-12-31"
        return word, "AND document_date BETWEEN ? AND ?", (start, end)
    return query, "", ()


def timed(run: Callable[[], int], repeat: int) -> tuple[list[float], int]:
    """Return the milliseconds of each of `repeat` runs after one warm-up, and its result."""
    result = run()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    return samples, result


def percentiles(samples: list[float]) -> tuple[float, float]:
    """Return the 50th and 95th percentiles."""
    cuts = statistics.quantiles(samples, n=20, method="inclusive")
    return statistics.median(samples), cuts[18]


def folder_bytes(path: Path) -> int:
    """Return the bytes of every file under `path`."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def open_postgres(url: str, entries: list[PageEntry]):
    """Return (backend, seconds, closer): the PostgreSQL backend holding `entries` in an open transaction."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from casetracker.search.models import SearchPage, SearchWord
    from casetracker.search.postgres import PostgresSearch

    engine = create_engine(url)
    conn = engine.connect()
    transaction = conn.begin()
    SearchWord.__table__.create(conn, checkfirst=True)
    SearchPage.__table__.create(conn, checkfirst=True)
    session = Session(bind=conn, join_transaction_mode="create_savepoint")
    backend = PostgresSearch(session)
    start = time.perf_counter()
    backend.rebuild(entries)
    conn.exec_driver_sql("ANALYZE search_pages")
    seconds = time.perf_counter() - start

    def close() -> None:
        session.close()
        transaction.rollback()
        conn.close()
        engine.dispose()

    return backend, seconds, close


def main() -> None:
    """Build every index on the same generated pages and print build rate and latencies."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("--repeat", type=int, default=20, help="runs of each query")
    parser.add_argument("--pg-url", default=os.environ.get("CASETRACKER_BENCH_PG_URL", ""),
                        help="PostgreSQL to bench the postgres backend on (rolled back after)")
    parser.add_argument("--corpus-dir", type=Path, default=Path(tempfile.gettempdir()) / "casetracker-bench-search",
                        help="folder keeping generated pages between runs")
    args = parser.parse_args()

    entries = cached_corpus(args.corpus_dir, args.pages, args.seed)
    documents = len({e.document_id for e in entries})
    megabytes = sum(len(e.text) for e in entries) / 1e6
    print(f"corpus: {len(entries)} pages, {documents} documents, {megabytes:.1f} MB of text")

    with tempfile.TemporaryDirectory() as folder:
        whoosh = SearchIndex(Path(folder) / "ix")
        peak = 0

        def sample(done: int) -> None:
            nonlocal peak
            peak = max(peak, folder_bytes(Path(folder) / "ix"))

        start, cpu = time.perf_counter(), time.process_time()
        whoosh.rebuild(entries, batch_size=2000, progress=sample)
        whoosh_build, whoosh_cpu = time.perf_counter() - start, time.process_time() - cpu
        final = folder_bytes(Path(folder) / "ix")
        fts = Fts5(Path(folder) / "fts.sqlite3")
        start, cpu = time.perf_counter(), time.process_time()
        fts.build(entries)
        fts_build, fts_cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"build  whoosh {len(entries) / whoosh_cpu:6.0f} pages/CPU-s ({whoosh_build:.1f} s wall, "
              f"peak folder {peak / 1e6:.0f} MB, index {final / 1e6:.0f} MB)"
              f"   fts5 {len(entries) / fts_cpu:6.0f} pages/CPU-s ({fts_build:.1f} s)")
        engines: dict[str, Callable[[str, str], int]] = {
            "whoosh": lambda kind, q: whoosh.search(q, team_ids=TEAMS).total_documents,
        }
        close_pg = None
        if args.pg_url:
            pg, pg_build, close_pg = open_postgres(args.pg_url, entries)
            print(f"build  postgres {len(entries) / pg_build:6.0f} pages/wall-s ({pg_build:.1f} s, in one transaction)")
            engines["postgres"] = lambda kind, q: pg.search(q, team_ids=TEAMS).total_documents

        def fts_run(kind: str, q: str) -> int:
            match, where, params = fts5_form(kind, q)
            return fts.search(match, where, params)[0]

        engines["fts5"] = fts_run
        cold = []
        for _ in range(5):
            whoosh.close()
            start = time.perf_counter()
            whoosh.search("budget", team_ids=TEAMS)
            cold.append((time.perf_counter() - start) * 1000)
        print(f"whoosh first search of a process or after a write (opens the searcher, "
              f"builds the team filter): {statistics.median(cold):.0f} ms")

        header = "   ".join(f"{name + ' p50':>13} {'p95':>7} {'docs':>6}" for name in engines)
        print(f"\n{'query':7} {header}   (ms; docs = mean documents matched)")
        for kind, queries in QUERIES.items():
            cells = []
            refused = []
            for name, run in engines.items():
                samples_all, docs = [], []
                for q in queries:
                    try:
                        samples, total = timed(lambda q=q: run(kind, q), args.repeat)
                    except QueryTooBroad:
                        refused.append(f"{name} {q!r}")
                        continue
                    samples_all += samples
                    docs.append(total)
                if len(samples_all) < 2:
                    cells.append(f"{'refused':>13} {'':7} {'':6}")
                    continue
                p50, p95 = percentiles(samples_all)
                cells.append(f"{p50:13.1f} {p95:7.1f} {statistics.mean(docs):6.0f}")
            print(f"{kind:7} " + "   ".join(cells) + (f"   refused (too broad): {', '.join(refused)}" if refused else ""))
        batch_terms = sorted({w for q in QUERIES["term"] for w in q.split()} | set(
            random.Random(args.seed).sample(Vocabulary(random.Random(args.seed)).words, 995)))[:1000]
        # The two samples overlap (997 distinct terms): make it the 1,000 of issue 13's batch limit.
        more = random.Random(args.seed + 1).sample(Vocabulary(random.Random(args.seed)).words, 1000)
        batch_terms += [w for w in more if w not in set(batch_terms)][:1000 - len(batch_terms)]
        from casetracker.search.batch import run_batch

        backends = {"whoosh": whoosh} | ({"postgres": pg} if close_pg is not None else {})
        for name, backend in backends.items():
            start = time.perf_counter()
            rows = run_batch(backend, batch_terms, team_ids=TEAMS)
            errors = [f"{r['term']!r}: {r['error']}" for r in rows if r["error"]]
            print(f"batch  {name}: {len(rows)} terms in {time.perf_counter() - start:.1f} s "
                  f"({len(errors)} with an error{': ' if errors else ''}{'; '.join(errors)})")
        fts.db.close()
        if close_pg is not None:
            close_pg()


if __name__ == "__main__":
    main()
