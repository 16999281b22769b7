"""The account's calendar and email page, and the password reset pages."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from casetracker.auth.constants import Role
from casetracker.auth.services import AuthError
from casetracker.calendar_feeds.models import CalendarFeed
from casetracker.extensions import db, limiter
from casetracker.forms_common import apply_service_error
from casetracker.mailer import bp
from casetracker.mailer.delivery import mail_settings, preference
from casetracker.mailer.forms import MailPreferenceForm, ResetForm, ResetRequestForm
from casetracker.mailer.links import external_url
from casetracker.mailer.resets import complete_reset, find_reset, start_reset
from casetracker.mailer.services import set_preferences
from casetracker.mailer.smtp import MailSendError, send_message


def _feed_links() -> tuple[str | None, list[tuple[object, str | None, bool]]]:
    """Return the user's feed URL (or None) and, per team, (team, feed URL or None, may reset)."""
    feeds = db.session.scalars(db.select(CalendarFeed).where(
        (CalendarFeed.user_id == current_user.id) | CalendarFeed.team_id.in_(current_user.team_ids)))
    own, teams = None, {}
    for feed in feeds:
        url = url_for("calendar_feeds.feed", token=feed.token, _external=True)
        if feed.user_id == current_user.id and feed.team_id is None:
            own = url
        elif feed.team_id is not None:
            teams[feed.team_id] = url
    rows = [(m.team, teams.get(m.team_id), Role(m.role) is Role.ADMIN) for m in current_user.memberships]
    return own, rows


def _limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/account/notifications", methods=["GET", "POST"])
@login_required
def settings():
    """Calendar feed links and the email opt-ins."""
    current = preference(current_user)
    form = MailPreferenceForm(data={"daily_digest": current.daily_digest, "search_alerts": current.search_alerts})
    if form.validate_on_submit():
        set_preferences(current_user, daily_digest=form.daily_digest.data, search_alerts=form.search_alerts.data,
                        actor=current_user)
        db.session.commit()
        flash("Email settings saved.", "success")
        return redirect(url_for("mailer.settings"))
    own, team_feeds = _feed_links()
    return render_template("mailer/settings.html", form=form, configured=mail_settings() is not None,
                           own_feed=own, team_feeds=team_feeds), 422 if form.errors else 200


@bp.route("/password-reset", methods=["GET", "POST"])
@limiter.limit(_limit, methods=["POST"])
def reset_request():
    """Ask for a reset link; the same answer whether or not the email has an account."""
    settings = mail_settings()
    form = ResetRequestForm()
    if settings is not None and form.validate_on_submit():
        started = start_reset(form.email.data, settings=settings,
                              link_for=lambda token: external_url("mailer.reset", token=token))
        db.session.commit()
        if started is not None:
            try:
                send_message(settings, started[2])
            except MailSendError:
                current_app.logger.exception("Password reset email to %s failed", started[0].email)
        flash("If an account has that email, a link to choose a new password is on its way. "
              "It works once, for an hour.", "info")
        return redirect(url_for("auth.login"))
    return render_template("mailer/reset_request.html", form=form, configured=settings is not None), \
        422 if form.errors else 200


@bp.route("/password-reset/<token>", methods=["GET", "POST"])
def reset(token: str):
    """Choose a new password with a one-time link."""
    found = find_reset(token)
    if found is None:
        abort(404, description="This reset link is unknown, used or expired. Ask for a new one.")
    form = ResetForm()
    if form.validate_on_submit():
        try:
            complete_reset(found, form.password.data)
        except AuthError as exc:
            apply_service_error(form, exc, "password")
        else:
            db.session.commit()
            flash("Password changed. Log in with it now; every other session has been logged out.", "success")
            return redirect(url_for("auth.login"))
    return render_template("mailer/reset.html", form=form), 422 if form.errors else 200
