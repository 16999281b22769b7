"""Load a request for the current user: 404 if they may not see it, 403 if they may not change it.

Shared by every domain's views, which may not import another domain's views.
"""

from __future__ import annotations

from flask_login import current_user

from casetracker.auth.permissions import check_object_access
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest


def get_request(request_id: int, *, edit: bool = False) -> InfoRequest:
    """Load a request; 404 if the user may not see it, 403 if they may not change it."""
    return check_object_access(current_user, db.session.get(InfoRequest, request_id), edit=edit)
