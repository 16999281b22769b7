"""Read the search box: words, "phrases", AND/OR/NOT, wildcards, fuzzy terms, field filters."""

import re
import threading
from copy import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from time import monotonic

from whoosh import qparser, query
from whoosh.fields import Schema
from whoosh.qparser import syntax
from whoosh.reading import IndexReader
from whoosh.support.levenshtein import distance as edit_distance

from casetracker.search.phrases import AdjacentPhrase
from casetracker.search.schema import DEFAULT_FIELDS, EXACT_FIELDS, FIELD_ALIASES, PROSE_FIELD
from casetracker.search.stems import StemWords

#: Longest query accepted, in characters; longer ones are refused.
MAX_QUERY_LENGTH = 500

#: Largest edit distance honoured for `word~N`; more expands to most of the vocabulary.
MAX_FUZZY_DISTANCE = 2
#: Letters a fuzzy word's matches share with it at the start (`word~N/P` asks
#: for more): most misspellings keep the first letter, and without it every
#: word in the index is compared.
MIN_FUZZY_PREFIX = 1

#: Most distinct words that wildcards, prefixes, fuzzy terms and ranges of one
#: query may expand to; each is a posting list read for every search.
MAX_EXPANDED_TERMS = 1000

#: Seconds one search may spend expanding and matching before it is refused.
SEARCH_TIME_BUDGET = 1.5

PLAIN_WORDS_NOTICE = (
    "Your query could not be understood as written, so it was searched as plain words."
)

_BINARY_OPERATORS = frozenset({"AND", "OR", "ANDNOT", "ANDMAYBE"})
_PHRASE = re.compile(r'"[^"]*"')
_RANGE = re.compile(r"[\[{][^\[\]{}()]*[\]}]")
_TOKEN = re.compile(r"\(|\)|[^\s()]+")
_WORD = re.compile(r"\w+")


class QueryTooLong(ValueError):
    """The query is over MAX_QUERY_LENGTH characters."""

    def __init__(self, length: int):
        super().__init__(
            f"Your search is {length} characters long; please shorten it to "
            f"{MAX_QUERY_LENGTH} characters or fewer."
        )
        self.length = length


class QueryTooBroad(ValueError):
    """The query expands to too many words, or would take too long to run."""

    def __init__(self, reason: str):
        super().__init__(
            f"Your search {reason}; please make its wildcards (*, ?) and fuzzy "
            "words (~) more specific, or use fewer of them."
        )


class Budget:
    """The words a query may still expand to and the time it may still take."""

    def __init__(self, *, max_terms: int | None = None, seconds: float | None = None):
        self.max_terms = MAX_EXPANDED_TERMS if max_terms is None else max_terms
        self.terms_left = self.max_terms
        self.seconds = SEARCH_TIME_BUDGET if seconds is None else seconds
        self.deadline = monotonic() + self.seconds

    def spend_term(self) -> None:
        """Count one expanded word; raise QueryTooBroad past the limit."""
        self.terms_left -= 1
        if self.terms_left < 0:
            raise QueryTooBroad(f"matches more than {self.max_terms:,} different words")

    def remaining(self) -> float:
        """Return the seconds left (negative once spent)."""
        return self.deadline - monotonic()

    def check_time(self) -> None:
        """Raise QueryTooBroad once the time budget is spent."""
        if monotonic() > self.deadline:
            raise QueryTooBroad(f"would take more than {self.seconds:g} seconds")


class ExactPhrasePlugin(qparser.Plugin):
    """Send quoted words and phrases on prose fields to their unstemmed copies (EXACT_FIELDS)."""

    def filters(self, parser):
        # After MultifieldPlugin (110) has copied each unfielded node per field.
        return [(self.do_exact, 112)]

    def do_exact(self, parser, group):
        for i, node in enumerate(group):
            if isinstance(node, syntax.GroupNode):
                group[i] = self.do_exact(parser, node)
            elif isinstance(node, qparser.PhrasePlugin.PhraseNode) and node.fieldname in EXACT_FIELDS:
                node.fieldname = EXACT_FIELDS[node.fieldname]
        return group


@dataclass(frozen=True)
class ParsedQuery:
    """A Whoosh query ready to run, and a notice for the user if it was rewritten."""

    query: query.Query
    notice: str | None = None


def make_parser(schema: Schema) -> qparser.QueryParser:
    """Return the parser for the search box; text and title are searched by default."""
    parser = qparser.MultifieldParser(
        list(DEFAULT_FIELDS), schema, fieldboosts={"title": 2.0}
    )
    parser.add_plugin(qparser.FuzzyTermPlugin())
    aliases: dict[str, list[str]] = {}
    for alias, field in FIELD_ALIASES.items():
        aliases.setdefault(field, []).append(alias)
    parser.add_plugin(qparser.FieldAliasPlugin(aliases))
    parser.add_plugin(ExactPhrasePlugin())
    parser.phraseclass = AdjacentPhrase
    return parser


_PARSERS = threading.local()


def thread_parser(factory: Callable[[], qparser.QueryParser]) -> qparser.QueryParser:
    """Return this thread's parser made by ``factory``, made once per thread and kept.

    Building one (its schema, analyzers and plugins) cost every search page about
    a millisecond; a parser is only read while parsing, but Whoosh does not
    promise it is thread-safe, so each thread has its own.
    """
    parsers = getattr(_PARSERS, "by_factory", None)
    if parsers is None:
        parsers = _PARSERS.by_factory = {}
    parser = parsers.get(factory)
    if parser is None:
        parser = parsers[factory] = factory()
    return parser


def parse_query(text: str, parser: qparser.QueryParser) -> ParsedQuery:
    """Turn what the user typed into a query; malformed input becomes plain words.

    Dates in `date:[2022-02-01 TO 2022-02-28]` are ISO (YYYY[-MM[-DD]]), both ends
    included. Raises QueryTooLong over MAX_QUERY_LENGTH characters; never raises
    for bad syntax, which is searched as plain words with PLAIN_WORDS_NOTICE.
    """
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryTooLong(len(text))
    if not text.strip():
        return ParsedQuery(query.NullQuery)
    parsed = None if _looks_malformed(text) else _parse_strictly(text, parser)
    if parsed is None:
        return ParsedQuery(plain_words_query(text, parser.schema), PLAIN_WORDS_NOTICE)
    return ParsedQuery(parsed)


def plain_words_query(text: str, schema: Schema) -> query.Query:
    """Return a query needing every word of `text` in the text or title, ignoring syntax."""
    clauses = []
    for word in _WORD.findall(text):
        terms = [
            query.Term(field, token)
            for field in DEFAULT_FIELDS
            for token in schema[field].process_text(word, mode="query")
        ]
        if terms:
            clauses.append(query.Or(terms))
    return query.And(clauses) if clauses else query.NullQuery


def expand_bounded(q: query.Query, reader: IndexReader, budget: Budget,
                   stems: StemWords | None = None) -> query.Query:
    """Return `q` with every wildcard, prefix, fuzzy term and term range replaced by its words.

    Expansion stops with QueryTooBroad past `budget`'s word limit or time, so a
    query of sixty wildcards costs a bounded scan of the word lists, never a
    search over thousands of posting lists (issue 10: bounded query cost).
    A term that expands to nothing becomes NullQuery. Words of the page text
    (`text`, indexed only as its exact copy) become the exact words of their
    stem; its wildcards and fuzzy words expand over the exact words, then to
    their stems' words, as on PostgreSQL.
    """
    if stems is None:
        stems = StemWords(reader)
    if isinstance(q, query.Term) and q.fieldname == PROSE_FIELD:
        return stems.query_for([q.text], q.boost)
    if isinstance(q, query.MultiTerm):
        field = q.field()
        if field == PROSE_FIELD:
            exact = copy(q)
            exact.fieldname = EXACT_FIELDS[PROSE_FIELD]
            return stems.query_for(_expanded_words(exact, reader, budget), q.boost)
        if not field or field not in reader.schema:
            return query.NullQuery
        terms = [query.Term(field, text, boost=q.boost) for text in _expanded_words(q, reader, budget)]
        if not terms:
            return query.NullQuery
        return terms[0] if len(terms) == 1 else query.Or(terms, boost=1.0)
    if q.is_leaf():
        return q
    return q.apply(lambda child: expand_bounded(child, reader, budget, stems))


def _expanded_words(q: query.MultiTerm, reader: IndexReader, budget: Budget) -> list:
    from_bytes = reader.schema[q.field()].from_bytes
    words = []
    for scanned, btext in enumerate(_candidate_terms(q, reader)):
        if btext is not None:
            budget.spend_term()
            # terms_within (fuzzy) yields text, the lexicon bytes.
            words.append(btext if isinstance(btext, str) else from_bytes(btext))
        if scanned % 512 == 0:
            budget.check_time()
    return words


def _candidate_terms(q: query.MultiTerm, reader: IndexReader) -> Iterator[bytes | None]:
    # Yields each matching word, and None for each word scanned without a
    # match, so the caller can check the clock during a long scan.
    if isinstance(q, query.PatternQuery) and not isinstance(q, query.Prefix):
        pattern = re.compile(q._get_pattern())
        prefix = q._find_prefix(q.text)
        candidates = reader.expand_prefix(q.fieldname, prefix) if prefix else reader.lexicon(q.fieldname)
        from_bytes = reader.schema[q.fieldname].from_bytes
        for btext in candidates:
            yield btext if pattern.match(from_bytes(btext)) else None
    elif isinstance(q, query.FuzzyTerm):
        # Whoosh's terms_within computes the edit distance of every word with
        # the prefix; a word whose length differs by more than maxdist is
        # further than maxdist, so it is skipped unmeasured.
        text, maxdist = q.text, q.maxdist
        from_bytes = reader.schema[q.fieldname].from_bytes
        for btext in reader.expand_prefix(q.fieldname, text[: q.prefixlength]):
            word = from_bytes(btext)
            near = abs(len(word) - len(text)) <= maxdist and edit_distance(word, text, limit=maxdist) <= maxdist
            yield btext if near else None
    else:
        yield from q._btexts(reader)


def highlight_terms(q: query.Query, reader: IndexReader, field: str = "text") -> set[bytes]:
    """Return the indexed terms of `field` that the query looks for, wildcards expanded.

    Terms under NOT are left out: a page shown for `tax NOT vat` has no "vat" to mark.
    """
    terms: set[bytes] = set()
    for leaf in _positive_leaves(q):
        if isinstance(leaf, query.Phrase):  # marked whole, by highlight_phrases
            continue
        for leaf_field, term in leaf.existing_terms(reader, expand=True, fieldname=field):
            if leaf_field == field:
                terms.add(term)
    return terms


def highlight_phrases(q: query.Query, reader: IndexReader, field: str = "exact") -> set[tuple[bytes, ...]]:
    """Return the phrases of `field` the query looks for, as tuples of indexed terms."""
    phrases = set()
    for leaf in _positive_leaves(q):
        if isinstance(leaf, query.Phrase) and leaf.fieldname == field and field in reader.schema:
            to_bytes = reader.schema[field].to_bytes
            phrases.add(tuple(to_bytes(word) for word in leaf.words))
    return phrases


def _parse_strictly(text: str, parser: qparser.QueryParser) -> query.Query | None:
    # Whoosh raises plain ValueError/TimeError from inside field parsers (a
    # bad date in a range) and returns error queries for others, so both count.
    try:
        parsed = parser.parse(text)
    except Exception:
        return None
    leaves = [parsed] if parsed.is_leaf() else list(parsed.leaves())
    if any(getattr(leaf, "error", None) for leaf in leaves):
        return None
    for leaf in leaves:
        if isinstance(leaf, query.FuzzyTerm):
            leaf.maxdist = min(leaf.maxdist, MAX_FUZZY_DISTANCE)
            leaf.prefixlength = max(leaf.prefixlength, MIN_FUZZY_PREFIX)
    return _require_ranges(parsed)


def _require_ranges(q: query.Query) -> query.Query:
    # Whoosh scores a range at a constant by listing every page in it first
    # (4,000 pages for `date:2021` in 20,000); as the unscored side of a
    # Require it is only stepped through where the words match, 5 times faster.
    if q.is_leaf():
        return q
    q = q.apply(_require_ranges)
    if not isinstance(q, query.And):
        return q
    ranges = [sub for sub in q.subqueries if isinstance(sub, query.NumericRange)]
    words = [sub for sub in q.subqueries if not isinstance(sub, query.NumericRange)]
    if not ranges or not words:
        return q
    required = [
        query.NumericRange(r.fieldname, r.start, r.end, r.startexcl, r.endexcl, constantscore=False)
        for r in ranges
    ]
    return query.Require(
        words[0] if len(words) == 1 else query.And(words, boost=q.boost),
        required[0] if len(required) == 1 else query.And(required),
    )


def _looks_malformed(text: str) -> bool:
    # Whoosh silently repairs unbalanced quotes, brackets and dangling
    # operators into something the user did not ask for; we tell them instead.
    if text.count('"') % 2:
        return True
    rest = _RANGE.sub(" x ", _PHRASE.sub(" x ", text))
    if any(ch in rest for ch in "[]{}"):
        return True
    previous = "start"
    depth = 0
    for token in _TOKEN.findall(rest):
        kind = _token_kind(token)
        if kind == "close":
            depth -= 1
            if depth < 0 or previous not in ("term", "close"):
                return True
        elif kind == "binary" and previous not in ("term", "close"):
            return True
        elif kind == "open":
            depth += 1
        previous = kind
    return depth != 0 or previous in ("binary", "not", "open")


def _token_kind(token: str) -> str:
    if token == "(":
        return "open"
    if token == ")":
        return "close"
    if token in _BINARY_OPERATORS:
        return "binary"
    if token == "NOT":
        return "not"
    return "term"


def _positive_leaves(q: query.Query) -> Iterator[query.Query]:
    if isinstance(q, query.Not):
        return
    if isinstance(q, query.AndNot):
        yield from _positive_leaves(q.a)
    elif q.is_leaf():
        yield q
    else:
        for child in q.children():
            yield from _positive_leaves(child)
