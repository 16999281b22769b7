"""The Processing pages: every file of a request or team with its state, live; Retry."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, url_for
from flask_login import current_user, login_required

from casetracker.auth.models import Team
from casetracker.auth.permissions import check_team_access
from casetracker.extensions import db
from casetracker.info_requests.access import get_request
from casetracker.tasks.access import get_job
from casetracker.tasks import bp, dispatch  # noqa: F401  (dispatch sends jobs after each commit)
from casetracker.tasks.constants import JobKind
from casetracker.tasks.forms import RetryForm
from casetracker.tasks.models import Job
from casetracker.tasks.services import JobError, job_statuses, open_jobs, request_jobs, retry_job, team_jobs


@bp.app_context_processor
def _helpers() -> dict:
    return {"jobs_in_progress": open_jobs}


def _summary(jobs: list[Job]) -> dict:
    rows = job_statuses(jobs)
    return {"jobs": rows, "open": sum(1 for row in rows if row["open"])}


@bp.route("/requests/<int:request_id>/processing")
@login_required
def request_processing(request_id: int):
    info_request = get_request(request_id)
    found = request_jobs(info_request)
    can_edit = check_team_access(current_user, info_request.team_id).can_edit
    return render_template("tasks/processing.html", r=info_request, team=info_request.team, jobs=job_statuses(found),
                           mail_outcomes=_mail_outcomes(found), can_edit=can_edit, retry_form=RetryForm(),
                           status_url=url_for("tasks.request_status", request_id=info_request.id))


@bp.route("/requests/<int:request_id>/processing.json")
@login_required
def request_status(request_id: int):
    return jsonify(_summary(request_jobs(get_request(request_id))))


@bp.route("/processing")
@login_required
def my_processing():
    if not current_user.team_ids:
        abort(404)
    return redirect(url_for("tasks.team_processing", team_id=current_user.team_ids[0]))


@bp.route("/teams/<int:team_id>/processing")
@login_required
def team_processing(team_id: int):
    can_edit = check_team_access(current_user, team_id).can_edit
    team = db.session.get(Team, team_id)
    found = [job for job in team_jobs(team_id) if _visible(job)]
    return render_template("tasks/processing.html", r=None, team=team, jobs=job_statuses(found),
                           mail_outcomes=_mail_outcomes(found), can_edit=can_edit, retry_form=RetryForm(),
                           status_url=url_for("tasks.team_status", team_id=team_id))


@bp.route("/teams/<int:team_id>/processing.json")
@login_required
def team_status(team_id: int):
    check_team_access(current_user, team_id)
    return jsonify(_summary([job for job in team_jobs(team_id) if _visible(job)]))


@bp.route("/jobs/<int:job_id>/retry", methods=["POST"])
@login_required
def retry(job_id: int):
    job = get_job(job_id, edit=True)
    form = RetryForm()
    if not form.validate_on_submit():
        abort(400, "The form has expired; reload the page and try again.")
    try:
        retry_job(job, force_ocr=form.force_ocr.data, actor=current_user)
    except JobError as exc:
        flash(str(exc), "warning")
        return redirect(_back(job), 303)
    db.session.commit()
    flash(f"{job.filename} will be read again.", "success")
    return redirect(_back(job), 303)


def _back(job: Job) -> str:
    if job.request_id is not None:
        return url_for("tasks.request_processing", request_id=job.request_id)
    return url_for("tasks.team_processing", team_id=job.team_id)


def _mail_outcomes(jobs: list[Job]) -> dict[int, list]:
    """Return each email import job's kept outcomes, without messages filed where the user may not look."""
    from casetracker.info_requests.models import InfoRequest
    from casetracker.info_requests.services import visible_requests_query
    from casetracker.mail.jobs import job_outcomes

    mail_jobs = [job for job in jobs if job.kind == JobKind.MAIL_IMPORT and (job.options or {}).get("outcomes")]
    if not mail_jobs:
        return {}
    ids = {row.get("request_id") for job in mail_jobs for row in job.options["outcomes"]} - {None}
    visible = set(db.session.scalars(visible_requests_query(current_user).where(InfoRequest.id.in_(ids))
                                     .with_only_columns(InfoRequest.id))) if ids else set()
    return {job.id: job_outcomes(job, visible_request_ids=visible) for job in mail_jobs}


def _visible(job: Job) -> bool:
    """Hide jobs on requests private to another member."""
    if job.request_id is None:
        return True
    from casetracker.info_requests.models import InfoRequest

    info_request = db.session.get(InfoRequest, job.request_id)
    return info_request is not None and (info_request.visibility != "private"
                                         or info_request.created_by_id == current_user.id)
