"""Create a team on one side of a request: a requester, or the FOI office of one public authority."""

from __future__ import annotations

from casetracker.audit.services import record_event
from casetracker.auth.constants import AuthorityType, TeamSide
from casetracker.auth.models import Team, User
from casetracker.auth.services import AuthError
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest, PublicAuthority
from casetracker.letters.constants import LetterKind

__all__ = ["create_team", "letter_kinds_for", "offers_letter", "team_authority"]


def create_team(
    name: str, *, side: TeamSide | str, actor: User | None, authority: str | None = None,
    authority_type: AuthorityType | str | None = None,
) -> Team:
    """Create a team; an authority team gets its own ``PublicAuthority`` record, named ``authority``.

    An authority team needs its authority type, which sets the cost limit (Fees
    Regulations 2004 reg 3). Raises ``AuthError`` for a taken name, an unknown
    side or type, or authority options given to a requester team.
    """
    from casetracker.info_requests.services import create_authority

    name = " ".join((name or "").split())
    if not name:
        raise AuthError("A team needs a name.")
    try:
        side = TeamSide(side)
    except ValueError:
        raise AuthError(f"{side!r} is not a side: use requester or authority.") from None
    if db.session.scalar(db.select(Team.id).where(Team.name == name)):
        raise AuthError(f"A team called {name} already exists.")
    if side is TeamSide.REQUESTER and (authority or authority_type):
        raise AuthError("Only an authority team has an authority and an authority type.")
    if side is TeamSide.AUTHORITY:
        if not authority_type:
            raise AuthError("An authority team needs --authority-type central or other (it sets the cost limit).")
        try:
            authority_type = AuthorityType(authority_type)
        except ValueError:
            raise AuthError(f"{authority_type!r} is not an authority type: use central or other.") from None
    team = Team(name=name, side=side, authority_type=authority_type.value if authority_type else "")
    db.session.add(team)
    db.session.flush()
    if side is TeamSide.AUTHORITY:
        from casetracker.info_requests.services import RequestDataError

        try:
            record = create_authority(team, actor=actor, name=authority or name)
        except RequestDataError as exc:
            raise AuthError(str(exc)) from None
        team.authority_id = record.id
        db.session.flush()
    record_event(actor=actor, action="team.created", obj=team, summary=f"Team {name} created ({side})",
                 team_id=team.id, after={"name": name, "side": side.value,
                                         "authority_id": team.authority_id,
                                         "authority_type": team.authority_type})
    return team


def team_authority(team: Team) -> PublicAuthority | None:
    """Return an authority team's own public authority record."""
    return db.session.get(PublicAuthority, team.authority_id) if team.authority_id else None


def letter_kinds_for(team: Team) -> list[LetterKind]:
    """Return the kinds of letter a team writes: an FOI office's notices, or a requester's letters.

    An authority writes acknowledgements, clarification requests (FOIA s1(3)),
    fees notices (s9), extension notices (s10(3)), responses and refusal notices
    (s17) and internal review outcomes (s45 Code); a requester writes requests
    (s8), internal review requests, chasers, ICO complaints (s50) and appeals (s57).
    """
    return [k for k in LetterKind if k.from_authority == team.is_authority]


def offers_letter(info_request: InfoRequest, kind: LetterKind) -> bool:
    """Return True when the request's team is on the side that writes ``kind``."""
    return kind.from_authority == info_request.team.is_authority
