"""The document page's release-safety panel (check, acknowledge) and the redaction page."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for
from flask_login import current_user, login_required

from casetracker.auth.permissions import check_team_access
from casetracker.documents.access import get_document
from casetracker.extensions import db
from casetracker.forms_common import apply_service_error, refuse_absent_fields
from casetracker.release import bp
from casetracker.release.forms import AcknowledgeForm, CheckForm, MarkForm, RedactForm, RemoveMarkForm
from casetracker.release.models import RedactionMark
from casetracker.release.redaction_services import (
    RedactionError,
    add_mark,
    make_redacted_copy,
    pending_marks,
    reason_choices,
    remove_mark,
)
from casetracker.release.services import ReleaseBlocked, acknowledge_findings, check_document, release_state


@bp.app_context_processor
def _panel():
    return {"release_panel": _panel_for}


def _panel_for(document):
    """Return what documents/show.html's release panel shows (memoised per request)."""
    cached = g.setdefault("release_panels", {})
    if document.id not in cached:
        state = release_state(document)
        form = AcknowledgeForm(prefix="ack")
        form.findings.choices = [(f.key, f"{f.kind} — {f.where}: {f.detail}") for f in state.open_findings]
        cached[document.id] = {"state": state, "check_form": CheckForm(prefix="check"), "ack_form": form,
                               "can_edit": check_team_access(current_user, document.team_id).can_edit}
    return cached[document.id]


def _back(document):
    return redirect(url_for("documents.show", document_id=document.id, _anchor="release-check"), 303)


@bp.route("/documents/<int:document_id>/release-check", methods=["POST"])
@login_required
def check(document_id: int):
    """Run the release-safety check now and store its findings."""
    document = get_document(document_id, edit=True)
    if not CheckForm(prefix="check").validate_on_submit():
        abort(400, "The form expired; reload the page and try again.")
    row = check_document(document, actor=current_user)
    db.session.commit()
    flash(f"Not checked: {row.error}" if row.error else f"Checked: {len(row.findings)} findings.",
          "warning" if row.error or row.findings else "success")
    return _back(document)


@bp.route("/documents/<int:document_id>/release-check/acknowledge", methods=["POST"])
@login_required
def acknowledge(document_id: int):
    """Record that the officer releases each open finding as it is (who and when go in the audit log)."""
    document = get_document(document_id, edit=True)
    form = AcknowledgeForm(prefix="ack")
    if not form.validate_on_submit():
        abort(400, "The form expired; reload the page and try again.")
    try:
        done = acknowledge_findings(document, form.findings.data or [], actor=current_user)
    except ReleaseBlocked as exc:
        flash(str(exc), "danger")
        return _back(document)
    db.session.commit()
    flash(f"{len(done)} findings acknowledged; the document may be released as it is.", "success")
    return _back(document)


def _redact_page(document, mark_form=None, redact_form=None, status=200):
    mark_form = mark_form or MarkForm(prefix="mark")
    mark_form.reason.choices = reason_choices(document)
    return render_template("release/redact.html", document=document, marks=pending_marks(document),
                           mark_form=mark_form, redact_form=redact_form or RedactForm(prefix="redact"),
                           remove_form=RemoveMarkForm(prefix="remove"), state=release_state(document)), status


def _area(raw: str) -> list[float] | None:
    if not (raw or "").strip():
        return None
    try:
        values = [float(part) for part in raw.replace(";", ",").split(",")]
    except ValueError:
        values = []
    if len(values) != 4 or values[0] >= values[2] or values[1] >= values[3] or min(values) < 0:
        raise RedactionError("Give the area as four numbers x0, y0, x1, y1 (x0 < x1, y0 < y1), e.g. 72, 90, 300, 110.")
    return values


@bp.route("/documents/<int:document_id>/redact", methods=["GET", "POST"])
@login_required
def redact(document_id: int):
    """Show the passages marked for redaction; POST makes the redacted copy."""
    document = get_document(document_id, edit=True)
    form = RedactForm(prefix="redact")
    if form.is_submitted():
        if not form.validate():
            abort(400, "The form expired; reload the page and try again.")
        try:
            copy = make_redacted_copy(document, actor=current_user, rasterise=bool(form.rasterise.data))
        except RedactionError as exc:
            db.session.rollback()
            form.submit.errors = [str(exc)]
            return _redact_page(document, redact_form=form, status=422)
        db.session.commit()
        flash("Redacted copy made and checked; the original is kept and will not be released.", "success")
        return redirect(url_for("documents.show", document_id=copy.id), 303)
    return _redact_page(document, redact_form=form)


@bp.route("/documents/<int:document_id>/redact/marks", methods=["POST"])
@login_required
def add(document_id: int):
    """Add a passage to redact."""
    document = get_document(document_id, edit=True)
    form = MarkForm(prefix="mark")
    form.reason.choices = reason_choices(document)
    if form.validate_on_submit() and not refuse_absent_fields(form):
        try:
            add_mark(document, text=form.text.data, page=form.page.data, rect=_area(form.area.data),
                     reason=form.reason.data, actor=current_user)
        except RedactionError as exc:
            apply_service_error(form, exc, "text")
        else:
            db.session.commit()
            flash("Passage added; add more, then make the redacted copy.", "success")
            return redirect(url_for("release.redact", document_id=document.id), 303)
    return _redact_page(document, mark_form=form, status=422)


@bp.route("/documents/<int:document_id>/redact/marks/<int:mark_id>/delete", methods=["POST"])
@login_required
def remove(document_id: int, mark_id: int):
    """Take a passage off the list."""
    document = get_document(document_id, edit=True)
    mark = db.session.get(RedactionMark, mark_id)
    if mark is None or mark.document_id != document.id or mark.redaction_id is not None:
        abort(404)
    if not RemoveMarkForm(prefix="remove").validate_on_submit():
        abort(400, "The form expired; reload the page and try again.")
    remove_mark(mark, actor=current_user)
    db.session.commit()
    flash("Passage removed.", "success")
    return redirect(url_for("release.redact", document_id=document.id), 303)
