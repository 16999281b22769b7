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


# The trigram index needs pg_trgm; unaccent folds accents as Whoosh's charset filter does.
event.listen(
    SearchWord.__table__, "before_create",
    DDL("CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent; "
        "CREATE EXTENSION IF NOT EXISTS fuzzystrmatch").execute_if(dialect="postgresql"),
)
