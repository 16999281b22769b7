"""The retention schedule page (site administrators) and the requester export page (team admins)."""

from __future__ import annotations

import io

from flask import abort, render_template, send_file
from flask_login import current_user, login_required
from sqlalchemy import or_, select

from casetracker.audit.models import AuditEvent
from casetracker.auth.constants import Role
from casetracker.auth.models import Team
from casetracker.auth.permissions import check_team_access
from casetracker.extensions import db
from casetracker.forms_common import refuse_absent_fields
from casetracker.privacy import bp
from casetracker.privacy.forms import ExportForm


@bp.route("/admin/retention")
@login_required
def retention():
    """Show the schedule in force and the latest retention and erasure actions; site administrators only (404)."""
    from casetracker.privacy.retention import schedule_months
    from casetracker.privacy.schedule import rules

    if not current_user.is_site_admin:
        abort(404)  # the schedule runs across every team: no team's admin sees it
    recent = db.session.scalars(select(AuditEvent).where(or_(
        AuditEvent.action.like("retention.%"), AuditEvent.action == "person.erased"))
        .order_by(AuditEvent.id.desc()).limit(50))
    return render_template("privacy/retention.html", rules=rules(schedule_months()), recent=list(recent))


@bp.route("/teams/<int:team_id>/requesters/export", methods=["GET", "POST"])
@login_required
def export(team_id: int):
    """Download everything the team holds about a requester (UK GDPR Art 15); the team's admins only."""
    from casetracker.privacy.export import export_zip

    if check_team_access(current_user, team_id) is not Role.ADMIN:
        abort(403)
    team = db.session.get(Team, team_id)
    form = ExportForm()
    if form.is_submitted() and not refuse_absent_fields(form) and form.validate():
        data, summary = export_zip(form.email.data, team_ids=[team.id])
        if summary["requests"] or summary["correspondence"] or summary["documents"]:
            return send_file(io.BytesIO(data), mimetype="application/zip", as_attachment=True,
                             download_name=f"subject-access-{team.id}.zip")
        form.email.errors.append(f"{team.name} holds nothing under {form.email.data}.")
    status = 422 if form.errors else 200
    return render_template("privacy/export.html", form=form, team=team), status
