"""What the officer side adds to a letter's context: who signs it, the s12 estimate, the s36 opinion check.

Called by ``letters.context.build_context``; a requester team's letters are left as they are.
"""

from __future__ import annotations

from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.letters.constants import LetterKind
from casetracker.letters.errors import LetterDataError

__all__ = ["add_side_defaults", "check_side_rules", "default_signatory"]


def _officer_name(info_request: InfoRequest, kind: LetterKind) -> str:
    from casetracker.officer.services import assignment_for

    row = assignment_for(info_request.id)
    if row is None:
        return ""
    # The internal review outcome is the reviewer's letter (s45 Code para 5.9); the rest the case officer's.
    officer = row.review_officer if kind is LetterKind.INTERNAL_REVIEW_OUTCOME and row.review_officer else row.officer
    return officer.display_name if officer else ""


def default_signatory(info_request: InfoRequest, kind: LetterKind, user) -> str | None:
    """Return who signs an authority's letter: the assigned officer, else the user writing it.

    A requester's letter is signed by the requester (``None`` here).
    """
    if not kind.from_authority:
        return None
    if info_request.team.is_authority:
        return _officer_name(info_request, kind) or user.display_name
    return user.display_name


def add_side_defaults(ctx: dict, info_request: InfoRequest, kind: LetterKind) -> None:
    """Fill an FOI office's letter: the assigned officer signs; a relied-on s12 estimate goes in the refusal.

    FOIA s12 and s16: the estimate and the advice on narrowing come from the
    cost limit workbench (``officer.estimates``).
    """
    if not info_request.team.is_authority or not kind.from_authority:
        return
    if not (ctx.get("signatory") or {}).get("name"):
        name = _officer_name(info_request, kind)
        if name:
            ctx["signatory"] = {"name": name}
    if kind is LetterKind.REFUSAL_NOTICE and not ctx.get("cost_limit"):
        from casetracker.officer.estimates import cost_limit_fields

        fields = cost_limit_fields(info_request)
        if fields:
            ctx["cost_limit"] = fields


def check_side_rules(ctx: dict, info_request: InfoRequest, kind: LetterKind) -> None:
    """Refuse an FOI office's letter citing s36 before the qualified person's opinion is recorded.

    FOIA s36(2): the exemption applies only "in the reasonable opinion of a
    qualified person"; the opinion must exist before the authority relies on it.
    """
    if not info_request.team.is_authority or kind not in (LetterKind.REFUSAL_NOTICE, LetterKind.EXTENSION_NOTICE):
        return
    codes = [str((e or {}).get("code", "")).replace(" ", "").lower() for e in ctx.get("exemptions") or []
             if isinstance(e, dict)]
    if not any(code.startswith(("s36", "section36")) for code in codes):
        return
    from casetracker.officer.models import QualifiedPersonOpinion

    if db.session.scalar(db.select(QualifiedPersonOpinion.id)
                         .where(QualifiedPersonOpinion.request_id == info_request.id).limit(1)) is None:
        raise LetterDataError({"exemptions": "Record the qualified person's opinion (who gave it and when) on the "
                                             "request before citing section 36."})
