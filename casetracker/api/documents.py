"""``/api/v1``: a request's documents, uploads read in the background (a job with a status URL), pages, files."""

from __future__ import annotations

from flask import url_for
from flask_login import current_user

from casetracker.api.common import decode_cursor, page_of, refuse
from casetracker.api.record_schemas import DocumentListSchema, DocumentSchema, JobListSchema, JobSchema
from casetracker.api.multipart import UploadBlueprint
from casetracker.api.record_schemas import PageListSchema, UploadSchema
from casetracker.api.schemas import CursorArgsSchema
from casetracker.documents.access import get_document
from casetracker.documents.downloads import attachment_response
from casetracker.documents.models import DocumentPage
from casetracker.documents.ocr_settings import OcrLanguageError, check_ocr_languages
from casetracker.documents.services import DocumentError, request_documents
from casetracker.extensions import db
from casetracker.info_requests.access import get_request
from casetracker.tasks.access import get_job
from casetracker.tasks.models import Job
from casetracker.tasks.services import job_statuses, queue_uploads

blp = UploadBlueprint("api_documents", __name__, url_prefix="/api/v1",
                description="Documents: upload (read by a worker), their pages of text, their files.")


def _jobs(jobs: list[Job]) -> list[dict]:
    return [{**status, "status_url": url_for("api_documents.job", job_id=status["id"])}
            for status in job_statuses(jobs)]


@blp.route("/requests/<int:request_id>/documents", methods=["GET"])
@blp.response(200, DocumentListSchema)
def request_files(request_id):
    """List a request's documents (not zip members or attachments), oldest first."""
    return {"items": request_documents(get_request(request_id))}


@blp.route("/requests/<int:request_id>/documents", methods=["POST"])
@blp.arguments(UploadSchema, location="multipart")
@blp.response(202, JobListSchema)
def upload(form, request_id):
    """Upload files to a request: stored at once and read by a worker, as the Documents page does.

    The answer lists one job per file (a refused file's is failed, with the reason); poll its
    status_url until open is false.
    """
    info_request = get_request(request_id, edit=True)
    languages = None
    if form["ocr_languages"]:
        try:
            languages = check_ocr_languages(form["ocr_languages"])
        except OcrLanguageError as exc:
            refuse(exc, "ocr_languages")
    try:
        queued, refused = queue_uploads(form["files"], info_request=info_request,
                                        actor=current_user._get_current_object(), ocr_languages=languages)
    except DocumentError as exc:
        refuse(exc, "files")
    db.session.commit()
    # A hostile file among others is refused alone: its job is listed failed, with the reason.
    return {"items": _jobs(queued + refused)}


@blp.route("/jobs/<int:job_id>")
@blp.response(200, JobSchema)
def job(job_id):
    """Where a file being read stands: queued, extracting (with progress), done (with its document), failed."""
    return _jobs([get_job(job_id)])[0]


@blp.route("/documents/<int:document_id>")
@blp.response(200, DocumentSchema)
def document(document_id):
    """Read a document's details."""
    return get_document(document_id)


@blp.route("/documents/<int:document_id>/pages")
@blp.arguments(CursorArgsSchema, location="query")
@blp.response(200, PageListSchema)
def pages(args, document_id):
    """Read a document's pages of text, in order; follow next_cursor for more."""
    found = get_document(document_id)
    after = decode_cursor(args.get("cursor"))
    rows = list(db.session.scalars(db.select(DocumentPage).where(DocumentPage.document_id == found.id,
                                                                 DocumentPage.number > after)
                                   .order_by(DocumentPage.number).limit(args["limit"] + 1)))
    return page_of(rows, args["limit"], id_of=lambda row: row.number)


@blp.route("/documents/<int:document_id>/file")
@blp.response(200, content_type="application/octet-stream",
              description="The file as uploaded, as an attachment (never rendered).")
def file(document_id):
    """Download the document's file (a generated letter's .docx too)."""
    return attachment_response(get_document(document_id))
