"""Upload, view, download and search released documents."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required
from markupsafe import Markup

from casetracker.auth.permissions import check_object_access, check_team_access
from casetracker.documents import bp
from casetracker.documents.forms import DeleteForm, UploadForm
from casetracker.documents.indexing import index_for_search
from casetracker.documents.models import Document
from casetracker.documents.services import blob_file, delete_document, ingest_bytes, read_file
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.info_requests.views import get_request
from casetracker.search.index import QueryTooLong, SearchIndexError


def get_document(document_id: int, *, edit: bool = False) -> Document:
    """Load a document; 404 unless the user's team holds it (and may see its request)."""
    document = check_object_access(current_user, db.session.get(Document, document_id), edit=edit)
    if document.request_id is not None:
        get_request(document.request_id, edit=edit)
    return document


@bp.route("/requests/<int:request_id>/documents", methods=["GET", "POST"])
@login_required
def upload(request_id: int):
    info_request = get_request(request_id, edit=request.method == "POST")
    form = UploadForm()
    results = []
    if form.validate_on_submit():
        uploads = [f for f in (form.files.data or []) if f and f.filename]
        if not uploads:
            form.files.errors.append("Choose at least one file.")
        # Read every file before writing anything, outside the transaction: OCR can be slow.
        db.session.commit()
        prepared = [(f.filename, data, read_file(data, f.filename)) for f in uploads for data in [f.read()]]
        for filename, data, extracted in prepared:
            outcome = ingest_bytes(data, filename, team=info_request.team, info_request=info_request,
                                   actor=current_user, extracted=extracted)
            results.append(outcome)
        if uploads:
            db.session.commit()
            imported = sum(1 for r in results if r.status == "imported")
            flash(f"{imported} of {len(results)} files imported.", "success" if imported == len(results) else "warning")
    documents = db.session.scalars(
        db.select(Document).where(Document.request_id == info_request.id, Document.parent_id.is_(None)).order_by(Document.id)
    )
    failed = any(r.status == "failed" for r in results)
    can_edit = check_team_access(current_user, info_request.team_id).can_edit
    return render_template("documents/upload.html", r=info_request, form=form, results=results,
                           documents=list(documents), can_edit=can_edit), 422 if failed or form.errors else 200


@bp.route("/documents/<int:document_id>")
@login_required
def show(document_id: int):
    document = get_document(document_id)
    query = request.args.get("q", "").strip()
    highlights: dict[int, Markup] = {}
    notice = None
    if query:
        try:
            hits = index_for_search().pages_of(document.id, query, team_ids=[document.team_id])
            highlights = {h.page: Markup(h.snippet_html) for h in hits}
        except (SearchIndexError, QueryTooLong) as exc:
            notice = str(exc)
    return render_template("documents/show.html", document=document, query=query, highlights=highlights,
                           notice=notice, delete_form=DeleteForm())


@bp.route("/documents/<int:document_id>/download")
@login_required
def download(document_id: int):
    document = get_document(document_id)
    response = send_file(blob_file(document), mimetype=document.content_type or "application/octet-stream",
                         as_attachment=True, download_name=document.filename, max_age=0)
    # send_file appends its own charset; keep the one detected at extraction, once.
    response.headers["Content-Type"] = document.content_type or "application/octet-stream"
    # Never let a browser render an uploaded file as a page of ours.
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


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


@bp.route("/search")
@login_required
def search():
    query = request.args.get("q", "").strip()
    page = request.args.get("page", 1, type=int)
    results, error, status = None, None, 200
    if query:
        try:
            results = index_for_search().search(query, team_ids=current_user.team_ids, page=max(page, 1), per_page=10)
        except QueryTooLong as exc:
            error, status = str(exc), 400
        except SearchIndexError as exc:
            # A damaged or missing index is reported, not turned into a 500 on every search.
            error, status = str(exc), 503
    if results is not None:
        visible = _visible_request_ids({d.request_id for d in results.documents if d.request_id})
        results.documents = [d for d in results.documents if d.request_id is None or d.request_id in visible]
    return render_template("documents/search.html", query=query, results=results, error=error), status


def _visible_request_ids(ids: set[int]) -> set[int]:
    """Drop requests private to another member; team filtering is already done by the index."""
    from casetracker.info_requests.services import visible_requests_query

    if not ids:
        return set()
    rows = db.session.scalars(visible_requests_query(current_user).where(InfoRequest.id.in_(ids)).with_only_columns(InfoRequest.id))
    return set(rows)
