"""Turn the search box's query (parsed by the same Whoosh parser) into PostgreSQL full-text SQL.

One language for both backends: the Whoosh parser reads the text (with an
unstemmed schema, so PostgreSQL's own english stemmer sees the user's words),
and each node becomes a condition on `search_pages p`:
bare words -> `p.stemmed @@ plainto_tsquery('english', …)`; quoted words and
phrases -> `p.exact @@ phraseto_tsquery('simple', …)`; `*`, `?` and `~`
expand through `search_words` (pg_trgm / fuzzystrmatch) under the same word
limit as Whoosh; fields and ranges become column conditions, names and labels
written exactly as the expression indexes of migration 0018 (`_name_vector`,
`immutable_unaccent`), so PostgreSQL can intersect them with the word's GIN index.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text as sql_text
from sqlalchemy.engine import Connection
from whoosh import fields, qparser, query
from whoosh.util.times import long_to_datetime

from casetracker.search.query import Budget, make_parser
from casetracker.search.schema import build_schema, exact_analyzer

#: Prose fields of the Whoosh schema, read unstemmed here.
_PROSE = ("text", "title", "authority_name", "sender_name", "recipient_name")
#: Searchable label columns: `request:`, `type:`… match the whole value, any case.
_LABELS = {"request_ref": "request_ref", "authority": "authority", "sender": "sender",
           "recipient": "recipient", "kind": "kind"}
_NAMES = {"authority_name": "authority", "sender_name": "sender", "recipient_name": "recipient"}
_NUMBERS = {"document_id": "document_id", "request_id": "request_id", "page": "page",
            "team_id": "team_id", "restricted_to": "restricted_to"}


#: (configuration, word) -> whether PostgreSQL drops the word as a stop word.
_STOP_WORDS: dict[tuple[str, str], bool] = {}


def make_pg_parser() -> qparser.QueryParser:
    """Return the search-box parser over a schema whose prose fields are not stemmed."""
    schema = build_schema()
    for name in _PROSE:
        schema.remove(name)
        schema.add(name, fields.TEXT(analyzer=exact_analyzer()))
    return make_parser(schema)


@dataclass
class Translation:
    """SQL of a WHERE condition with its parameters, and what to rank and mark with."""

    where: str
    params: dict
    #: tsquery SQL expressions of bare words (for ts_rank and ts_headline, english).
    stemmed: list[str] = field(default_factory=list)
    #: tsquery SQL expressions of quoted words and phrases (for ts_rank, simple).
    exact: list[str] = field(default_factory=list)
    #: Quoted words and phrases, as tuples of lowercase words, for marking.
    phrases: list[tuple[str, ...]] = field(default_factory=list)


class Translator:
    """Translate one parsed query; word expansion reads `search_words` through `conn`."""

    def __init__(self, conn: Connection, budget: Budget) -> None:
        self.conn = conn
        self.budget = budget
        self.out = Translation("FALSE", {})

    def translate(self, q: query.Query) -> Translation:
        where = self._sql(q, positive=True)
        self.out.where = where or "FALSE"
        return self.out

    def _param(self, value) -> str:
        # One name per value: a bare word is asked of `text` and `title`, both in one
        # tsvector, and equal SQL is then written (and matched, ranked) once, not twice.
        for name, known in self.out.params.items():
            if type(known) is type(value) and known == value:
                return f":{name}"
        name = f"q{len(self.out.params)}"
        self.out.params[name] = value
        return f":{name}"

    def _sql(self, q: query.Query, *, positive: bool) -> str | None:
        # None: the node asks nothing (a stop word), as Whoosh drops it.
        if q is query.NullQuery or isinstance(q, type(query.NullQuery)):
            return "FALSE"
        if isinstance(q, query.Every):
            return "TRUE"
        if isinstance(q, (query.And, query.Require)):
            parts = [self._sql(sub, positive=positive) for sub in _children(q)]
            parts = [p for p in parts if p is not None]
            return "(" + " AND ".join(parts) + ")" if parts else None
        if isinstance(q, (query.Or, query.DisjunctionMax)):
            parts = [p for p in (self._sql(sub, positive=positive) for sub in q.subqueries) if p is not None]
            return "(" + " OR ".join(dict.fromkeys(parts)) + ")" if parts else None
        if isinstance(q, query.Not):
            inner = self._sql(q.query, positive=not positive)
            return None if inner is None else f"(NOT {inner})"
        if isinstance(q, query.AndNot):
            a = self._sql(q.a, positive=positive)
            b = self._sql(q.b, positive=not positive)
            if a is None:
                return None
            return a if b is None else f"({a} AND NOT {b})"
        if isinstance(q, query.AndMaybe):
            return self._sql(q.a, positive=positive)
        if isinstance(q, query.Phrase):
            return self._phrase(q.fieldname, [w for w in q.words if w], positive)
        if isinstance(q, query.Term):
            return self._term(q.fieldname, q.text, positive)
        if isinstance(q, query.NumericRange):
            return self._range(q)
        if isinstance(q, query.MultiTerm):
            return self._expansion(q, positive)
        return "FALSE"

    def _is_stop(self, config: str, word: str) -> bool:
        # Asked of PostgreSQL once per word and process: its stop list is fixed.
        key = (config, word)
        if key not in _STOP_WORDS:
            if len(_STOP_WORDS) > 50_000:
                _STOP_WORDS.clear()
            _STOP_WORDS[key] = not self.conn.scalar(
                sql_text(f"SELECT numnode(plainto_tsquery('{config}', unaccent(:w)))"), {"w": word})
        return _STOP_WORDS[key]

    def _term(self, fieldname: str, word, positive: bool) -> str | None:
        if fieldname in ("text", "title"):
            if self._is_stop("english", word):
                return None
            tsq = f"plainto_tsquery('english', unaccent({self._param(word)}))"
            if positive and tsq not in self.out.stemmed:
                self.out.stemmed.append(tsq)
            return f"p.stemmed @@ {tsq}"
        if fieldname in ("exact", "title_exact"):
            return self._phrase(fieldname, [word], positive)
        if fieldname in _NAMES:
            if self._is_stop("english", word):
                return None
            return f"{_name_vector(fieldname)} @@ plainto_tsquery('english', unaccent({self._param(word)}))"
        if fieldname in _LABELS:
            return f"lower(immutable_unaccent(coalesce(p.{_LABELS[fieldname]}, ''))) = {self._param(str(word))}"
        if fieldname == "year":
            return f"extract(year FROM p.document_date) = {self._param(int(word))}" if str(word).isdigit() else "FALSE"
        if fieldname in _NUMBERS:
            try:
                return f"p.{_NUMBERS[fieldname]} = {self._param(int(word))}"
            except (TypeError, ValueError):
                return "FALSE"
        return "FALSE"

    def _phrase(self, fieldname: str, words: list[str], positive: bool) -> str | None:
        if not words:
            return None
        phrase = " ".join(words)
        if fieldname in _NAMES:
            return f"{_name_vector(fieldname)} @@ phraseto_tsquery('english', unaccent({self._param(phrase)}))"
        if fieldname not in ("exact", "title_exact", "text", "title"):
            return self._term(fieldname, phrase, positive)
        tsq = f"phraseto_tsquery('simple', unaccent({self._param(phrase)}))"
        if positive and tsq not in self.out.exact:
            self.out.exact.append(tsq)
            self.out.phrases.append(tuple(words))
        return f"p.exact @@ {tsq}"

    def _range(self, q: query.NumericRange) -> str:
        if q.fieldname == "document_date":
            column, convert = "p.document_date", lambda v: long_to_datetime(v).date()
        elif q.fieldname in _NUMBERS:
            column, convert = f"p.{_NUMBERS[q.fieldname]}", int
        else:
            return "FALSE"
        parts = []
        if q.start is not None:
            parts.append(f"{column} {'>' if q.startexcl else '>='} {self._param(convert(q.start))}")
        if q.end is not None:
            parts.append(f"{column} {'<' if q.endexcl else '<='} {self._param(convert(q.end))}")
        return "(" + " AND ".join(parts) + ")" if parts else f"{column} IS NOT NULL"

    def _expansion(self, q: query.MultiTerm, positive: bool) -> str:
        if q.field() not in ("text", "title"):
            return "FALSE"
        words = self._expand(q)
        if not words:
            return "FALSE"
        tsq = f"to_tsquery('english', {self._param(' | '.join(_lexeme(w) for w in words))})"
        if positive and tsq not in self.out.stemmed:
            self.out.stemmed.append(tsq)
        return f"p.stemmed @@ {tsq}"

    def _expand(self, q: query.MultiTerm) -> list[str]:
        limit = self.budget.terms_left + 1
        if isinstance(q, query.FuzzyTerm):
            prefix = q.text[: q.prefixlength]
            rows = self.conn.scalars(sql_text(
                "SELECT word FROM search_words WHERE word LIKE :prefix ESCAPE '\\' "
                "AND levenshtein_less_equal(word, :word, :dist) <= :dist ORDER BY word LIMIT :limit"),
                {"prefix": _like_escape(prefix) + "%", "word": q.text, "dist": q.maxdist, "limit": limit})
        elif isinstance(q, (query.Prefix, query.Wildcard)):
            pattern = _like_escape(q.text) + "%" if isinstance(q, query.Prefix) else _glob_to_like(q.text)
            rows = self.conn.scalars(sql_text(
                "SELECT word FROM search_words WHERE word LIKE :pattern ESCAPE '\\' ORDER BY word LIMIT :limit"),
                {"pattern": pattern, "limit": limit})
        else:
            return []
        words = list(rows)
        for _ in words:
            self.budget.spend_term()
        self.budget.check_time()
        return words


def _name_vector(fieldname: str) -> str:
    # Word for word the expression of the ix_search_pages_*_name indexes (models.SEARCH_PAGES_PG_DDL).
    return f"to_tsvector('english', immutable_unaccent(coalesce(p.{_NAMES[fieldname]}, '')))"


def _children(q: query.Query) -> list[query.Query]:
    return [q.a, q.b] if isinstance(q, query.Require) else list(q.subqueries)


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _glob_to_like(glob: str) -> str:
    return _like_escape(glob).replace("*", "%").replace("?", "_")

