"""Team administration pages: members, invitation links, roles, removal; accepting an invitation."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from casetracker.auth.constants import Role
from casetracker.auth.models import Membership, Team
from casetracker.auth.permissions import check_team_access
from casetracker.auth.services import AuthError
from casetracker.extensions import db
from casetracker.forms_common import apply_service_error, refuse_absent_fields
from casetracker.teams import bp
from casetracker.teams.forms import AcceptForm, InviteForm, RemoveForm, RoleForm, SchoolTermsForm
from casetracker.teams.school_terms import TermsError, set_school_terms, terms_text
from casetracker.teams.services import accept_invitation, change_role, find_invitation, invite_member, remove_member


def _admin_team(team_id: int) -> Team:
    """Load a team the user administers: 404 for a non-member, 403 for a member who is not admin."""
    role = check_team_access(current_user, team_id)
    if role is not Role.ADMIN:
        abort(403)
    return db.session.get(Team, team_id)


def _membership(team: Team, membership_id: int) -> Membership:
    membership = db.session.get(Membership, membership_id)
    if membership is None or membership.team_id != team.id:
        abort(404)
    return membership


def _members_page(team: Team, form: InviteForm, *, link: str | None = None, status: int = 200,
                  emailed: str | None = None):
    from casetracker.mailer.services import mail_configured

    members = db.session.scalars(db.select(Membership).where(Membership.team_id == team.id).order_by(Membership.id))
    return render_template("teams/members.html", team=team, form=form, link=link, members=list(members),
                           role_form=RoleForm, remove_form=RemoveForm(), emailed=emailed,
                           mail_configured=mail_configured()), status


def _email_invitation(email: str, team: Team, link: str) -> str | None:
    """Email the link when the site can send mail; return what happened in words, or None without mail."""
    from casetracker.mailer.services import MailNotConfigured, MailSendError, send_invitation

    try:
        send_invitation(email=email.strip().lower(), team_name=team.name, link=link, inviter=current_user)
    except MailNotConfigured:
        return None
    except MailSendError as exc:
        return f"The email could not be sent ({exc}); send the link yourself."
    return f"Sent to {email.strip().lower()} by email."


@bp.route("/teams/<int:team_id>/members", methods=["GET", "POST"])
@login_required
def members(team_id: int):
    """List the members and create a one-time invitation link."""
    team = _admin_team(team_id)
    form = InviteForm()
    # An absent role would invite with the default role.
    if form.validate_on_submit() and not refuse_absent_fields(form):
        try:
            _, token = invite_member(team, actor=current_user, email=form.email.data, role=form.role.data)
        except AuthError as exc:
            apply_service_error(form, exc, "email")
        else:
            db.session.commit()
            link = url_for("teams.accept", token=token, _external=True)
            emailed = _email_invitation(form.email.data, team, link)
            # Shown once: only the token's hash is stored.
            return _members_page(team, InviteForm(formdata=None), link=link, emailed=emailed)
    return _members_page(team, form, status=422 if form.errors else 200)


@bp.route("/teams/<int:team_id>/members/<int:membership_id>/role", methods=["POST"])
@login_required
def role(team_id: int, membership_id: int):
    """Change a member's role."""
    team = _admin_team(team_id)
    membership = _membership(team, membership_id)
    form = RoleForm(prefix=f"m{membership.id}")
    if not form.validate_on_submit():
        abort(400)
    try:
        change_role(membership, actor=current_user, role=form.role.data)
    except AuthError as exc:
        db.session.rollback()
        flash(str(exc), "danger")
        return redirect(url_for("teams.members", team_id=team.id))
    db.session.commit()
    flash("Role changed.", "success")
    return redirect(url_for("teams.members", team_id=team.id))


@bp.route("/teams/<int:team_id>/members/<int:membership_id>/remove", methods=["POST"])
@login_required
def remove(team_id: int, membership_id: int):
    """Remove a member; their sessions end."""
    team = _admin_team(team_id)
    membership = _membership(team, membership_id)
    if not RemoveForm().validate_on_submit():
        abort(400)
    try:
        remove_member(membership, actor=current_user)
    except AuthError as exc:
        db.session.rollback()
        flash(str(exc), "danger")
        return redirect(url_for("teams.members", team_id=team.id))
    db.session.commit()
    flash("Member removed; they are logged out.", "success")
    return redirect(url_for("teams.members", team_id=team.id))


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def accept(token: str):
    """Join a team with a one-time link: a new person chooses a password; a known one logs in after."""
    invitation = find_invitation(token)
    if invitation is None:
        abort(404)
    from casetracker.auth.models import User

    known = db.session.scalar(db.select(User.id).where(User.email == invitation.email)) is not None
    # Someone with an account joins only when logged in as that account, so a leaked link cannot enrol them.
    must_log_in = known and (not current_user.is_authenticated or current_user.email != invitation.email)
    form = AcceptForm()
    if not must_log_in and form.validate_on_submit():
        try:
            accept_invitation(invitation, name=form.name.data, password=form.password.data or "")
        except AuthError as exc:
            apply_service_error(form, exc, "password")
        else:
            db.session.commit()
            flash(f"You have joined {invitation.team.name}. Log in to start.", "success")
            return redirect(url_for("auth.login"))
    return render_template("teams/accept.html", invitation=invitation, form=form, known=known,
                           must_log_in=must_log_in), \
        422 if form.errors else 200


@bp.route("/teams/<int:team_id>/school-terms", methods=["GET", "POST"])
@login_required
def school_terms(team_id: int):
    """Show and set the term dates the team's requests to schools are counted on (SI 2004/3364)."""
    team = _admin_team(team_id)
    form = SchoolTermsForm()
    if form.validate_on_submit() and not refuse_absent_fields(form):
        try:
            set_school_terms(team, form.terms.data or "", actor=current_user)
        except TermsError as exc:
            db.session.rollback()
            apply_service_error(form, exc, "terms")
        else:
            db.session.commit()
            flash("Term dates saved; the clocks of requests to schools were recounted.", "success")
            return redirect(url_for("teams.school_terms", team_id=team.id))
    elif not form.is_submitted():
        form.terms.data = terms_text(team.id)
    return render_template("teams/school_terms.html", team=team, form=form), 422 if form.errors else 200
