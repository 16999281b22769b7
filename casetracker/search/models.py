"""Tables of the PostgreSQL search backend: one row per page, and the words seen (for * and ~).

They exist on SQLite too (so models and migrations agree) but only the
PostgreSQL backend (postgres.py) writes them, in the same transaction as the
documents, so the index can never lag the data.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Date, DDL, Index, Integer, String, Text, event
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from casetracker.extensions import db

#: tsvector on PostgreSQL; plain text (never written) elsewhere.
TsVector = TSVECTOR().with_variant(Text(), "sqlite")


class SearchPage(db.Model):
    """One page as the PostgreSQL backend indexes it; the twin of a Whoosh document."""

    __tablename__ = "search_pages"
    __table_args__ = (
        Index("ix_search_pages_stemmed", "stemmed", postgresql_using="gin"),
        Index("ix_search_pages_exact", "exact", postgresql_using="gin"),
        Index("ix_search_pages_team", "team_id", "restricted_to"),
    )

    document_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    page: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    team_id: Mapped[int] = mapped_column(BigInteger)
    #: 0: the team may open it; else the one user who may (see PageEntry.restricted_to).
    restricted_to: Mapped[int] = mapped_column(BigInteger, default=0)
    request_id: Mapped[int | None] = mapped_column(BigInteger)
    request_ref: Mapped[str | None] = mapped_column(String(100))
    authority: Mapped[str | None] = mapped_column(String(500))
    sender: Mapped[str | None] = mapped_column(String(500))
    recipient: Mapped[str | None] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20), default="")
    document_date: Mapped[date | None] = mapped_column(Date)
    title: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    fingerprint: Mapped[str] = mapped_column(String(32), default="")
    #: english configuration of title (weight A) and text: bare words, stemmed.
    stemmed: Mapped[str | None] = mapped_column(TsVector)
    #: simple configuration (no stemming, stop words kept): quoted words and phrases.
    exact: Mapped[str | None] = mapped_column(TsVector)


class SearchWord(db.Model):
    """A word seen on some page (never removed): what wildcards and fuzzy terms expand to."""

    __tablename__ = "search_words"
    __table_args__ = (
        Index("ix_search_words_trigram", "word", postgresql_using="gin", postgresql_ops={"word": "gin_trgm_ops"}),
    )

    word: Mapped[str] = mapped_column(String(200), primary_key=True)


#: PostgreSQL-only objects of `search_pages`, created after the table (migration 0018 creates the same).
#: - `immutable_unaccent`: `unaccent(text)` is only STABLE (it reads the dictionary named by the
#:   search_path), so no index may use it; this wrapper names the dictionary, and its SQL-standard
#:   body (PostgreSQL 14+) is bound to that dictionary when created, so it is safe to declare IMMUTABLE.
#: - Expression indexes matching pg_query's field conditions word for word: `authority:`, `from:`,
#:   `to:` (names, english tsvector, GIN) and `request:`, `type:` (labels, b-tree), so a field
#:   query is a BitmapAnd with the word's GIN index instead of a filter on every page with the word.
#: - The tsvectors are kept in the row (STORAGE MAIN), not TOASTed: every match is read for
#:   ranking and every phrase candidate for its positions, and an out-of-line tsvector costs
#:   several TOAST-index lookups each (at 100,000 pages a 4,400-page phrase read 33,000 buffers).
#:   `text`, read only for the pages shown, stays compressed out of line.
#: Names of the indexes below, which the models do not declare (`flask db check` leaves them out).
SEARCH_PAGES_PG_INDEXES = frozenset(
    [f"ix_search_pages_{c}_name" for c in ("authority", "sender", "recipient")]
    + [f"ix_search_pages_{c}_label" for c in ("request_ref", "kind")])
SEARCH_PAGES_PG_DDL = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE OR REPLACE FUNCTION immutable_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT "
    "PARALLEL SAFE RETURN unaccent('unaccent'::regdictionary, $1)",
    "ALTER TABLE search_pages ALTER COLUMN stemmed SET STORAGE MAIN, ALTER COLUMN exact SET STORAGE MAIN",
    *(f"CREATE INDEX ix_search_pages_{column}_name ON search_pages USING gin "
      f"(to_tsvector('english', immutable_unaccent(coalesce({column}, ''))))"
      for column in ("authority", "sender", "recipient")),
    *(f"CREATE INDEX ix_search_pages_{column}_label ON search_pages "
      f"(lower(immutable_unaccent(coalesce({column}, ''))))"
      for column in ("request_ref", "kind")),
]

for _statement in SEARCH_PAGES_PG_DDL:
    event.listen(SearchPage.__table__, "after_create", DDL(_statement).execute_if(dialect="postgresql"))

# The trigram index needs pg_trgm; unaccent folds accents as Whoosh's charset filter does.
event.listen(
    SearchWord.__table__, "before_create",
    DDL("CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent; "
        "CREATE EXTENSION IF NOT EXISTS fuzzystrmatch").execute_if(dialect="postgresql"),
)
