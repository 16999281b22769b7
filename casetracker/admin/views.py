"""Let site administrators add one-off non-working days (a proclaimed bank holiday)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from casetracker.admin import bp
from casetracker.admin.forms import ExtraDayForm
from casetracker.deadlines.models import ExtraNonWorkingDay
from casetracker.deadlines.services import DeadlineSettingsError, add_extra_day, remove_extra_day
from casetracker.extensions import db
from casetracker.forms_common import apply_service_error


def _require_site_admin() -> None:
    """Answer 404 unless the user is a site administrator.

    Extra non-working days change every team's statutory clocks (FOIA 2000
    s10(6)), so no team's admin may see or change them; 404 rather than 403,
    so the page is not even confirmed to exist.
    """
    if not current_user.is_site_admin:
        abort(404)


@bp.route("/non-working-days", methods=["GET", "POST"])
@login_required
def non_working_days():
    _require_site_admin()
    form = ExtraDayForm()
    if form.validate_on_submit():
        try:
            add_extra_day(form.day.data, form.name.data, form.calendar.data, actor=current_user)
        except DeadlineSettingsError as exc:
            apply_service_error(form, exc, "day")
        else:
            db.session.commit()
            flash("Non-working day added; every clock now skips it.", "success")
            return redirect(url_for("admin.non_working_days"))
    days = db.session.scalars(db.select(ExtraNonWorkingDay).order_by(ExtraNonWorkingDay.day))
    return render_template("admin/non_working_days.html", form=form, days=list(days)), 422 if form.errors else 200


@bp.route("/non-working-days/<int:day_id>/delete", methods=["POST"])
@login_required
def delete_non_working_day(day_id: int):
    _require_site_admin()
    day = db.session.get(ExtraNonWorkingDay, day_id) or abort(404)
    remove_extra_day(day, actor=current_user)
    db.session.commit()
    flash("Non-working day removed.", "success")
    return redirect(url_for("admin.non_working_days"))
