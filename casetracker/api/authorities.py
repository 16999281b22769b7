"""``/api/v1/authorities``: the public authorities of your teams; add one."""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint, abort

from casetracker.api.common import refuse
from casetracker.api.schemas import AuthorityCreateSchema, AuthorityListSchema, AuthoritySchema, AuthorityUpdateSchema
from casetracker.auth.models import Team
from casetracker.auth.permissions import check_object_access, check_team_access, editable_team_ids
from casetracker.extensions import db
from casetracker.info_requests.models import PublicAuthority
from casetracker.info_requests.services import RequestDataError, create_authority, update_authority

blp = Blueprint("api_authorities", __name__, url_prefix="/api/v1/authorities",
                description="Public authorities, kept per team.")


@blp.route("")
class Authorities(MethodView):
    @blp.response(200, AuthorityListSchema)
    def get(self):
        """List your teams' public authorities by name."""
        rows = db.session.scalars(db.select(PublicAuthority).where(PublicAuthority.team_id.in_(current_user.team_ids))
                                  .order_by(PublicAuthority.name, PublicAuthority.id))
        return {"items": list(rows)}

    @blp.arguments(AuthorityCreateSchema)
    @blp.response(201, AuthoritySchema)
    def post(self, data):
        """Add an authority to a team you may edit in (default: the first, as the New authority page does)."""
        team_id = data.pop("team_id", None)
        if team_id is None:
            teams = editable_team_ids(current_user)
            if not teams:
                abort(403, message="You may not add authorities in any of your teams.")
            team_id = teams[0]
        check_team_access(current_user, team_id, edit=True)
        try:
            authority = create_authority(db.session.get(Team, team_id), actor=current_user._get_current_object(),
                                         **data)
        except RequestDataError as exc:
            refuse(exc, "name")
        db.session.commit()
        return authority


@blp.route("/<int:authority_id>")
class OneAuthority(MethodView):
    @blp.response(200, AuthoritySchema)
    def get(self, authority_id):
        """Read one authority."""
        return check_object_access(current_user, db.session.get(PublicAuthority, authority_id))

    @blp.arguments(AuthorityUpdateSchema)
    @blp.response(200, AuthoritySchema)
    def patch(self, data, authority_id):
        """Change an authority's details, as its Edit page does (same audit; clocks follow)."""
        authority = check_object_access(current_user, db.session.get(PublicAuthority, authority_id), edit=True)
        try:
            update_authority(authority, actor=current_user._get_current_object(), **data)
        except RequestDataError as exc:
            refuse(exc, "name")
        db.session.commit()
        return authority
