"""Schemas of what hangs off a request: correspondence, documents and jobs, search hits, claims, letters."""

from __future__ import annotations

from flask_smorest.fields import Upload
from marshmallow import Schema, fields, validate

from casetracker.api.fields import Choice, RowId, Text, TypedDate
from casetracker.api.schemas import CursorArgsSchema
from casetracker.correspondence.constants import CorrespondenceKind, Direction
from casetracker.evidence.constants import Stance
from casetracker.info_requests.constants import Outcome


class CorrespondenceSchema(Schema):
    id = fields.Integer()
    request_id = fields.Integer()
    kind = fields.String()
    direction = fields.String()
    state = fields.String(metadata={"description": "draft, sent or received."})
    dated = fields.Date(allow_none=True)
    from_text = fields.String()
    to_text = fields.String()
    subject = fields.String()
    body = fields.String()
    kind_confirmed = fields.Boolean(metadata={"description": "False for an imported email whose kind was "
                                                             "suggested; it moves no clock until confirmed."})
    document_ids = fields.Function(lambda c: [a.document_id for a in c.attachments])
    created_at = fields.DateTime()


class CorrespondenceCreateSchema(Schema):
    """What the Record correspondence page takes (attachments: upload documents separately)."""

    kind = Choice(CorrespondenceKind, required=True)
    direction = Choice(Direction, required=True)
    dated = TypedDate(required=True, past=True, metadata={"description": "The day it was sent or received."})
    outcome = Choice(Outcome, load_default=Outcome.PENDING.value,
                     metadata={"description": "For responses and refusal notices (FOIA s1, s17)."})
    from_text = Text(load_default="", max_length=500)
    to_text = Text(load_default="", max_length=1000)
    subject = Text(load_default="", max_length=500)
    body = Text(load_default="", max_length=500_000)
    document_ids = fields.List(RowId(), load_default=list, validate=validate.Length(max=100),
                               metadata={"description": "Documents of this request to attach (upload them first)."})


class CorrespondenceListSchema(Schema):
    items = fields.List(fields.Nested(CorrespondenceSchema))


class DocumentSchema(Schema):
    id = fields.Integer()
    request_id = fields.Integer(allow_none=True)
    parent_id = fields.Integer(allow_none=True)
    filename = fields.String()
    title = fields.String()
    kind = fields.String()
    content_type = fields.String()
    document_date = fields.Date(allow_none=True)
    sender = fields.String(allow_none=True)
    recipient = fields.String(allow_none=True)
    page_count = fields.Integer()
    status = fields.String(metadata={"description": "stored or failed."})
    search_status = fields.String(metadata={"description": "indexed once search finds it, else pending "
                                                           "(read from the index outbox)."})
    created_at = fields.DateTime()


class DocumentListSchema(Schema):
    items = fields.List(fields.Nested(DocumentSchema))


class UploadSchema(Schema):
    files = fields.List(Upload(), required=True, metadata={"description": "One or more files."})
    ocr_languages = Text(load_default="", max_length=100,
                         metadata={"description": "Tesseract languages for these files, e.g. cym+eng."})


class JobSchema(Schema):
    """A file being read in the background (``tasks.services.job_status``)."""

    id = fields.Integer()
    filename = fields.String()
    state = fields.String(metadata={"description": "queued, extracting, indexing, done, partly-read, failed."})
    label = fields.String()
    progress_done = fields.Integer()
    progress_total = fields.Integer()
    reason = fields.String()
    document_id = fields.Integer(allow_none=True)
    pages = fields.Integer(allow_none=True)
    pages_without_text = fields.Integer(allow_none=True)
    ocr_pages = fields.Integer(allow_none=True)
    ocr_confidence = fields.Float(allow_none=True)
    search = fields.String(allow_none=True, metadata={"description": "indexed or pending: whether search finds "
                                                                      "the document yet."})
    open = fields.Boolean()
    can_retry = fields.Boolean()
    never_readable = fields.Boolean(metadata={"description": "The file can never be read as it is: retrying "
                                                             "cannot help."})
    status_url = fields.String()


class JobListSchema(Schema):
    items = fields.List(fields.Nested(JobSchema))


class PageSchema(Schema):
    number = fields.Integer()
    text = fields.String()
    method = fields.String(metadata={"description": "How the text was read: native, ocr, …"})
    note = fields.String()


class PageListSchema(Schema):
    items = fields.List(fields.Nested(PageSchema))
    next_cursor = fields.String(allow_none=True)


class SearchArgsSchema(Schema):
    q = Text(load_default="", max_length=2000, metadata={"description": "The search page's query language."})
    f = fields.List(Text(max_length=500), load_default=list,
                    metadata={"description": "Facet filters as on the search page, e.g. type:pdf."})
    sort = fields.String(load_default="relevance", validate=validate.OneOf(["relevance", "date"]))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=10_000))
    per_page = fields.Integer(load_default=10, validate=validate.Range(min=1, max=100))


class PageHitSchema(Schema):
    page = fields.Integer()
    snippet_html = fields.String(metadata={"description": "Escaped HTML; only matches are in <mark>."})


class DocumentHitSchema(Schema):
    document_id = fields.Integer()
    title = fields.String()
    request_id = fields.Integer(allow_none=True)
    request_ref = fields.String(allow_none=True)
    kind = fields.String()
    authority = fields.String(allow_none=True)
    document_date = fields.Date(allow_none=True)
    matched_pages = fields.List(fields.Integer())
    pages = fields.List(fields.Nested(PageHitSchema))


class SearchResultsSchema(Schema):
    query = fields.String()
    notice = fields.String(allow_none=True, metadata={"description": "Set when the query was read as plain words."})
    total_documents = fields.Integer()
    total_pages = fields.Integer()
    page = fields.Integer()
    per_page = fields.Integer()
    documents = fields.List(fields.Nested(DocumentHitSchema))


class EvidenceSchema(Schema):
    id = fields.Integer()
    document_id = fields.Integer()
    page = fields.Integer()
    quote = fields.String()
    stance = fields.String()
    note = fields.String()
    claim_id = fields.Integer(allow_none=True)
    event_id = fields.Integer(allow_none=True)


class ClaimSchema(Schema):
    id = fields.Integer()
    request_id = fields.Integer()
    text = fields.String()
    made_by = fields.String()
    made_on = fields.Date(allow_none=True)
    status = fields.String(metadata={"description": "Computed from evidence and assertions, never stored."})
    evidence = fields.List(fields.Nested(EvidenceSchema))


class ClaimListSchema(Schema):
    items = fields.List(fields.Nested(ClaimSchema))


class ClaimCreateSchema(Schema):
    text = Text(required=True, max_length=10_000)
    made_by = Text(load_default="", max_length=300)
    made_on = TypedDate(allow_none=True, load_default=None)
    recorded_in_document_id = RowId(allow_none=True, load_default=None)
    recorded_in_page = fields.Integer(allow_none=True, load_default=None, validate=validate.Range(min=1, max=100_000))


class EvidenceCreateSchema(Schema):
    document_id = RowId(required=True)
    page = fields.Integer(required=True, validate=validate.Range(min=1, max=100_000))
    quote = Text(required=True, max_length=10_000,
                 metadata={"description": "Exact words of the page (whitespace and hyphenation forgiven)."})
    stance = Choice(Stance, required=True)
    note = Text(load_default="", max_length=2000)


class LetterArgsSchema(Schema):
    fields_ = fields.Dict(keys=fields.String(validate=validate.Length(max=100)), data_key="fields",
                          load_default=dict,
                          metadata={"description": "Fields to set, as `flask letters render --set` takes them: "
                                                   '{"requester.name": "Jo Bloggs", "grounds": ["…"]}.'})
    template_id = RowId(allow_none=True, load_default=None, metadata={"description": "A team letter template."})
