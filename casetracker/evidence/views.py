"""Chronology pages and exports; forms to add claims, events, assertions and evidence."""

from __future__ import annotations

import io

from flask import abort, flash, g, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required

from casetracker.auth.models import Team
from casetracker.auth.permissions import check_team_access
from casetracker.correspondence.models import Correspondence
from casetracker.documents.models import Document
from casetracker.documents.access import get_document
from casetracker.evidence import bp
from casetracker.evidence.chronology import chronology, date_suggestions, suggestion_to_event
from casetracker.evidence.exports import chronology_csv, chronology_docx
from casetracker.evidence.forms import (
    NONE_CHOICE,
    AssertionForm,
    ClaimForm,
    EventDateForm,
    EventForm,
    EvidenceForm,
    SuggestionForm,
)
from casetracker.evidence.models import Claim, Event
from casetracker.evidence.services import (
    EvidenceError,
    QuoteNotFound,
    add_assertion,
    change_event_date,
    link_evidence,
    record_claim,
    record_event,
    request_summary,
)
from casetracker.extensions import db
from casetracker.forms_common import apply_service_error
from casetracker.info_requests.models import InfoRequest, PublicAuthority
from casetracker.info_requests.services import visible_requests_query
from casetracker.info_requests.access import get_request

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def get_event(request_id: int, event_id: int, *, edit: bool = False) -> Event:
    """Load an event of a request the user may see (and change when ``edit``)."""
    info_request = get_request(request_id, edit=edit)
    event = db.session.get(Event, event_id)
    if event is None or event.request_id != info_request.id:
        abort(404)
    return event


def _of_request(model, request_id: int | None) -> list:
    if request_id is None:
        return []
    return list(db.session.scalars(db.select(model).where(model.request_id == request_id).order_by(model.id)))


def _pick(model, chosen_id: int, request_id: int | None):
    """Return the chosen row of this request, or None for the "—" choice."""
    row = db.session.get(model, chosen_id) if chosen_id else None
    return row if row is not None and row.request_id == request_id else None


def _claim_choices(request_id: int | None) -> list[tuple[int, str]]:
    return [NONE_CHOICE] + [(c.id, _short(c.text)) for c in _of_request(Claim, request_id)]


def _event_choices(request_id: int | None, *, blank: bool = True) -> list[tuple[int, str]]:
    events = [(e.id, f"{e.date_text}: {_short(e.title)}") for e in _of_request(Event, request_id)]
    return ([NONE_CHOICE] if blank else []) + events


def _correspondence_choices(request_id: int) -> list[tuple[int, str]]:
    return [NONE_CHOICE] + [
        (c.id, f"{c.kind_label} {c.dated or ''} {c.subject}".strip()) for c in _of_request(Correspondence, request_id)]


def _short(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _save(form, default_field: str, service, *args, **kwargs):
    """Call ``service`` and commit; on a user error roll back, show it on the form and return None.

    The message goes under the field the error names (``EvidenceError.field``), else ``default_field``.
    """
    try:
        result = service(*args, **kwargs)
    except (EvidenceError, QuoteNotFound) as exc:
        apply_service_error(form, exc, default_field)
        return None
    db.session.commit()
    return result


@bp.app_context_processor
def evidence_helpers() -> dict:
    """Give the partials included on request and document pages what they need."""
    return {"evidence_page_actions": _page_actions, "evidence_request_summary": request_summary}


def _page_actions(document: Document) -> dict:
    """Return, once per page view, whether the user may link evidence and the choices offered."""
    cached = g.setdefault("evidence_page_actions", {})
    if document.id not in cached:
        role = current_user.role_in(document.team_id) if current_user.is_authenticated else None
        can_edit = bool(role and role.can_edit)
        cached[document.id] = {
            "can_edit": can_edit,
            "claims": _claim_choices(document.request_id)[1:] if can_edit else [],
            "events": _event_choices(document.request_id)[1:] if can_edit else [],
        }
    return cached[document.id]


@bp.route("/requests/<int:request_id>/chronology")
@login_required
def show(request_id: int):
    info_request = get_request(request_id)
    role = check_team_access(current_user, info_request.team_id)
    return render_template("evidence/chronology.html", r=info_request, chron=chronology(info_request.id),
                           can_edit=role.can_edit, team_view=False)


@bp.route("/chronology")
@login_required
def team_chronology():
    visible = visible_requests_query(current_user).with_only_columns(InfoRequest.id)
    teams = db.session.scalars(db.select(Team).where(Team.id.in_(current_user.team_ids)).order_by(Team.name))
    sections = [(team, chronology(team_id=team.id, request_ids=visible)) for team in teams]
    return render_template("evidence/team_chronology.html", sections=sections)


@bp.route("/requests/<int:request_id>/chronology.docx")
@login_required
def export_docx(request_id: int):
    info_request = get_request(request_id)
    return send_file(io.BytesIO(chronology_docx(info_request)), mimetype=DOCX_TYPE, as_attachment=True,
                     download_name=f"{info_request.reference}-chronology.docx", max_age=0)


@bp.route("/requests/<int:request_id>/chronology.csv")
@login_required
def export_csv(request_id: int):
    info_request = get_request(request_id)
    return send_file(io.BytesIO(chronology_csv(info_request)), mimetype="text/csv", as_attachment=True,
                     download_name=f"{info_request.reference}-chronology.csv", max_age=0)


@bp.route("/requests/<int:request_id>/claims/new", methods=["GET", "POST"])
@login_required
def add_claim(request_id: int):
    info_request = get_request(request_id, edit=True)
    form = ClaimForm()
    authorities = db.session.scalars(db.select(PublicAuthority).where(
        PublicAuthority.team_id == info_request.team_id).order_by(PublicAuthority.name))
    form.made_by_authority_id.choices = [NONE_CHOICE] + [(a.id, a.name) for a in authorities]
    form.recorded_in_correspondence_id.choices = _correspondence_choices(request_id)
    form.recorded_in_document_id.choices = [NONE_CHOICE] + [
        (d.id, d.display_title) for d in _of_request(Document, request_id)]
    if form.validate_on_submit():
        authority = db.session.get(PublicAuthority, form.made_by_authority_id.data or 0)
        claim = _save(
            form, "text", record_claim,
            info_request, actor=current_user, text=form.text.data, made_by=form.made_by.data or "",
            made_by_authority=authority, made_on=form.made_on.data,
            recorded_in_correspondence=_pick(Correspondence, form.recorded_in_correspondence_id.data, request_id),
            recorded_in_document=_pick(Document, form.recorded_in_document_id.data, request_id),
            recorded_in_page=form.recorded_in_page.data,
        )
        if claim is not None:
            flash("Claim recorded. Link evidence to it from a document page.", "success")
            return redirect(url_for("evidence.show", request_id=request_id))
    return _form_page(form, info_request, "Record a claim")


@bp.route("/requests/<int:request_id>/events/new", methods=["GET", "POST"])
@login_required
def add_event(request_id: int):
    info_request = get_request(request_id, edit=True)
    form = EventForm()
    form.correspondence_id.choices = _correspondence_choices(request_id)
    if form.validate_on_submit():
        event = _save(form, "title", record_event,
                      info_request, actor=current_user, title=form.title.data, date=form.parsed_date,
                      description=form.description.data or "",
                      correspondence=_pick(Correspondence, form.correspondence_id.data, request_id))
        if event is not None:
            flash("Event added to the chronology.", "success")
            return redirect(url_for("evidence.show", request_id=request_id))
    return _form_page(form, info_request, "Add an event")


@bp.route("/requests/<int:request_id>/events/<int:event_id>/date", methods=["GET", "POST"])
@login_required
def change_date(request_id: int, event_id: int):
    event = get_event(request_id, event_id, edit=True)
    form = EventDateForm(data={"date": event.date or ""} if request.method == "GET" else None)
    if form.validate_on_submit():
        checked = change_event_date(event, form.parsed_date, actor=current_user)
        db.session.commit()
        flash(f"Date changed to {event.date_text}; {len(checked)} assertions re-checked.", "success")
        return redirect(url_for("evidence.show", request_id=request_id))
    return _form_page(form, event.info_request, f"Change the date of “{event.title}”")


@bp.route("/requests/<int:request_id>/assertions/new", methods=["GET", "POST"], endpoint="add_assertion")
@login_required
def add_assertion_view(request_id: int):
    info_request = get_request(request_id, edit=True)
    form = AssertionForm()
    form.first_event_id.choices = form.second_event_id.choices = _event_choices(request_id, blank=False)
    form.claim_id.choices = _claim_choices(request_id)
    if request.method == "POST" and len(form.first_event_id.choices) < 2:
        form.first_event_id.errors = ["Add at least two events first."]
    elif form.validate_on_submit():
        assertion = _save(
            form, "title", add_assertion,
            info_request, actor=current_user, title=form.title.data, relation=form.relation.data,
            first_event=_pick(Event, form.first_event_id.data, request_id),
            second_event=_pick(Event, form.second_event_id.data, request_id),
            n=form.n.data, calendar=form.calendar.data, claim=_pick(Claim, form.claim_id.data, request_id),
            effect=form.effect.data,
        )
        if assertion is not None:
            flash(f"Assertion added: {assertion.verdict}. {assertion.explanation}",
                  "danger" if assertion.contradicted else "success")
            return redirect(url_for("evidence.show", request_id=request_id))
    return _form_page(form, info_request, "Assert the order of two events")


def _form_page(form, info_request: InfoRequest, title: str):
    return render_template("evidence/form.html", form=form, r=info_request, title=title), \
        422 if form.errors else 200


@bp.route("/documents/<int:document_id>/pages/<int:page>/evidence", methods=["GET", "POST"])
@login_required
def link_from_page(document_id: int, page: int):
    document = get_document(document_id, edit=True)
    page_row = next((p for p in document.pages if p.number == page), None)
    if page_row is None:
        abort(404)
    form = EvidenceForm(data={"quote": request.args.get("quote", "")} if request.method == "GET" else None)
    form.claim_id.choices = _claim_choices(document.request_id)
    form.event_id.choices = _event_choices(document.request_id)
    if form.validate_on_submit():
        passage = _save(
            form, "quote", link_evidence,
            document, page, form.quote.data, form.stance.data, actor=current_user, note=form.note.data or "",
            claim=_pick(Claim, form.claim_id.data, document.request_id),
            event=_pick(Event, form.event_id.data, document.request_id),
        )
        if passage is not None:
            flash(f"Evidence linked from page {page}.", "success")
            return redirect(url_for("documents.show", document_id=document.id, _anchor=f"page-{page}"))
    return render_template("evidence/link.html", form=form, document=document, page=page_row), \
        422 if form.errors else 200


@bp.route("/documents/<int:document_id>/dates")
@login_required
def suggestions(document_id: int):
    document = get_document(document_id)
    return _suggestions_page(document)


@bp.route("/documents/<int:document_id>/dates/events", methods=["POST"])
@login_required
def make_event(document_id: int):
    document = get_document(document_id, edit=True)
    form = SuggestionForm()
    if form.validate_on_submit():
        try:
            event = suggestion_to_event(document, form.page.data, form.start.data, actor=current_user,
                                        title=form.title.data)
        except (EvidenceError, QuoteNotFound) as exc:
            db.session.rollback()
            return _suggestions_page(document, error=str(exc)), 422
        db.session.commit()
        flash(f"Event added: {event.date_text}, {event.title}", "success")
        return redirect(url_for("evidence.show", request_id=event.request_id))
    return _suggestions_page(document, error="That suggestion could not be read; reload the page."), 422


def _suggestions_page(document: Document, error: str | None = None):
    role = check_team_access(current_user, document.team_id)
    return render_template("evidence/suggestions.html", document=document, found=date_suggestions(document),
                           can_edit=role.can_edit and document.request_id is not None, error=error,
                           form=SuggestionForm())
