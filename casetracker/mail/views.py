"""Upload email files into a request or a team, and assign the emails that matched no request."""

from __future__ import annotations

import io

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required
from werkzeug.datastructures import FileStorage

from casetracker.auth.models import Team
from casetracker.auth.permissions import check_object_access, editable_team_ids
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.info_requests.services import visible_requests_query
from casetracker.info_requests.access import get_request
from casetracker.mail import bp
from casetracker.mail.jobs import queue_mail_files
from casetracker.mail.forms import AssignForm, MailUploadForm, TeamMailUploadForm
from casetracker.mail.models import UnassignedMessage
from casetracker.mail.msg import kept_message_type
from casetracker.mail.services import (
    MailImportError,
    assign_message,
    count_unassigned,
    raw_message,
    unassigned_messages,
)


def get_unassigned(message_id: int, *, edit: bool = False) -> UnassignedMessage:
    """Load a kept email; 404 unless it is the user's team's, 403 if they may not change it."""
    return check_object_access(current_user, db.session.get(UnassignedMessage, message_id), edit=edit)


@bp.route("/requests/<int:request_id>/mail", methods=["GET", "POST"])
@login_required
def upload(request_id: int):
    info_request = get_request(request_id, edit=True)
    form = MailUploadForm()
    if form.validate_on_submit():
        answer = _queue(form, team=info_request.team, info_request=info_request)
        if answer is not None:
            return answer
    return render_template("mail/upload.html", r=info_request, form=form, outcomes=[]), 422 if form.errors else 200


@bp.route("/mail/import", methods=["GET", "POST"])
@login_required
def import_files():
    team_ids = editable_team_ids(current_user)
    if not team_ids:
        abort(403)
    form = TeamMailUploadForm()
    teams = db.session.scalars(db.select(Team).where(Team.id.in_(team_ids)).order_by(Team.name))
    form.team_id.choices = [(t.id, t.name) for t in teams]
    if form.validate_on_submit():
        answer = _queue(form, team=db.session.get(Team, form.team_id.data), info_request=None)
        if answer is not None:
            return answer
    return render_template("mail/upload.html", r=None, form=form, outcomes=[]), 422 if form.errors else 200


@bp.route("/mail/unassigned")
@login_required
def unassigned():
    return _render_unassigned(None, AssignForm())


@bp.route("/mail/unassigned/<int:message_id>/assign", methods=["POST"])
@login_required
def assign(message_id: int):
    kept = get_unassigned(message_id, edit=True)
    form = AssignForm()
    form.request_id.choices = [(0, "Choose…"), *_request_choices(kept.team_id)]
    if form.validate_on_submit():
        info_request = get_request(form.request_id.data, edit=True)
        try:
            outcome = assign_message(kept, info_request, actor=current_user)
        except MailImportError as error:
            db.session.rollback()
            form.request_id.errors.append(str(error))
        else:
            db.session.commit()
            flash(f"Email assigned to {info_request.reference}: {outcome.status}. {outcome.reason}".strip(), "success")
            return redirect(url_for("info_requests.show", request_id=info_request.id))
    return _render_unassigned(kept.id, form), 422


@bp.route("/mail/unassigned/<int:message_id>/download")
@login_required
def download(message_id: int):
    kept = get_unassigned(message_id)
    try:
        data = raw_message(kept)
    except MailImportError:
        abort(404)
    mimetype, extension = kept_message_type(data)
    response = send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True,
                         download_name=f"email-{kept.id}.{extension}", max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _queue(form: MailUploadForm, *, team: Team, info_request: InfoRequest | None):
    """Store the uploaded email files and queue their import; answer with the Processing page at once.

    A mailbox can hold thousands of messages whose attachments are read, some by
    OCR; a worker imports it (``mail.jobs``), as ``flask mail import`` would.
    Returns None (a form error) when no file was chosen.
    """
    uploads: list[FileStorage] = [f for f in (form.files.data or []) if f and f.filename]
    if not uploads:
        form.files.errors.append("Choose at least one .eml, .mbox or .msg file.")
        return None
    jobs = queue_mail_files(uploads, team=team, info_request=info_request, actor=current_user)
    db.session.commit()
    flash(f"{len(jobs)} email file{'' if len(jobs) == 1 else 's'} queued; each is imported in the background.",
          "success")
    if info_request is not None:
        return redirect(url_for("tasks.request_processing", request_id=info_request.id), 303)
    return redirect(url_for("tasks.team_processing", team_id=team.id), 303)


def _request_choices(team_id: int) -> list[tuple[int, str]]:
    """Return the requests of a team the user may see, newest reference first, as select choices."""
    query = visible_requests_query(current_user).where(InfoRequest.team_id == team_id).order_by(InfoRequest.reference.desc())
    return [(r.id, f"{r.reference} · {r.title}") for r in db.session.scalars(query)]


def _render_unassigned(failed_id: int | None, form: AssignForm) -> str:
    """Render one page of the list to assign; ``form`` carries the errors of the message ``failed_id``."""
    per_page = current_app.config["PER_PAGE"]
    total = count_unassigned(current_user.team_ids)
    pages = max(1, -(-total // per_page))
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    kept = unassigned_messages(current_user.team_ids, page=page, per_page=per_page)
    choices = {team_id: _request_choices(team_id) for team_id in {k.team_id for k in kept}}
    editable = set(editable_team_ids(current_user))
    return render_template("mail/unassigned.html", kept=kept, choices=choices, editable=editable,
                           form=form, failed_id=failed_id, page=page, pages=pages, total=total)
