"""Find a bare word's stemmed matches through the exact copy of the text.

The page text is indexed once, unstemmed and with stop words (the `exact`
field, which phrases need). A bare word matches every exact word with the same
English stem (`officers` finds "officer" and "office", as before), so the
words of a stem are listed from the exact field's word list: a Porter stem
keeps all but at most the last two letters of its word, so the candidates are
the words starting with the stem less two letters, kept if their stem is the
same. The lists are cached per open searcher.
"""

from collections.abc import Iterable

from whoosh import query
from whoosh.reading import IndexReader

from casetracker.search.schema import EXACT_FIELDS, PROSE_FIELD, prose_stem

EXACT_FIELD = EXACT_FIELDS[PROSE_FIELD]
#: Stems whose words are kept per searcher before the cache is emptied.
MAX_CACHED_STEMS = 20_000


class StemWords:
    """The exact words of each stem in one reader's index."""

    def __init__(self, reader: IndexReader) -> None:
        self.reader = reader
        self._words: dict[str, list[str]] = {}

    def words(self, stem: str) -> list[str]:
        """Return the indexed exact words whose prose stem is `stem`, in word order."""
        if stem not in self._words:
            if len(self._words) >= MAX_CACHED_STEMS:
                self._words.clear()
            prefix = stem[: max(1, len(stem) - 2)]
            found = []
            if EXACT_FIELD in self.reader.schema:
                for btext in self.reader.expand_prefix(EXACT_FIELD, prefix):
                    word = btext.decode("utf-8")
                    if prose_stem(word) == stem:
                        found.append(word)
            self._words[stem] = found
        return self._words[stem]

    def query_for(self, words: Iterable[str], boost: float = 1.0) -> query.Query:
        """Return a query for the exact words sharing a stem with any of `words` (stop words match nothing)."""
        stems = {prose_stem(word) for word in words} - {None}
        terms = sorted({w for stem in stems for w in self.words(stem)})
        if not terms:
            return query.NullQuery
        if len(terms) == 1:
            return query.Term(EXACT_FIELD, terms[0], boost=boost)
        return query.Or([query.Term(EXACT_FIELD, w) for w in terms], boost=boost)
