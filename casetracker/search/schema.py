"""The Whoosh schema of the search index: one entry per page of a document."""

from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache

from whoosh import fields, formats
from whoosh.analysis import (
    CharsetFilter,
    IDTokenizer,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.support.charset import accent_map

#: Fields searched when a query names no field.
DEFAULT_FIELDS = ("text", "title")

#: Prose fields whose quoted words and phrases are looked up in an unstemmed,
#: stop-word-keeping copy, so `"officers"` is exact (the copies index the same text).
EXACT_FIELDS = {"text": "exact", "title": "title_exact"}

#: The page's text: stored for snippets, searched through its exact copy (see stems.py).
PROSE_FIELD = "text"

#: Restriction of a page everyone in its team may open (see PageEntry.restricted_to).
OPEN_TO_TEAM = 0

#: Words users type before a colon, mapped to the schema field they search.
FIELD_ALIASES = {
    "authority": "authority_name",
    "from": "sender_name",
    "to": "recipient_name",
    "request": "request_ref",
    "type": "kind",
    "date": "document_date",
}


def text_analyzer():
    """Return the analyzer for prose: lowercase, accent folding, English stemming.

    Accents are folded before stemming so "résumés" and "resumes" reach the
    same stem; folding after would stem the accented form differently.
    """
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter()
        | StemFilter()
    )


def exact_analyzer():
    """Return the analyzer for exact phrases: lowercase and accent folding only.

    Stop words stay (with their positions) so "freedom of information" never
    matches "freedom and information"; nothing is stemmed so "officers" never
    matches "Office".
    """
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


#: The words exact_analyzer()'s tokenizer finds.
_EXACT_WORD = RegexTokenizer().expression


class ExactCharacters(formats.Characters):
    """Index the exact copy of a page as exact_analyzer() would, in one loop over the words.

    The same words, positions and character offsets as Whoosh's own chain
    (tokenizer, then lowercase, then accent folding), without a Token object
    and three generators per word: a third of a rebuild's time (``iter_exact_words``).
    """

    def word_values(self, value, analyzer, **kwargs):
        """Yield (word, frequency, weight, encoded positions and characters) for each distinct word."""
        seen = defaultdict(list)
        for pos, (word, start, end) in enumerate(iter_exact_words(value)):
            seen[word].append((pos, start, end))
        boost = self.field_boost
        for word, places in seen.items():
            yield word, len(places), len(places) * boost, self.encode(places)


def iter_exact_words(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield (word, start, end) of each word of `text` as exact_analyzer() reads it, in one loop.

    The tokenizer, then lowercase, then accent folding, without a Token object
    and three generators per word (a fifth of the time): what ExactCharacters
    indexes, and what the PostgreSQL backend marks phrases with.
    """
    for match in _EXACT_WORD.finditer(text):
        word = match.group().lower()
        if not word.isascii():  # accent_map leaves lowercase ASCII as it is
            word = word.translate(accent_map)
        yield word, match.start(), match.end()


def exact_words(text: str) -> list[tuple[str, int, int]]:
    """Return ``iter_exact_words(text)`` as a list (phrases are matched by index)."""
    return list(iter_exact_words(text))


def label_analyzer():
    """Return the analyzer for whole-value labels such as a request reference."""
    return IDTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def build_schema() -> fields.Schema:
    """Return the schema: one document per page, keyed by "document_id:page".

    Label fields (`authority`, `sender`, `request_ref`, `kind`, `year`) are sortable so
    facets read their original spelling from columns, not from stored fields,
    which would unpickle every page's text.
    """
    prose = text_analyzer()
    exact = exact_analyzer()
    # shift_step=0 indexes one term per number instead of one per 4 bits: ids
    # are only ever matched exactly, and each extra term slows every commit.
    exact_number = dict(numtype=int, bits=64, stored=True, shift_step=0)
    return fields.Schema(
        page_key=fields.ID(unique=True, stored=True),
        document_id=fields.NUMERIC(sortable=True, **exact_number),
        request_id=fields.NUMERIC(**exact_number),
        request_ref=fields.ID(stored=True, sortable=True, analyzer=label_analyzer()),
        authority=fields.ID(stored=True, sortable=True, analyzer=label_analyzer()),
        authority_name=fields.TEXT(analyzer=prose),
        team_id=fields.NUMERIC(**exact_number),
        #: OPEN_TO_TEAM, or the one user who may open the page (a private request's
        #: creator; -1 for nobody), so totals and facets count only what a user can open.
        restricted_to=fields.NUMERIC(**exact_number),
        sender=fields.ID(stored=True, sortable=True, analyzer=label_analyzer()),
        sender_name=fields.TEXT(analyzer=prose),
        recipient=fields.ID(stored=True, sortable=True, analyzer=label_analyzer()),
        recipient_name=fields.TEXT(analyzer=prose),
        #: Fingerprint of the document's entries, the same on each of its pages.
        fingerprint=fields.ID(stored=True),
        kind=fields.ID(stored=True, sortable=True, analyzer=label_analyzer()),
        document_date=fields.DATETIME(stored=True, sortable=True),
        year=fields.ID(sortable=True),
        page=fields.NUMERIC(sortable=True, **exact_number),
        title=fields.TEXT(stored=True, analyzer=prose),
        title_exact=fields.TEXT(analyzer=exact),
        # The text is indexed once, unstemmed: a bare word is looked up as the
        # exact words sharing its stem (stems.py). A second, stemmed copy
        # doubled the postings, which are most of a rebuild's cost.
        text=fields.STORED(),
        # chars=True keeps each match's character offsets in the postings, so
        # snippets never re-tokenize a page (a 1 MB page would take seconds).
        exact=_exact_text(exact),
    )


def _exact_text(analyzer) -> fields.TEXT:
    field = fields.TEXT(chars=True, analyzer=analyzer)
    field.format = ExactCharacters(field_boost=field.format.field_boost)
    return field


@lru_cache(maxsize=1)
def shared_schema() -> fields.Schema:
    """Return this process's copy of ``build_schema()``, built once; it is read, never changed."""
    return build_schema()


def query_schema() -> fields.Schema:
    """Return the schema the search box is parsed with: `text` read unstemmed, as the exact copy holds it."""
    schema = build_schema()
    schema.remove(PROSE_FIELD)
    schema.add(PROSE_FIELD, fields.TEXT(analyzer=exact_analyzer()))
    return schema


_PROSE = text_analyzer()


@lru_cache(maxsize=200_000)
def prose_stem(word: str) -> str | None:
    """Return the stem the prose analyzer gives one exact word, or None for a stop word."""
    stems = [token.text for token in _PROSE(word, mode="index")]
    return stems[0] if len(stems) == 1 else None
