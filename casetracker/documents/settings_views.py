"""Let a team's admins choose the OCR languages its uploads default to."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_login import current_user, login_required

from casetracker.auth.constants import Role
from casetracker.auth.models import Team
from casetracker.auth.permissions import check_team_access
from casetracker.documents import bp
from casetracker.documents.forms import OcrLanguagesForm
from casetracker.documents.ocr_settings import OcrLanguageError, set_ocr_languages
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest


@bp.route("/teams/<int:team_id>/ocr-languages", methods=["POST"])
@login_required
def set_team_ocr_languages(team_id: int):
    if check_team_access(current_user, team_id, edit=True) != Role.ADMIN:
        abort(403)
    form = OcrLanguagesForm()
    back_to = db.session.get(InfoRequest, form.request_id.data or 0)
    target = (url_for("documents.upload", request_id=back_to.id) if back_to and back_to.team_id == team_id
              else url_for("dashboard.index"))
    if not form.validate_on_submit():
        flash("Give the OCR languages, e.g. eng or cym+eng.", "danger")
        return redirect(target)
    try:
        settings = set_ocr_languages(db.session.get(Team, team_id), form.ocr_languages.data, actor=current_user)
    except OcrLanguageError as exc:
        db.session.rollback()
        flash(str(exc), "danger")
        return redirect(target)
    db.session.commit()
    flash(f"The team's scans are now read in {settings.ocr_languages}.", "success")
    return redirect(target)
