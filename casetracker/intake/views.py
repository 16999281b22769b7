"""The public request form of an FOI office (no login), CSRF-protected and rate-limited per address."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for

from casetracker.extensions import db, limiter
from casetracker.forms_common import apply_service_error, refuse_absent_fields
from casetracker.info_requests.clocks import compute_clocks
from casetracker.info_requests.services import RequestDataError, case_facts
from casetracker.intake import bp
from casetracker.intake.forms import IntakeForm
from casetracker.intake.services import office_for, receive_request
from casetracker.timeutil import short_date, uk_today


def _intake_limit() -> str:
    return current_app.config["INTAKE_RATE_LIMIT"]


def _office(team_id: int):
    found = office_for(team_id)
    if found is None:
        abort(404)
    return found


@bp.route("/foi/<int:team_id>", methods=["GET", "POST"])
# Only requests created count: a form sent back with errors writes nothing.
@limiter.limit(_intake_limit, methods=["POST"], deduct_when=lambda response: response.status_code == 302)
def request_form(team_id: int):
    """Show the office's request form; a valid request joins its received list, dated today."""
    team, authority = _office(team_id)
    form = IntakeForm()
    if form.validate_on_submit() and not refuse_absent_fields(form):
        try:
            r = receive_request(team, authority, name=form.name.data, email=form.email.data,
                                postal_address=form.postal_address.data, description=form.description.data,
                                received=uk_today())
        except RequestDataError as exc:
            apply_service_error(form, exc, "description")
        else:
            due = compute_clocks(case_facts(r), uk_today())[0].date
            db.session.commit()
            flash(f"Your request has reached {authority.name}. Our reference is {r.reference}. We received it on "
                  f"{short_date(r.received_on)} and will respond by {short_date(due)}.", "success")
            return redirect(url_for("intake.thanks", team_id=team.id))
    return render_template("intake/form.html", authority=authority, team=team, form=form), 422 if form.errors else 200


@bp.route("/foi/<int:team_id>/thanks")
def thanks(team_id: int):
    """Confirm a request was received (the reference and due date come in the flashed message)."""
    _team, authority = _office(team_id)
    return render_template("intake/thanks.html", authority=authority)
