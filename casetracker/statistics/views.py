"""Statistics per authority: a team's table of authorities (sortable by lateness), one page per authority, CSV."""

from __future__ import annotations

from flask import Response, abort, render_template, request
from flask_login import current_user, login_required

from casetracker.auth.models import Team
from casetracker.auth.permissions import check_team_access
from casetracker.extensions import db
from casetracker.officer.svg import bar_chart
from casetracker.statistics import bp
from casetracker.statistics.figures import SORTS
from casetracker.statistics.services import authorities_csv, authority_report, authority_table
from casetracker.timeutil import uk_today

#: Bands of working days to respond, for the authority page's chart: (label, first, last).
DAY_BANDS = (("up to 20", 0, 20), ("21 to 40", 21, 40), ("41 to 60", 41, 60), ("over 60", 61, None))


def _team(team_id: int) -> Team:
    """Return the team if the current user is in it (another team's: 404)."""
    check_team_access(current_user, team_id)
    return db.session.get(Team, team_id)


def _sort() -> str:
    return request.args.get("sort", "late") if request.args.get("sort", "late") in SORTS else "late"


@bp.route("/teams/<int:team_id>/authorities")
@login_required
def index(team_id: int):
    """List the authorities the team has asked, most late first (or by ``sort``: late, requests, name)."""
    team = _team(team_id)
    sort = _sort()
    return render_template("statistics/index.html", team=team, sort=sort,
                           rows=authority_table(team, uk_today(), user=current_user, sort=sort))


@bp.route("/teams/<int:team_id>/authorities.csv")
@login_required
def download(team_id: int):
    """Send the table of authorities as CSV."""
    team = _team(team_id)
    data = authorities_csv(authority_table(team, uk_today(), user=current_user, sort=_sort()))
    return Response(data, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="authorities-{team.id}.csv"'})


@bp.route("/teams/<int:team_id>/authorities/<int:authority_id>")
@login_required
def show(team_id: int, authority_id: int):
    """Show one authority's figures, with charts of outcomes and working days to respond, and its requests."""
    team = _team(team_id)
    found = authority_report(team, authority_id, uk_today(), user=current_user)
    if found is None:
        abort(404)
    authority, figures, cases = found
    outcomes = bar_chart("outcomes-chart", "Answered requests by outcome",
                         [(name.replace("_", " "), n) for name, n in figures["outcomes"].items()])
    days = [c.working_days for c in cases if c.working_days is not None]
    bands = [(label, sum(1 for d in days if d >= first and (last is None or d <= last)))
             for label, first, last in DAY_BANDS]
    return render_template("statistics/show.html", team=team, authority=authority, figures=figures, cases=cases,
                           outcomes_chart=outcomes,
                           days_chart=bar_chart("days-chart", "Answered requests by working days to respond", bands))
