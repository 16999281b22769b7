"""``/api/v1/requests``: list with filters and a cursor, create, read, update; the stored clocks."""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint

from casetracker.api.common import decode_cursor, page_of, refuse
from casetracker.api.schemas import ClockListSchema, RequestCreateSchema, RequestFiltersSchema, RequestPageSchema
from casetracker.api.schemas import RequestSchema, RequestUpdateSchema
from casetracker.auth.permissions import check_object_access
from casetracker.extensions import db
from casetracker.info_requests.access import get_request
from casetracker.info_requests.clock_models import RequestClock
from casetracker.info_requests.listing import requests_after
from casetracker.info_requests.models import InfoRequest, PublicAuthority
from casetracker.info_requests.projection import status_on
from casetracker.info_requests.services import RequestDataError, open_request, update_request
from casetracker.timeutil import uk_today

blp = Blueprint("api_requests", __name__, url_prefix="/api/v1/requests",
                description="Requests (FOIA, EIR, FOISA, SAR) and their stored clocks.")


def clock_rows(info_request: InfoRequest, *, current_only: bool = False) -> list[dict]:
    """Return the request's stored clocks (``request_clocks``) with where each stands today."""
    query = db.select(RequestClock).where(RequestClock.request_id == info_request.id)
    if current_only:
        query = query.where(RequestClock.is_current.is_(True))
    today = uk_today()
    return [{"name": row.name, "label": row.label, "due_on": row.due_on, "state": row.state,
             "status": (status_on(row, today) or None), "ended_on": row.ended_on, "explanation": row.explanation,
             "owed_by_authority": row.owed_by_authority}
            for row in db.session.scalars(query.order_by(RequestClock.position))]


def _dump(info_request: InfoRequest) -> InfoRequest:
    current = clock_rows(info_request, current_only=True)
    info_request.next_clock = current[0] if current else None
    return info_request


def _authority_for(authority_id: int, team_id: int | None = None) -> PublicAuthority:
    """Load an authority the user may edit in; in ``team_id`` when given (422 otherwise, as the page says)."""
    authority = check_object_access(current_user, db.session.get(PublicAuthority, authority_id), edit=True)
    if team_id is not None and authority.team_id != team_id:
        refuse(RequestDataError("Choose one of your team's authorities.", "authority_id"), "authority_id")
    return authority


@blp.route("")
class Requests(MethodView):
    @blp.arguments(RequestFiltersSchema, location="query")
    @blp.response(200, RequestPageSchema)
    def get(self, args):
        """List the requests you may see, oldest first, filtered; follow next_cursor for more."""
        limit = args["limit"]
        rows = requests_after(current_user, today=uk_today(), after_id=decode_cursor(args.get("cursor")),
                              limit=limit + 1, status=args.get("status", ""), regime=args.get("regime", ""),
                              authority_id=args.get("authority"), due_before=args.get("due_before"),
                              due_after=args.get("due_after"))
        page = page_of([row.request for row in rows], limit)
        page["items"] = [_dump(r) for r in page["items"]]
        return page

    @blp.arguments(RequestCreateSchema)
    @blp.response(201, RequestSchema)
    def post(self, data):
        """Open a request, as the New request page does: same checks, stored clocks and audit entry."""
        authority = _authority_for(data.pop("authority_id"))
        try:
            info_request = open_request(team=authority.team, authority=authority, title=data.pop("title"),
                                        received_on=data.pop("received_on"), sent_on=data.pop("sent_on", None),
                                        regime=data.pop("regime", None), actor=current_user._get_current_object(),
                                        **data)
        except RequestDataError as exc:
            refuse(exc, "title")
        db.session.commit()
        return _dump(info_request)


@blp.route("/<int:request_id>")
class OneRequest(MethodView):
    @blp.response(200, RequestSchema)
    def get(self, request_id):
        """Read a request with its next open clock."""
        return _dump(get_request(request_id))

    @blp.arguments(RequestUpdateSchema)
    @blp.response(200, RequestSchema)
    def patch(self, data, request_id):
        """Change some of a request's details or stages; the clocks and audit follow as on the Edit page."""
        info_request = get_request(request_id, edit=True)
        if "authority_id" in data:
            _authority_for(data["authority_id"], info_request.team_id)
        try:
            update_request(info_request, actor=current_user._get_current_object(), **data)
        except RequestDataError as exc:
            refuse(exc, "title")
        db.session.commit()
        return _dump(info_request)


@blp.route("/<int:request_id>/clocks")
@blp.response(200, ClockListSchema)
def clocks(request_id):
    """The request's clocks as stored (``request_clocks``), each with where it stands today."""
    return {"items": clock_rows(get_request(request_id))}
