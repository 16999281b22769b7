"""The account page's API tokens: list with last use, create (shown once), revoke."""

from __future__ import annotations

from flask import abort, flash, render_template
from flask_login import current_user, login_required

from casetracker.api_tokens import bp
from casetracker.api_tokens.forms import RevokeForm, TokenForm
from casetracker.api_tokens.models import ApiToken
from casetracker.api_tokens.services import TokenError, create_token, revoke_token, tokens_for
from casetracker.extensions import db
from casetracker.forms_common import apply_service_error, refuse_absent_fields


def _page(form: TokenForm, *, new_secret: str | None = None, status: int = 200):
    user = current_user._get_current_object()
    return render_template("api_tokens/index.html", form=form, tokens=tokens_for(user), revoke_form=RevokeForm(),
                           new_secret=new_secret), status


@bp.route("", methods=["GET", "POST"])
@login_required
def index():
    form = TokenForm()
    if form.validate_on_submit() and not refuse_absent_fields(form):
        user = current_user._get_current_object()
        try:
            _token, secret = create_token(user, name=form.name.data, scope=form.scope.data, actor=user)
        except TokenError as exc:
            apply_service_error(form, exc, "name")
        else:
            db.session.commit()
            # Shown in this answer only (never flashed into the session cookie, never stored).
            return _page(TokenForm(formdata=None), new_secret=secret)
    return _page(form, status=422 if form.errors else 200)


@bp.route("/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke(token_id: int):
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != current_user.id:
        abort(404)  # another user's token is not confirmed to exist
    if not RevokeForm().validate_on_submit():
        abort(400, "The form has expired; reload the page and try again.")
    revoke_token(token, actor=current_user._get_current_object())
    db.session.commit()
    flash(f"Token {token.name} revoked; it no longer works.", "success")
    return _page(TokenForm(formdata=None))
