"""``/api/v1/requests/<id>/correspondence``: a request's letters and emails; record one."""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint

from casetracker.api.common import refuse
from casetracker.api.record_schemas import CorrespondenceCreateSchema, CorrespondenceListSchema, CorrespondenceSchema
from casetracker.correspondence.services import CorrespondenceError, correspondence_for, record_correspondence
from casetracker.documents.access import get_document
from casetracker.extensions import db
from casetracker.info_requests.access import get_request

blp = Blueprint("api_correspondence", __name__, url_prefix="/api/v1/requests",
                description="Correspondence: recording it moves the request's status and clocks.")


@blp.route("/<int:request_id>/correspondence")
class Correspondence(MethodView):
    @blp.response(200, CorrespondenceListSchema)
    def get(self, request_id):
        """List a request's correspondence, oldest first."""
        return {"items": correspondence_for(get_request(request_id).id)}

    @blp.arguments(CorrespondenceCreateSchema)
    @blp.response(201, CorrespondenceSchema)
    def post(self, data, request_id):
        """Record a letter or email, as the Record correspondence page does: same clocks and audit entry."""
        info_request = get_request(request_id, edit=True)
        for document_id in data["document_ids"]:
            if get_document(document_id).request_id != info_request.id:
                refuse(ValueError("Attach documents of this request only."), "document_ids")
        try:
            entry = record_correspondence(info_request, actor=current_user._get_current_object(), **data)
        except CorrespondenceError as exc:
            refuse(exc, "dated")
        db.session.commit()
        return entry
