"""The secret .ics feeds, and the buttons that create or reset their links."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Response, abort, current_app, flash, redirect, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from casetracker.auth.constants import Role
from casetracker.auth.models import Team
from casetracker.auth.permissions import check_team_access
from casetracker.calendar_feeds import bp
from casetracker.calendar_feeds.services import feed_by_token, feed_for, feed_ics, find_feed, reset_feed
from casetracker.extensions import db


@bp.route("/calendar/<token>.ics")
def feed(token: str):
    """Serve a feed by its secret token; an unknown or reset token is 404."""
    found = feed_by_token(token)
    if found is None:
        abort(404, description="There is no calendar feed at this address (it may have been reset).")
    # UIDs carry the site's own name (BASE_URL when set), so they stay the same whichever address is used.
    host = urlsplit(current_app.config.get("BASE_URL") or "").hostname or request.host.split(":")[0] or "casetracker"
    body = feed_ics(found, link_for=lambda rid: url_for("info_requests.show", request_id=rid, _external=True),
                    host=host)
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'inline; filename="casetracker.ics"'
    response.headers["Cache-Control"] = "private, max-age=300"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _check_posted() -> None:
    if not FlaskForm().validate_on_submit():
        abort(400, description="The form expired; reload the page and try again.")


def _create_or_reset(**owner) -> bool:
    """Create the feed when there is none (False), else give it a new token (True). Flushes."""
    found = find_feed(**owner)
    if found is None:
        feed_for(actor=current_user, **owner)
        return False
    reset_feed(found, actor=current_user)
    return True


@bp.route("/account/calendar", methods=["POST"])
@login_required
def reset_own():
    """Create the user's feed link, or replace it (the old one then answers 404)."""
    _check_posted()
    was_reset = _create_or_reset(user=current_user._get_current_object())
    db.session.commit()
    flash("Calendar link reset: the old one no longer works." if was_reset else "Calendar feed address created.",
          "success")
    return redirect(url_for("mailer.settings"))


@bp.route("/teams/<int:team_id>/calendar", methods=["POST"])
@login_required
def reset_team(team_id: int):
    """Create or reset a team's feed link: team admins only (other members 403, other teams 404)."""
    if check_team_access(current_user, team_id) is not Role.ADMIN:
        abort(403, description="Only the team's admins can change its calendar link.")
    _check_posted()
    was_reset = _create_or_reset(team=db.session.get(Team, team_id))
    db.session.commit()
    flash("Team calendar link reset." if was_reset else "Team calendar feed address created.", "success")
    return redirect(url_for("mailer.settings"))
