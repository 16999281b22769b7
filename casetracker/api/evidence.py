"""``/api/v1/requests/<id>/claims``: claims with their evidence and status; record a claim; link evidence."""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint, abort

from casetracker.api.common import refuse
from casetracker.api.record_schemas import ClaimCreateSchema, ClaimListSchema, ClaimSchema, EvidenceCreateSchema
from casetracker.api.record_schemas import EvidenceSchema
from casetracker.documents.access import get_document
from casetracker.evidence.models import Claim
from casetracker.evidence.services import EvidenceError, QuoteNotFound, link_evidence, record_claim
from casetracker.extensions import db
from casetracker.info_requests.access import get_request

blp = Blueprint("api_evidence", __name__, url_prefix="/api/v1/requests",
                description="Claims made about a request's subject and the passages that bear on them.")


def _claim(request_id: int, claim_id: int, *, edit: bool = False) -> Claim:
    info_request = get_request(request_id, edit=edit)
    claim = db.session.get(Claim, claim_id)
    if claim is None or claim.request_id != info_request.id:
        abort(404, message="There is no such claim on this request.")
    return claim


@blp.route("/<int:request_id>/claims")
class Claims(MethodView):
    @blp.response(200, ClaimListSchema)
    def get(self, request_id):
        """List a request's claims with their evidence and computed status."""
        info_request = get_request(request_id)
        return {"items": list(db.session.scalars(db.select(Claim).where(Claim.request_id == info_request.id)
                                                 .order_by(Claim.id)))}

    @blp.arguments(ClaimCreateSchema)
    @blp.response(201, ClaimSchema)
    def post(self, data, request_id):
        """Record a claim, with who made it, when and where (a page of one of the request's documents)."""
        info_request = get_request(request_id, edit=True)
        document_id = data.pop("recorded_in_document_id")
        document = get_document(document_id) if document_id else None
        try:
            claim = record_claim(info_request, actor=current_user._get_current_object(),
                                 recorded_in_document=document, **data)
        except EvidenceError as exc:
            refuse(exc, "text")
        db.session.commit()
        return claim


@blp.route("/<int:request_id>/claims/<int:claim_id>/evidence", methods=["POST"])
@blp.arguments(EvidenceCreateSchema)
@blp.response(201, EvidenceSchema)
def link(data, request_id, claim_id):
    """Link an exact quote of a document page to the claim; a quote not on the page is refused (422)."""
    claim = _claim(request_id, claim_id, edit=True)
    document = get_document(data.pop("document_id"))
    try:
        passage = link_evidence(document, data.pop("page"), data.pop("quote"), data.pop("stance"),
                                actor=current_user._get_current_object(), claim=claim, **data)
    except (EvidenceError, QuoteNotFound) as exc:
        refuse(exc, "quote")
    db.session.commit()
    return passage
