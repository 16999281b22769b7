"""The page that imports requests from a CSV file."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from casetracker.auth.models import Team
from casetracker.auth.permissions import editable_team_ids
from casetracker.extensions import db
from casetracker.info_requests import bp
from casetracker.info_requests.csv_import import COLUMNS, REQUIRED, CsvFileError, import_requests_csv
from casetracker.info_requests.import_forms import RequestImportForm

#: Refused rows listed on the page after an import; the rest are counted.
SHOWN_FAILURES = 50


@bp.route("/import", methods=["GET", "POST"])
@login_required
def import_csv():
    team_ids = editable_team_ids(current_user)
    if not team_ids:
        abort(403)
    form = RequestImportForm()
    teams = db.session.scalars(db.select(Team).where(Team.id.in_(team_ids)).order_by(Team.name))
    form.team_id.choices = [(t.id, t.name) for t in teams]
    report = None
    if form.validate_on_submit():
        try:
            report = import_requests_csv(form.file.data.read(), team=db.session.get(Team, form.team_id.data),
                                         actor=current_user, max_rows=current_app.config["IMPORT_PAGE_MAX_ROWS"])
        except CsvFileError as error:
            db.session.rollback()
            form.file.errors = [str(error)]
        else:
            db.session.commit()
            if not report.failed:
                flash(f"Imported {report.imported} request{'' if report.imported == 1 else 's'}.", "success")
                return redirect(url_for("info_requests.index", sort="-received"))
    status = 422 if form.errors else 200
    return render_template("info_requests/import.html", form=form, report=report, columns=COLUMNS,
                           required=REQUIRED, shown=SHOWN_FAILURES), status
