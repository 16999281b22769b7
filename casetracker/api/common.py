"""Helpers the API's resource modules share: service refusals as 422, cursors, today."""

from __future__ import annotations

import base64
import binascii

from flask_smorest import abort

from casetracker.extensions import db


def refuse(exc: Exception, default_field: str) -> None:
    """Undo the transaction and answer 422 with a service's refusal under the field it names.

    ``exc`` is one of the domains' data errors (``RequestDataError``,
    ``CorrespondenceError``, ``DocumentError``, ``EvidenceError``, …), the same
    the pages show next to a form field (``forms_common.apply_service_error``).
    """
    db.session.rollback()
    field = getattr(exc, "field", None) or default_field
    if not isinstance(field, str):
        field = default_field
    abort(422, message=str(exc), errors={field: [str(exc)]})


def encode_cursor(last_id: int) -> str:
    """Return the opaque cursor that continues after row ``last_id``."""
    return base64.urlsafe_b64encode(f"after:{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """Return the row id a cursor continues after (0 for none); answer 400 for one this API did not give."""
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        prefix, _, number = text.partition(":")
        value = int(number)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        value, prefix = -1, ""
    if prefix != "after" or not 0 <= value < 2**63:
        abort(400, message="That cursor is not one this API gave; start again without it.")
    return value


def page_of(items: list, limit: int, *, id_of=lambda item: item.id) -> dict:
    """Return ``{"items": …, "next_cursor": …}``; ``items`` holds up to ``limit + 1`` rows (one more means more)."""
    more = len(items) > limit
    items = items[:limit]
    return {"items": items, "next_cursor": encode_cursor(id_of(items[-1])) if more and items else None}
