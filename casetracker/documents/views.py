"""Upload, view, download and search released documents."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from markupsafe import Markup

from casetracker.auth.constants import Role
from casetracker.auth.permissions import check_team_access
from casetracker.documents import bp
from casetracker.documents.access import get_document
from casetracker.documents.downloads import attachment_response
from casetracker.documents.forms import DeleteForm, OcrLanguagesForm, PartiesForm, UploadForm
from casetracker.documents.indexing import index_for_search
from casetracker.documents.ocr_settings import OcrLanguageError, check_ocr_languages, ocr_languages_for
from casetracker.documents.services import (
    DocumentError,
    delete_document,
    documents_not_in_search,
    request_documents,
    update_document_parties,
)
from casetracker.extensions import db
from casetracker.forms_common import refuse_absent_fields
from casetracker.info_requests.access import get_request
from casetracker.search.index import QueryTooBroad, QueryTooLong, SearchIndexError
from casetracker.tasks.services import queue_uploads


@bp.app_context_processor
def _helpers() -> dict:
    return {"documents_not_in_search": documents_not_in_search}


@bp.route("/requests/<int:request_id>/documents", methods=["GET", "POST"])
@login_required
def upload(request_id: int):
    info_request = get_request(request_id, edit=request.method == "POST")
    form = UploadForm()
    team_languages = ocr_languages_for(info_request.team)
    if form.validate_on_submit():
        languages = None
        if form.ocr_languages.data:
            try:
                languages = check_ocr_languages(form.ocr_languages.data)
            except OcrLanguageError as exc:
                form.ocr_languages.errors.append(str(exc))
        if not form.errors:
            # Only the bytes are stored here; a worker reads them, so the answer comes at once.
            try:
                jobs, refused = queue_uploads(form.files.data, info_request=info_request, actor=current_user,
                                              ocr_languages=languages)
            except DocumentError as exc:
                form.files.errors.append(str(exc))
            else:
                db.session.commit()
                flash(f"{len(jobs)} file{'' if len(jobs) == 1 else 's'} queued; each is read in the background.",
                      "success")
                for job in refused:
                    flash(f"{job.filename}: {job.reason}", "danger")
                return redirect(url_for("tasks.request_processing", request_id=info_request.id), 303)
    status = 422 if form.errors else 200
    can_edit = check_team_access(current_user, info_request.team_id).can_edit
    is_admin = check_team_access(current_user, info_request.team_id) == Role.ADMIN
    return render_template("documents/upload.html", r=info_request, form=form, results=[],
                           documents=request_documents(info_request), can_edit=can_edit,
                           team_languages=team_languages, is_admin=is_admin,
                           languages_form=OcrLanguagesForm(ocr_languages=team_languages, request_id=info_request.id)
                           if is_admin else None), status


@bp.route("/documents/<int:document_id>")
@login_required
def show(document_id: int):
    document = get_document(document_id)
    query = request.args.get("q", "").strip()
    highlights: dict[int, Markup] = {}
    notice = None
    if query:
        try:
            hits = index_for_search().pages_of(document.id, query, team_ids=[document.team_id],
                                               viewer_id=current_user.id)
            highlights = {h.page: Markup(h.snippet_html) for h in hits}
        except (SearchIndexError, QueryTooLong, QueryTooBroad) as exc:
            notice = str(exc)
    parties_form = PartiesForm(data={"sender": document.sender or "", "recipient": document.recipient or ""})
    can_edit = check_team_access(current_user, document.team_id).can_edit
    return render_template("documents/show.html", document=document, query=query, highlights=highlights,
                           notice=notice, delete_form=DeleteForm(), parties_form=parties_form, can_edit=can_edit)


@bp.route("/documents/<int:document_id>/parties", methods=["POST"])
@login_required
def edit_parties(document_id: int):
    document = get_document(document_id, edit=True)
    form = PartiesForm()
    if not form.validate_on_submit():
        flash("From and To must be 500 characters or fewer.", "danger")
        return redirect(url_for("documents.show", document_id=document.id)), 303
    # An absent field would be saved as None, erasing what was there.
    if refuse_absent_fields(form):
        flash("From and To could not be saved: "
              + " ".join(error for field in form for error in field.errors), "danger")
        return redirect(url_for("documents.show", document_id=document.id)), 303
    update_document_parties(document, sender=form.sender.data, recipient=form.recipient.data, actor=current_user)
    db.session.commit()
    flash("From and To saved; search uses them now.", "success")
    return redirect(url_for("documents.show", document_id=document.id))


@bp.route("/documents/<int:document_id>/download")
@login_required
def download(document_id: int):
    return attachment_response(get_document(document_id))


@bp.route("/documents/<int:document_id>/delete", methods=["POST"])
@login_required
def delete(document_id: int):
    document = get_document(document_id, edit=True)
    form = DeleteForm()
    if not form.validate_on_submit():
        abort(400)
    request_id = document.request_id
    delete_document(document, actor=current_user)
    db.session.commit()
    flash("Document deleted; its pages are gone from search.", "success")
    return redirect(url_for("documents.upload", request_id=request_id) if request_id else url_for("documents.search"))


from casetracker.documents import settings_views  # noqa: E402,F401  (the team OCR setting's route)
# The search pages (results, CSV, batch) register on the same blueprint.
from casetracker.documents import search_views  # noqa: E402,F401
