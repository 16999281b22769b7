"""Keep a team's letter templates, and generate a letter onto a request as a draft.

Every function adds to the caller's transaction, flushes and writes one audit
event; none commits.
"""

from __future__ import annotations

from casetracker.audit.services import record_event
from casetracker.auth.models import Team, User
from casetracker.correspondence.constants import CorrespondenceKind, CorrespondenceState, Direction
from casetracker.correspondence.models import Correspondence
from casetracker.correspondence.services import record_correspondence
from casetracker.documents import indexing
from casetracker.documents.services import files_root, ingest_bytes
from casetracker.documents.storage import blob_path, write_blob
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.letters.constants import LetterKind
from casetracker.letters.errors import MissingRightsParagraph
from casetracker.letters.models import LetterTemplate
from casetracker.letters.readback import document_paragraphs
from casetracker.letters.render import build_letter, render_built_letter
from casetracker.letters.team_template import RIGHTS_FIELDS, template_fields

__all__ = [
    "CORRESPONDENCE_KINDS", "LetterTemplateError", "delete_template", "generate_letter",
    "letter_filename", "read_template", "templates_for", "upload_template",
]

#: The correspondence each letter becomes once generated; marking it sent moves these clocks.
CORRESPONDENCE_KINDS: dict[LetterKind, CorrespondenceKind] = {
    LetterKind.FOI_REQUEST: CorrespondenceKind.REQUEST,
    LetterKind.EIR_REQUEST: CorrespondenceKind.REQUEST,
    LetterKind.SAR: CorrespondenceKind.REQUEST,
    LetterKind.ACKNOWLEDGEMENT: CorrespondenceKind.ACKNOWLEDGEMENT,
    LetterKind.CLARIFICATION_REQUEST: CorrespondenceKind.CLARIFICATION_REQUEST,
    LetterKind.FEES_NOTICE: CorrespondenceKind.FEES_NOTICE,
    LetterKind.EXTENSION_NOTICE: CorrespondenceKind.EXTENSION_NOTICE,
    LetterKind.REFUSAL_NOTICE: CorrespondenceKind.REFUSAL_NOTICE,
    LetterKind.RESPONSE: CorrespondenceKind.RESPONSE,
    LetterKind.INTERNAL_REVIEW_REQUEST: CorrespondenceKind.INTERNAL_REVIEW_REQUEST,
    LetterKind.INTERNAL_REVIEW_OUTCOME: CorrespondenceKind.INTERNAL_REVIEW_OUTCOME,
    LetterKind.CHASER: CorrespondenceKind.OTHER,
    LetterKind.ICO_COMPLAINT: CorrespondenceKind.ICO_COMPLAINT,
    LetterKind.TRIBUNAL_APPEAL: CorrespondenceKind.APPEAL,
}


class LetterTemplateError(ValueError):
    """Template or letter data a user must fix; ``field`` names the form field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def upload_template(
    team: Team, *, actor: User | None, name: str, kind: LetterKind | str | None, filename: str,
    data: bytes,
) -> LetterTemplate:
    """Check a team's .docx template and keep it; ``kind`` None means any kind of letter.

    Every merge field must be a field of ``kind`` (of every kind, for any);
    a refusal notice template must place the rights paragraph (FOIA s17(7)).
    Raises ``TemplateFieldError``, ``TemplateSyntaxProblem``, ``BadTemplateFile``,
    ``MissingRightsParagraph`` or ``LetterTemplateError``; nothing is stored then.
    """
    name = " ".join((name or "").split())
    if not name:
        raise LetterTemplateError("Give the template a name.", "name")
    if db.session.scalar(db.select(LetterTemplate.id).where(
            LetterTemplate.team_id == team.id, LetterTemplate.name == name)):
        raise LetterTemplateError(f"Your team already has a template called {name}.", "name")
    kind = LetterKind(kind) if kind else None
    for each in [kind] if kind else list(LetterKind):
        used = template_fields(each, data)
    if kind is LetterKind.REFUSAL_NOTICE and not {u.split(".")[0] for u in used} & RIGHTS_FIELDS:
        raise MissingRightsParagraph(
            "The template must place {{ rights_paragraph }} (or the whole letter with "
            "{{p letter_body }}).")
    digest, created = write_blob(files_root(), data)
    if created:
        indexing.note_new_blob(db.session, digest)
    template = LetterTemplate(
        team_id=team.id, kind=kind.value if kind else None, name=name, filename=filename[:300],
        sha256=digest, size=len(data), uploaded_by_id=getattr(actor, "id", None),
    )
    db.session.add(template)
    db.session.flush()
    record_event(actor=actor, action="letter_template.uploaded", obj=template,
                 summary=f"Letter template {name} uploaded", team_id=team.id,
                 after={"name": name, "kind": template.kind, "sha256": digest})
    return template


def delete_template(template: LetterTemplate, *, actor: User | None) -> None:
    """Remove a team template; letters already generated from it are kept."""
    record_event(actor=actor, action="letter_template.deleted", obj=template,
                 summary=f"Letter template {template.name} deleted", team_id=template.team_id,
                 before={"name": template.name, "kind": template.kind, "sha256": template.sha256})
    db.session.delete(template)
    db.session.flush()


def read_template(template: LetterTemplate) -> bytes:
    """Return the stored bytes of a template."""
    return blob_path(files_root(), template.sha256).read_bytes()


def templates_for(team_id: int, kind: LetterKind | str | None = None) -> list[LetterTemplate]:
    """Return a team's templates by name; with ``kind``, those for it or for any kind."""
    query = db.select(LetterTemplate).where(LetterTemplate.team_id == team_id)
    if kind is not None:
        query = query.where((LetterTemplate.kind == LetterKind(kind).value) | LetterTemplate.kind.is_(None))
    return list(db.session.scalars(query.order_by(LetterTemplate.name, LetterTemplate.id)))


def letter_filename(info_request: InfoRequest, kind: LetterKind | str, ctx: dict) -> str:
    """Return the .docx name, e.g. ``CT-2022-0001-ico-complaint-2022-09-20.docx``."""
    return f"{info_request.reference}-{LetterKind(kind).value}-{ctx['today'].isoformat()}.docx"


def generate_letter(
    info_request: InfoRequest, kind: LetterKind | str, ctx: dict, *, actor: User | None,
    template: LetterTemplate | None = None,
) -> Correspondence:
    """Render the letter and save it on the request as an outgoing draft with its .docx.

    The .docx is stored as a document of the request (so search finds it); the
    draft moves no clock until it is marked sent. Raises what ``render_letter``
    raises (``build_letter``'s ``LetterDataError`` included) and ``LetterTemplateError`` for another team's or another kind's
    template, or a .docx the document store refuses.
    """
    kind = LetterKind(kind)
    if template is not None and (
        template.team_id != info_request.team_id or template.kind not in (None, kind.value)
    ):
        raise LetterTemplateError("Choose one of your team's templates for this kind of letter.",
                                  "template")
    letter = build_letter(kind, ctx)
    data = render_built_letter(kind, ctx, letter, template=read_template(template) if template else None)
    outcome = ingest_bytes(data, letter_filename(info_request, kind, ctx), team=info_request.team,
                           info_request=info_request, actor=actor)
    if outcome.document is None:
        raise LetterTemplateError(f"The letter could not be stored: {outcome.reason}", "template")
    entry = record_correspondence(
        info_request, actor=actor, kind=CORRESPONDENCE_KINDS[kind], direction=Direction.OUTGOING,
        dated=None, state=CorrespondenceState.DRAFT, document_ids=[outcome.document.id],
        subject=letter.subject[:500], from_text=", ".join(letter.sender[:1])[:500],
        to_text=", ".join(letter.recipient[:1])[:1000],
        body="\n".join(p for p in document_paragraphs(data) if p.strip()),
    )
    record_event(actor=actor, action="letter.generated", obj=entry,
                 summary=f"{kind.label} generated as a draft ({outcome.document.filename})",
                 request_id=info_request.id, team_id=info_request.team_id,
                 after={"kind": kind.value, "document_id": outcome.document.id,
                        "template_id": template.id if template else None})
    return entry
