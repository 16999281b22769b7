"""Log-in, log-out and password pages."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from casetracker.auth import bp
from casetracker.auth.forms import LoginForm, PasswordChangeForm
from casetracker.auth.models import User
from casetracker.auth.services import AuthError, authenticate, change_password, end_sessions, user_for_session
from casetracker.extensions import db, limiter, login_manager
from casetracker.forms_common import apply_service_error


@login_manager.user_loader
def load_user(session_token: str) -> User | None:
    """Return the user whose current session token the session carries; None ends the session."""
    return user_for_session(session_token)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _account_limit() -> str:
    return current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"]


def _posted_account() -> str:
    """Key the per-account limit by the email posted, so one account cannot be tried from many addresses."""
    return "login-account:" + (request.form.get("email") or "").strip().lower()[:254]


def _failed(response) -> bool:
    """Count only failed attempts against an account, so its owner logging in often is never locked out."""
    return response.status_code != 302


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_account_limit, methods=["POST"], key_func=_posted_account, deduct_when=_failed)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is None:
            # One message whichever was wrong, so the form does not reveal which emails have accounts.
            form.password.errors.append("That email and password do not match an account.")
        else:
            login_user(user)
            target = request.args.get("next", "")
            # Only same-site paths, so a crafted link cannot bounce a user elsewhere.
            if not target.startswith("/") or urlsplit(target).netloc or target.startswith("//"):
                target = url_for("dashboard.index")
            return redirect(target)
    return render_template("auth/login.html", form=form), 200 if not form.errors else 422


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    user = current_user._get_current_object()
    logout_user()
    # A copy of the cookie (another browser, a stolen one) must not outlive the logout.
    end_sessions(user, actor=user, reason="logged out")
    db.session.commit()
    flash("You have logged out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            change_password(user, form.current_password.data, form.new_password.data, actor=user)
        except AuthError as exc:
            apply_service_error(form, exc, "new_password")
        else:
            db.session.commit()
            # Every other session ended with the old token; this one carries on with the new.
            login_user(user)
            flash("Password changed. Every other session of yours has been logged out.", "success")
            return redirect(url_for("dashboard.index"))
    return render_template("auth/password.html", form=form), 422 if form.errors else 200
