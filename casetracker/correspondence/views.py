"""Record, correct and send correspondence."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from casetracker.auth.permissions import check_object_access, check_team_access
from casetracker.correspondence import bp
from casetracker.correspondence.forms import CorrectionForm, CorrespondenceForm, MarkSentForm
from casetracker.correspondence.constants import Direction
from casetracker.correspondence.models import Correspondence
from casetracker.correspondence.services import (
    CorrespondenceError,
    mark_sent,
    record_correspondence,
    update_correspondence,
)
from casetracker.disclosure.services import RELEASE_KINDS
from casetracker.documents.services import DocumentError, store_uploads
from casetracker.extensions import db
from casetracker.forms_common import apply_service_error
from casetracker.info_requests.access import get_request
from casetracker.release.services import ReleaseBlocked, clear_for_release


def get_entry(request_id: int, entry_id: int, *, edit: bool = False) -> Correspondence:
    info_request = get_request(request_id, edit=edit)
    entry = db.session.get(Correspondence, entry_id)
    if entry is None or entry.request_id != info_request.id:
        return check_object_access(current_user, None)
    return entry


@bp.route("/<int:request_id>/correspondence/new", methods=["GET", "POST"])
@login_required
def create(request_id: int):
    info_request = get_request(request_id, edit=True)
    form = CorrespondenceForm()
    if form.validate_on_submit():
        try:
            documents = store_uploads(form.attachments.data, info_request=info_request, actor=current_user)
            if form.direction.data == Direction.OUTGOING and form.kind.data in RELEASE_KINDS:
                clear_for_release(documents, acknowledge=bool(form.acknowledge_findings.data), actor=current_user)
            record_correspondence(
                info_request, actor=current_user, kind=form.kind.data, direction=form.direction.data,
                dated=form.dated.data, outcome=form.outcome.data, from_text=form.from_text.data or "",
                to_text=form.to_text.data or "", subject=form.subject.data or "", body=form.body.data or "",
                document_ids=[d.id for d in documents],
            )
        except (CorrespondenceError, DocumentError, ReleaseBlocked) as exc:
            apply_service_error(form, exc, "attachments")
        else:
            db.session.commit()
            flash("Correspondence recorded; the clocks are updated.", "success")
            return redirect(url_for("info_requests.show", request_id=request_id))
    return render_template("correspondence/form.html", form=form, r=info_request), 422 if form.errors else 200


@bp.route("/<int:request_id>/correspondence/<int:entry_id>", methods=["GET", "POST"])
@login_required
def show(request_id: int, entry_id: int):
    entry = get_entry(request_id, entry_id)
    form = CorrectionForm(obj=entry)
    send_form = MarkSentForm()
    # Right after a letter is generated its .docx downloads by itself (only one of this entry's files).
    download = request.args.get("download", type=int)
    if download not in {a.document_id for a in entry.attachments}:
        download = None
    can_edit = check_team_access(current_user, entry.team_id).can_edit
    return render_template("correspondence/show.html", entry=entry, r=entry.info_request, form=form,
                           send_form=send_form, download=download, can_edit=can_edit)


@bp.route("/<int:request_id>/correspondence/<int:entry_id>/correct", methods=["POST"])
@login_required
def correct(request_id: int, entry_id: int):
    entry = get_entry(request_id, entry_id, edit=True)
    form = CorrectionForm()
    if form.validate_on_submit():
        try:
            update_correspondence(entry, actor=current_user, kind=form.kind.data, direction=form.direction.data,
                                  dated=form.dated.data, outcome=form.outcome.data, kind_confirmed=True)
        except CorrespondenceError as exc:
            apply_service_error(form, exc, "dated")
        else:
            db.session.commit()
            flash("Correspondence confirmed; the clocks are updated.", "success")
            return redirect(url_for("info_requests.show", request_id=request_id))
    return render_template("correspondence/show.html", entry=entry, r=entry.info_request, form=form,
                           send_form=MarkSentForm(), can_edit=True), 422


@bp.route("/<int:request_id>/correspondence/<int:entry_id>/sent", methods=["POST"])
@login_required
def sent(request_id: int, entry_id: int):
    entry = get_entry(request_id, entry_id, edit=True)
    form = MarkSentForm()
    if form.validate_on_submit():
        try:
            mark_sent(entry, actor=current_user, sent_on=form.sent_on.data)
        except CorrespondenceError as exc:
            apply_service_error(form, exc, "sent_on")
        else:
            db.session.commit()
            flash("Marked as sent; the clocks are updated.", "success")
            return redirect(url_for("info_requests.show", request_id=request_id))
    return render_template("correspondence/show.html", entry=entry, r=entry.info_request, form=CorrectionForm(obj=entry),
                           send_form=form, can_edit=True), 422
