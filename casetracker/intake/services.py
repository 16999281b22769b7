"""Receive a request through an FOI office's public form: it joins the office's received list."""

from __future__ import annotations

from datetime import date

from casetracker.auth.models import Team
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest, PublicAuthority
from casetracker.info_requests.services import open_request

__all__ = ["office_for", "receive_request", "title_from"]

TITLE_LENGTH = 100


def office_for(team_id: int) -> tuple[Team, PublicAuthority] | None:
    """Return an FOI office and its own public authority; None for a requester team or no such team."""
    team = db.session.get(Team, team_id)
    if team is None or not team.is_authority or not team.authority_id:
        return None
    authority = db.session.get(PublicAuthority, team.authority_id)
    return (team, authority) if authority is not None else None


def title_from(description: str) -> str:
    """Return a title for the request: its first line, cut at a word to 100 characters."""
    first = " ".join((description.strip().splitlines() or [""])[0].split())
    if len(first) <= TITLE_LENGTH:
        return first
    cut = first[:TITLE_LENGTH].rsplit(" ", 1)[0]
    return cut + "…"


def receive_request(team: Team, authority: PublicAuthority, *, name: str, email: str, postal_address: str,
                    description: str, received: date) -> InfoRequest:
    """Open the request the public form received on ``received`` (day 0 of the clock, FOIA s10(1)).

    Only what FOIA s8(1) requires is kept: the requester's name, an address for
    correspondence and the description. The regime is the authority's default.
    """
    return open_request(
        team=team, authority=authority, title=title_from(description), received_on=received, sent_on=received,
        regime=authority.default_regime, actor=None, body=description.strip(),
        requester_name=" ".join(name.split()), requester_email=(email or "").strip(),
        requester_address=(postal_address or "").strip(),
    )
