"""The team mailbox settings page, "fetch now", and sending a draft letter by email."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from casetracker.auth.constants import Role
from casetracker.auth.models import Team
from casetracker.auth.permissions import check_team_access
from casetracker.correspondence.models import Correspondence
from casetracker.extensions import db
from casetracker.forms_common import apply_service_error, refuse_absent_fields
from casetracker.info_requests.access import get_request
from casetracker.mailbox import bp
from casetracker.mailbox.forms import FetchForm, LetterEmailForm, MailboxForm
from casetracker.mailbox.letter_email import LetterEmailError, recipients, send_letter
from casetracker.mailbox.settings import MailboxSettingsError, mailbox_of, outgoing_settings, save_mailbox
from casetracker.mailer.smtp import MailNotConfigured, MailSendError

_FIELDS = ("imap_host", "imap_port", "imap_security", "imap_username", "folders", "smtp_host", "smtp_port",
           "smtp_security", "smtp_username", "from_address")


def _admin_team(team_id: int) -> Team:
    if check_team_access(current_user, team_id) is not Role.ADMIN:
        abort(403, description="Only the team's admins can change its mailbox.")
    return db.session.get(Team, team_id)


@bp.route("/teams/<int:team_id>/mailbox", methods=["GET", "POST"])
@login_required
def settings(team_id: int):
    """Connect the team's FOI inbox (IMAP) and outgoing server (SMTP); passwords are never shown again."""
    team = _admin_team(team_id)
    mailbox = mailbox_of(team.id)
    form = MailboxForm(obj=mailbox)
    if form.validate_on_submit() and not refuse_absent_fields(form):
        try:
            save_mailbox(team, actor=current_user, imap_password=form.imap_password.data or "",
                         smtp_password=form.smtp_password.data or "",
                         **{name: getattr(form, name).data for name in _FIELDS})
        except MailboxSettingsError as exc:
            apply_service_error(form, exc, "imap_host")
        else:
            db.session.commit()
            flash("Mailbox saved. New mail is fetched every few minutes by the worker.", "success")
            return redirect(url_for("mailbox.settings", team_id=team.id))
    return render_template("mailbox/settings.html", team=team, mailbox=mailbox, form=form,
                           fetch_form=FetchForm()), 422 if form.errors else 200


@bp.route("/teams/<int:team_id>/mailbox/fetch", methods=["POST"])
@login_required
def fetch(team_id: int):
    """Queue a fetch of the team's inbox now (the worker also fetches on its schedule)."""
    team = _admin_team(team_id)
    if not FetchForm().validate_on_submit():
        abort(400, description="The form expired; reload the page and try again.")
    mailbox = mailbox_of(team.id)
    if mailbox is None or not mailbox.can_fetch:
        flash("Connect the inbox first.", "warning")
        return redirect(url_for("mailbox.settings", team_id=team.id))
    from casetracker.tasks.queue import send

    send("fetch_mailboxes", team.id)
    flash("Fetching new mail: it appears on the requests it matches, or under Mail to assign.", "success")
    return redirect(url_for("mailbox.settings", team_id=team.id))


def _draft(request_id: int, entry_id: int) -> Correspondence:
    info_request = get_request(request_id, edit=True)
    entry = db.session.get(Correspondence, entry_id)
    if entry is None or entry.request_id != info_request.id:
        abort(404)
    return entry


@bp.route("/requests/<int:request_id>/correspondence/<int:entry_id>/email", methods=["GET", "POST"])
@login_required
def send_by_email(request_id: int, entry_id: int):
    """Send a draft letter by email to the authority or the requester; it is recorded as sent today."""
    entry = _draft(request_id, entry_id)
    form = LetterEmailForm()
    form.to.choices = recipients(entry)
    try:
        configured = outgoing_settings(entry.team_id) is not None
    except MailboxSettingsError:
        configured = False
    if configured and form.validate_on_submit() and not refuse_absent_fields(form):
        try:
            send_letter(entry, to=form.to.data, note=form.note.data or "", actor=current_user)
        except (LetterEmailError, MailSendError, MailNotConfigured) as exc:
            apply_service_error(form, exc, "to")  # nothing recorded: the server refused, or the letter cannot go
        else:
            db.session.commit()
            flash(f"Letter emailed to {form.to.data} and recorded as sent today; the clocks are updated.", "success")
            return redirect(url_for("correspondence.show", request_id=request_id, entry_id=entry.id))
    return render_template("mailbox/send.html", entry=entry, r=entry.info_request, form=form,
                           configured=configured), 422 if form.errors else 200
