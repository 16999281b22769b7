"""A team's school term dates: stored per team, read by the clocks of its requests to schools.

FOIA (Time for Compliance with Request) Regulations 2004 (SI 2004/3364) reg 3:
a maintained school answers by the 20th school day or the 60th working day,
whichever is first. Without term dates every working day is taken as a school
day (the 20th working day, the safe date: ``deadlines.special.school_due``).
"""

from __future__ import annotations

from datetime import date

from casetracker.audit.services import record_event
from casetracker.auth.models import Team, User
from casetracker.deadlines.errors import DeadlineError
from casetracker.deadlines.special import parse_terms
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest, PublicAuthority
from casetracker.info_requests.projection import refresh_many
from casetracker.teams.models import SchoolTerm

__all__ = ["TermsError", "school_terms_for", "set_school_terms", "terms_text"]


class TermsError(ValueError):
    """Term dates a user must fix; the message names the line."""


def school_terms_for(team_id: int) -> tuple[tuple[date, date], ...]:
    """Return the team's terms as (first, last) school days, in order."""
    rows = db.session.execute(db.select(SchoolTerm.first_day, SchoolTerm.last_day)
                              .where(SchoolTerm.team_id == team_id).order_by(SchoolTerm.first_day))
    return tuple((first, last) for first, last in rows)


def terms_text(team_id: int) -> str:
    """Return the terms as the form and ``--school-term`` files write them, one "FIRST LAST" line each."""
    return "\n".join(f"{first.isoformat()} {last.isoformat()}" for first, last in school_terms_for(team_id))


def set_school_terms(team: Team, text: str, *, actor: User | None) -> tuple[tuple[date, date], ...]:
    """Replace the team's term dates with those in ``text`` and recompute its requests to schools.

    Raises ``TermsError`` (nothing written) for a line that is not two dates or
    a term that ends before it starts, or for terms that overlap.
    """
    try:
        terms = parse_terms(text)
    except DeadlineError as exc:
        raise TermsError(str(exc)) from None
    for (_, last), (first, _) in zip(terms, terms[1:]):
        if first <= last:
            raise TermsError(f"The term starting {first.isoformat()} overlaps the one before it.")
    before = terms_text(team.id)
    db.session.execute(db.delete(SchoolTerm).where(SchoolTerm.team_id == team.id))
    db.session.add_all(SchoolTerm(team_id=team.id, first_day=first, last_day=last) for first, last in terms)
    db.session.flush()
    refresh_many(db.session.scalars(
        db.select(InfoRequest).join(PublicAuthority, PublicAuthority.id == InfoRequest.authority_id)
        .where(InfoRequest.team_id == team.id, PublicAuthority.is_school.is_(True))))
    record_event(actor=actor, action="team.school_terms", obj=team, summary=f"School term dates of {team.name} set",
                 team_id=team.id, before={"terms": before}, after={"terms": terms_text(team.id)})
    return terms
