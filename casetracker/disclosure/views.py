"""Publish from a request page; the public disclosure log, its pages and released files (no login)."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from casetracker.disclosure import bp
from casetracker.disclosure.forms import PublishForm, WithdrawForm
from casetracker.disclosure.services import (
    DisclosureError,
    public_document,
    public_entries,
    public_entry,
    publication_for,
    publish_response,
    withdraw_publication,
)
from casetracker.extensions import db
from casetracker.forms_common import apply_service_error, refuse_absent_fields
from casetracker.info_requests.access import get_request
from casetracker.timeutil import uk_today


@bp.route("/requests/<int:request_id>/publish", methods=["GET", "POST"])
@login_required
def publish(request_id: int):
    """Publish the response (at once or after an embargo), or change its publication."""
    info_request = get_request(request_id, edit=True)
    publication = publication_for(info_request.id)
    form = PublishForm(obj=publication)
    # An absent embargo would publish at once; absent exemptions or summary would erase them.
    if form.validate_on_submit() and not refuse_absent_fields(form):
        try:
            publish_response(info_request, actor=current_user, embargo_until=form.embargo_until.data,
                             exemptions=form.exemptions.data, summary=form.summary.data)
        except DisclosureError as exc:
            apply_service_error(form, exc, "embargo_until")
        else:
            db.session.commit()
            flash("Published on the disclosure log." if not form.embargo_until.data or
                  form.embargo_until.data <= uk_today() else
                  f"Will appear on the disclosure log on {form.embargo_until.data.isoformat()}.", "success")
            return redirect(url_for("info_requests.show", request_id=info_request.id))
    return render_template("disclosure/publish.html", r=info_request, form=form, publication=publication,
                           withdraw_form=WithdrawForm(prefix="withdraw")), 422 if form.errors else 200


@bp.route("/requests/<int:request_id>/unpublish", methods=["POST"])
@login_required
def withdraw(request_id: int):
    """Take the response off the disclosure log."""
    info_request = get_request(request_id, edit=True)
    publication = publication_for(info_request.id)
    if publication is None:
        abort(404)
    if not WithdrawForm(prefix="withdraw").validate_on_submit():
        abort(400)
    withdraw_publication(publication, actor=current_user)
    db.session.commit()
    flash("Taken off the disclosure log.", "success")
    return redirect(url_for("info_requests.show", request_id=info_request.id))


@bp.route("/disclosure-log")
def index():
    """List the published responses, without login."""
    return render_template("disclosure/index.html", entries=public_entries(uk_today()))


@bp.route("/disclosure-log/<int:publication_id>")
def show(publication_id: int):
    """Show one published response and its released documents; 404 while embargoed."""
    entry = public_entry(publication_id, uk_today())
    if entry is None:
        abort(404)
    return render_template("disclosure/show.html", e=entry)


@bp.route("/disclosure-log/<int:publication_id>/documents/<int:document_id>")
def document(publication_id: int, document_id: int):
    """Send a released document, cleaned of the requester's personal data, as an attachment."""
    found = public_document(publication_id, document_id, uk_today())
    if found is None:
        abort(404)
    filename, content_type, data = found
    safe_name = filename.replace('"', "").replace("\r", "").replace("\n", "")
    return Response(data, mimetype=content_type, headers={
        "Content-Disposition": f'attachment; filename="{safe_name}"',
        "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; sandbox"})
