"""Load a job for the current user: its request's visibility first, then its team."""

from __future__ import annotations

from flask_login import current_user

from casetracker.auth.permissions import check_object_access
from casetracker.extensions import db
from casetracker.info_requests.access import get_request
from casetracker.tasks.models import Job


def get_job(job_id: int, *, edit: bool = False) -> Job:
    """Load a job; 404 unless the user may see it (a teammate's private request's job too), 403 for a viewer's edit."""
    job = db.session.get(Job, job_id)
    # The request first: a viewer must get 404, not 403, for a job on a teammate's private request.
    if job is not None and job.request_id is not None:
        get_request(job.request_id, edit=edit)
    return check_object_access(current_user, job, edit=edit)
