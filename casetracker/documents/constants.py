"""States of a stored document."""

from enum import StrEnum


class DocumentStatus(StrEnum):
    """What storing a document gave; never whether it is searchable (that is ``SearchStatus``).

    ``failed`` documents keep their file and the reason, so nothing is silently skipped.
    """

    STORED = "stored"
    FAILED = "failed"
    #: Written before migration 0011 for every stored document, searchable or not; read as ``stored``.
    INDEXED = "indexed"


class SearchStatus(StrEnum):
    """Whether a document can be found by search, read from its index outbox row (``outbox.shown_status``)."""

    INDEXED = "indexed"
    PENDING = "pending"
    REMOVING = "removing"
    FAILED = "failed"


#: How each search status reads on a page.
SEARCH_STATUS_LABELS = {
    SearchStatus.INDEXED: "in search",
    SearchStatus.PENDING: "waiting for the search index",
    SearchStatus.REMOVING: "being removed from search",
    SearchStatus.FAILED: "could not be read",
}
