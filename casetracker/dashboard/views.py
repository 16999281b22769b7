"""The dashboard page."""

from flask import render_template
from flask_login import current_user, login_required

from casetracker.dashboard import bp
from casetracker.dashboard.services import build_dashboard
from casetracker.officer.services import my_cases_or_none as officer_cases
from casetracker.page_cache import cached_page
from casetracker.timeutil import uk_today


@bp.route("/")
@login_required
@cached_page
def index():
    return render_template("dashboard/index.html", d=build_dashboard(current_user, uk_today()),
                           my_cases=officer_cases(current_user, uk_today()))
