"""Officer pages: case handling of one request, the cost limit workbench, workload and performance."""

from __future__ import annotations

from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from casetracker.auth.constants import TeamSide
from casetracker.auth.models import Team
from casetracker.auth.permissions import check_team_access
from casetracker.extensions import db
from casetracker.forms_common import apply_service_error, refuse_absent_fields
from casetracker.info_requests.access import get_request
from casetracker.officer import bp
from casetracker.officer.estimates import (
    cost_check_for,
    estimate_for,
    record_estimate,
    refuse_under_cost_limit,
    similar_requests,
)
from casetracker.officer.forms import (
    AssignForm,
    ConsultationForm,
    ConsultationOutcomeForm,
    CostEstimateForm,
    OpinionForm,
    PerformanceForm,
    RefuseForm,
)
from casetracker.officer.models import ThirdPartyConsultation
from casetracker.officer.reports import ReportError, performance_csv, performance_report
from casetracker.officer.services import (
    CaseHandlingError,
    assign_case,
    assignment_for,
    consultations_for,
    opinions_for,
    record_consultation,
    record_qualified_opinion,
    set_consultation_outcome,
    team_members,
    workload,
)
from casetracker.officer.svg import timeliness_chart
from casetracker.timeutil import uk_today


def _office_request(request_id: int, *, edit: bool = False):
    """Load a request of an FOI office's team; a requester team's request has no case handling (404)."""
    info_request = get_request(request_id, edit=edit)
    if not info_request.team.is_authority:
        abort(404)
    return info_request


def _assign_forms(info_request):
    members = [(None, "Nobody yet")] + [(u.id, u.display_name) for u in team_members(info_request.team_id)]
    row = assignment_for(info_request.id)
    case = AssignForm(prefix="case", stage="case", officer=row.officer_id if row else None)
    review = AssignForm(prefix="review", stage="review", officer=row.review_officer_id if row else None)
    review.officer.label.text, review.submit.label.text = "Internal review officer", "Assign review"
    for form in (case, review):
        form.officer.choices = members
    return case, review


def _case_page(info_request, *, case_form=None, review_form=None, opinion_form=None, consultation_form=None):
    default_case, default_review = _assign_forms(info_request)
    role = check_team_access(current_user, info_request.team_id)
    page = render_template(
        "officer/case.html", r=info_request, assignment=assignment_for(info_request.id),
        case_form=case_form or default_case, review_form=review_form or default_review,
        opinion_form=opinion_form or OpinionForm(prefix="opinion"),
        consultation_form=consultation_form or ConsultationForm(prefix="consult"),
        opinions=opinions_for(info_request.id), consultations=consultations_for(info_request.id),
        outcome_form=ConsultationOutcomeForm, can_edit=role.can_edit, today=uk_today(),
    )
    failed = any(f is not None and f.errors for f in (case_form, review_form, opinion_form, consultation_form))
    return page, 422 if failed else 200


@bp.route("/requests/<int:request_id>/case")
@login_required
def show(request_id: int):
    """Show who handles the request, its s36 opinions and third-party consultations."""
    return _case_page(_office_request(request_id))


@bp.route("/requests/<int:request_id>/case/assign", methods=["POST"])
@login_required
def assign(request_id: int):
    """Assign (or reassign) the case officer or the internal review officer."""
    info_request = _office_request(request_id, edit=True)
    stage = "review" if request.form.get("review-stage") == "review" else "case"
    case_form, review_form = _assign_forms(info_request)
    form = review_form if stage == "review" else case_form
    # An absent officer field must not unassign the case (the hidden stage is read from the form's name).
    valid = form.validate_on_submit()
    if not form.officer.raw_data:
        form.officer.errors = [*form.officer.errors, f"{form.officer.label.text}: this field was missing from the form."]
        valid = False
    if valid:
        try:
            chosen = form.officer.data
            assign_case(info_request, actor=current_user, stage=stage,
                        officer_id=chosen if stage == "case" else None,
                        review_officer_id=chosen if stage == "review" else None)
        except CaseHandlingError as exc:
            apply_service_error(form, exc, "officer")
        else:
            db.session.commit()
            flash("Internal review officer saved." if stage == "review" else "Case officer saved.", "success")
            return redirect(url_for("officer.show", request_id=info_request.id))
    return _case_page(info_request, **({"review_form": form} if stage == "review" else {"case_form": form}))


@bp.route("/requests/<int:request_id>/case/opinion", methods=["POST"])
@login_required
def opinion(request_id: int):
    """Record the qualified person's opinion (FOIA s36(2))."""
    info_request = _office_request(request_id, edit=True)
    form = OpinionForm(prefix="opinion")
    if form.validate_on_submit() and not refuse_absent_fields(form):
        try:
            record_qualified_opinion(info_request, actor=current_user, qualified_person=form.qualified_person.data,
                                     given_on=form.given_on.data)
        except CaseHandlingError as exc:
            apply_service_error(form, exc, "qualified_person")
        else:
            db.session.commit()
            flash("Qualified person's opinion recorded: section 36 may now be cited.", "success")
            return redirect(url_for("officer.show", request_id=info_request.id))
    return _case_page(info_request, opinion_form=form)


@bp.route("/requests/<int:request_id>/case/consultations", methods=["POST"])
@login_required
def consult(request_id: int):
    """Record a third-party consultation with its internal deadline."""
    info_request = _office_request(request_id, edit=True)
    form = ConsultationForm(prefix="consult")
    if form.validate_on_submit() and not refuse_absent_fields(form):
        try:
            record_consultation(info_request, actor=current_user, third_party=form.third_party.data,
                                consulted_on=form.consulted_on.data, respond_by=form.respond_by.data)
        except CaseHandlingError as exc:
            apply_service_error(form, exc, "third_party")
        else:
            db.session.commit()
            flash("Consultation recorded.", "success")
            return redirect(url_for("officer.show", request_id=info_request.id))
    return _case_page(info_request, consultation_form=form)


@bp.route("/requests/<int:request_id>/case/consultations/<int:consultation_id>", methods=["POST"])
@login_required
def consultation_outcome(request_id: int, consultation_id: int):
    """Record what a consulted third party said."""
    info_request = _office_request(request_id, edit=True)
    row = db.session.get(ThirdPartyConsultation, consultation_id)
    if row is None or row.request_id != info_request.id:
        abort(404)
    form = ConsultationOutcomeForm(prefix=f"c{row.id}")
    # The page sends no notes; absent notes keep those recorded (set_consultation_outcome).
    if not form.validate_on_submit():
        abort(400)
    set_consultation_outcome(row, actor=current_user, outcome=form.outcome.data, notes=form.notes.data)
    db.session.commit()
    flash(f"{row.third_party}: {row.outcome_label}.", "success")
    return redirect(url_for("officer.show", request_id=info_request.id))


@bp.route("/requests/<int:request_id>/cost-limit", methods=["GET", "POST"])
@login_required
def cost_limit(request_id: int):
    """The cost limit workbench: hours per activity, aggregation, and the s12 refusal."""
    info_request = _office_request(request_id, edit=request.method == "POST")
    estimate = estimate_for(info_request.id)
    similar = similar_requests(info_request)
    refuse_form = RefuseForm(prefix="refuse")
    refusing = request.method == "POST" and bool(refuse_form.submit.data)
    if request.method == "POST" and not refusing:
        form = CostEstimateForm()
    else:
        form = CostEstimateForm(formdata=None, **_estimate_values(estimate))
    form.aggregate.choices = [(r.id, f"{r.reference}: {r.title} (received {r.received_on.isoformat()})")
                              for r in similar]
    failed = False
    if refusing and refuse_form.validate_on_submit():
        try:
            refuse_under_cost_limit(info_request, actor=current_user)
        except CaseHandlingError as exc:
            db.session.rollback()
            form.determining.errors = [str(exc)]
            failed = True
        else:
            db.session.commit()
            flash("Section 12 relied on: the refusal notice now carries the estimate and your advice.", "success")
            return redirect(url_for("letters.compose", request_id=info_request.id, kind="refusal-notice"))
    elif request.method == "POST" and not refusing:
        # An absent hours field must not be saved as no hours.
        if form.validate_on_submit() and not refuse_absent_fields(form):
            try:
                record_estimate(info_request, actor=current_user, advice=form.advice.data,
                                hours={name: getattr(form, name).data for name in
                                       ("determining", "locating", "retrieving", "extracting")},
                                aggregate_ids=form.aggregate.data or [])
            except CaseHandlingError as exc:
                apply_service_error(form, exc, "determining")
            else:
                db.session.commit()
                flash("Estimate saved.", "success")
                return redirect(url_for("officer.cost_limit", request_id=info_request.id))
        failed = True
    elif refusing:
        abort(400)
    estimate = estimate_for(info_request.id)
    check = cost_check_for(estimate, info_request) if estimate else None
    return render_template("officer/cost_limit.html", r=info_request, form=form, refuse_form=refuse_form,
                           estimate=estimate, check=check, similar=similar), 422 if failed else 200


def _estimate_values(estimate) -> dict:
    if estimate is None:
        return {}
    return {"determining": estimate.determining_hours, "locating": estimate.locating_hours,
            "retrieving": estimate.retrieving_hours, "extracting": estimate.extracting_hours,
            "aggregate": estimate.aggregated_request_ids, "advice": estimate.advice}


def _office_teams() -> list[Team]:
    ids = current_user.team_ids
    return list(db.session.scalars(db.select(Team).where(Team.id.in_(ids), Team.side == TeamSide.AUTHORITY)
                                   .order_by(Team.name))) if ids else []


@bp.route("/officer/workload")
@login_required
def workload_page():
    """Show each case officer's open requests and those with a stopped clock."""
    return render_template("officer/workload.html", teams=[(t, workload(t)) for t in _office_teams()])


def _report_inputs() -> tuple[PerformanceForm, Team | None]:
    teams = _office_teams()
    today = uk_today()
    form = PerformanceForm(request.args, start=date(today.year, 1, 1), end=today)
    form.team.choices = [(t.id, t.name) for t in teams]
    if not teams:
        abort(404)
    if not request.args:
        form.team.data, form.start.data, form.end.data = teams[0].id, date(today.year, 1, 1), today
        return form, teams[0]
    if not form.validate():
        return form, None
    return form, next(t for t in teams if t.id == form.team.data)


@bp.route("/officer/performance")
@login_required
def performance():
    """Show an FOI office's timeliness by month, quarter, officer and outcome, with a chart."""
    form, team = _report_inputs()
    if team is None:
        return render_template("officer/performance.html", form=form, summary=None), 400
    try:
        summary, parts = performance_report(team, form.start.data, form.end.data, uk_today())
    except ReportError as exc:
        form.end.errors = [str(exc)]
        return render_template("officer/performance.html", form=form, summary=None), 400
    return render_template("officer/performance.html", form=form, team=team, summary=summary, parts=parts,
                           chart=timeliness_chart(parts["months"]))


@bp.route("/officer/performance.csv")
@login_required
def performance_download():
    """Send the monthly figures as CSV."""
    form, team = _report_inputs()
    if team is None:
        abort(400)
    try:
        data = performance_csv(team, form.start.data, form.end.data, uk_today())
    except ReportError:
        abort(400)
    name = f"performance-{team.name}-{form.start.data.isoformat()}-{form.end.data.isoformat()}.csv"
    return Response(data, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.app_context_processor
def officer_helpers() -> dict:
    """Give the request page's case handling panel its officers."""

    def summary(info_request):
        row = assignment_for(info_request.id)
        return {"officer": row.officer if row else None, "review_officer": row.review_officer if row else None}

    return {"officer_request_summary": summary}
