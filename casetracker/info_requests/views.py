"""Pages for requests and public authorities."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from casetracker.audit.services import history_for_request
from casetracker.auth.models import Team
from casetracker.auth.permissions import check_object_access, check_team_access, editable_team_ids
from casetracker.correspondence.services import correspondence_for
from casetracker.deadlines.constants import Regime
from casetracker.extensions import db
from casetracker.forms_common import apply_service_error, refuse_absent_fields
from casetracker.info_requests import bp
from casetracker.info_requests.access import get_request
from casetracker.info_requests.constants import RequestStatus
from casetracker.info_requests.forms import AuthorityForm, RequestForm, StageForm
from casetracker.info_requests.listing import SORTS, list_requests
from casetracker.info_requests.models import PublicAuthority
from casetracker.info_requests.services import (
    RequestDataError,
    clocks_for,
    create_authority,
    open_request,
    update_authority,
    update_request,
)
from casetracker.page_cache import cached_page
from casetracker.timeutil import uk_today


def _authority_choices(team_ids: list[int]) -> list[tuple[int, str]]:
    authorities = db.session.execute(
        db.select(PublicAuthority.id, PublicAuthority.name).where(PublicAuthority.team_id.in_(team_ids))
        .order_by(PublicAuthority.name)
    )
    return [(0, "Choose…")] + [(a.id, a.name) for a in authorities]


@bp.route("/")
@login_required
@cached_page
def index():
    args = request.args
    authority_id = args.get("authority", type=int)
    page = list_requests(
        current_user, today=uk_today(), status=args.get("status", ""), authority_id=authority_id,
        regime=args.get("regime", ""), overdue=args.get("overdue") == "1", clocks=args.get("clocks", ""),
        sort=args.get("sort", "due"),
        page=args.get("page", 1, type=int), per_page=current_app.config["PER_PAGE"],
    )
    return render_template(
        "info_requests/index.html", page=page, statuses=list(RequestStatus), regimes=list(Regime),
        authorities=_authority_choices(current_user.team_ids)[1:], sorts=list(SORTS), args=args,
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    teams = editable_team_ids(current_user)
    if not teams:
        abort(403)
    team = db.session.get(Team, teams[0])
    form = RequestForm()
    form.authority_id.choices = _authority_choices([team.id])
    if form.validate_on_submit():
        authority = db.session.get(PublicAuthority, form.authority_id.data)
        if authority is None or authority.team_id != team.id:
            form.authority_id.errors.append("Choose one of your team's authorities.")
        else:
            data = {k: v for k, v in form.data.items() if k not in ("submit", "csrf_token", "authority_id", "title", "received_on", "sent_on", "regime")}
            try:
                info_request = open_request(
                    team=team, authority=authority, title=form.title.data, received_on=form.received_on.data,
                    sent_on=form.sent_on.data, regime=form.regime.data, actor=current_user, **data,
                )
            except RequestDataError as exc:
                apply_service_error(form, exc, "title")
            else:
                db.session.commit()
                flash(f"Request {info_request.reference} saved.", "success")
                return redirect(url_for("info_requests.show", request_id=info_request.id))
    return render_template("info_requests/form.html", form=form, title="New request"), 422 if form.errors else 200


@bp.route("/<int:request_id>")
@login_required
@cached_page
def show(request_id: int):
    info_request = get_request(request_id)
    role = check_team_access(current_user, info_request.team_id)
    return render_template(
        "info_requests/show.html", r=info_request, clocks=clocks_for(info_request, uk_today()),
        correspondence=correspondence_for(info_request.id), history=history_for_request(info_request.id),
        can_edit=role.can_edit, stage_form=StageForm(obj=info_request),
        extras=current_app.extensions.get("casetracker_request_panels", []),
    )


@bp.route("/<int:request_id>/edit", methods=["GET", "POST"])
@login_required
def edit(request_id: int):
    info_request = get_request(request_id, edit=True)
    form = RequestForm(obj=info_request)
    form.authority_id.choices = _authority_choices([info_request.team_id])
    if form.validate_on_submit():
        authority = db.session.get(PublicAuthority, form.authority_id.data)
        if authority is None or authority.team_id != info_request.team_id:
            form.authority_id.errors.append("Choose one of your team's authorities.")
        else:
            data = {k: v for k, v in form.data.items() if k not in ("submit", "csrf_token")}
            try:
                update_request(info_request, actor=current_user, **data)
            except RequestDataError as exc:
                apply_service_error(form, exc, "title")
            else:
                db.session.commit()
                flash("Request updated.", "success")
                return redirect(url_for("info_requests.show", request_id=info_request.id))
    return render_template("info_requests/form.html", form=form, title=f"Edit {info_request.reference}", r=info_request), 422 if form.errors else 200


@bp.route("/<int:request_id>/stages", methods=["POST"])
@login_required
def update_stages(request_id: int):
    info_request = get_request(request_id, edit=True)
    form = StageForm()
    if form.validate_on_submit() and not refuse_absent_fields(form):
        data = {k: v for k, v in form.data.items() if k not in ("submit", "csrf_token", "status")}
        if form.status.data:
            data["status"] = form.status.data
        try:
            update_request(info_request, actor=current_user, **data)
        except RequestDataError as exc:
            db.session.rollback()
            flash(f"The stages could not be saved: {exc}", "danger")
            return redirect(url_for("info_requests.show", request_id=request_id))
        db.session.commit()
        flash("Stages saved.", "success")
    else:
        flash("The stages could not be saved: " + "; ".join(e for errs in form.errors.values() for e in errs), "danger")
    return redirect(url_for("info_requests.show", request_id=request_id))


@bp.route("/authorities")
@login_required
def authorities():
    rows = db.session.scalars(
        db.select(PublicAuthority).where(PublicAuthority.team_id.in_(current_user.team_ids)).order_by(PublicAuthority.name)
    )
    return render_template("info_requests/authorities.html", authorities=list(rows))


@bp.route("/authorities/new", methods=["GET", "POST"])
@login_required
def create_authority_view():
    teams = editable_team_ids(current_user)
    if not teams:
        abort(403)
    form = AuthorityForm()
    if form.validate_on_submit():
        data = {k: v for k, v in form.data.items() if k not in ("submit", "csrf_token")}
        try:
            create_authority(db.session.get(Team, teams[0]), actor=current_user, **data)
        except RequestDataError as exc:
            apply_service_error(form, exc, "name")
        else:
            db.session.commit()
            flash("Authority saved.", "success")
            return redirect(url_for("info_requests.authorities"))
    return render_template("info_requests/authority_form.html", form=form, title="New authority"), 422 if form.errors else 200


@bp.route("/authorities/<int:authority_id>/edit", methods=["GET", "POST"])
@login_required
def edit_authority(authority_id: int):
    authority = check_object_access(current_user, db.session.get(PublicAuthority, authority_id), edit=True)
    form = AuthorityForm(obj=authority)
    if form.validate_on_submit():
        data = {k: v for k, v in form.data.items() if k not in ("submit", "csrf_token")}
        try:
            update_authority(authority, actor=current_user, **data)
        except RequestDataError as exc:
            apply_service_error(form, exc, "name")
        else:
            db.session.commit()
            flash("Authority saved.", "success")
            return redirect(url_for("info_requests.authorities"))
    return render_template("info_requests/authority_form.html", form=form, title=f"Edit {authority.name}"), 422 if form.errors else 200


from casetracker.info_requests import import_views  # noqa: E402,F401  (registers /requests/import on bp)
