"""Gather a team's tracked requests for the statistics per authority; the CSV of the table."""

from __future__ import annotations

import io
from datetime import date

from casetracker.auth.models import Team, User
from casetracker.correspondence.constants import CorrespondenceKind, CorrespondenceState
from casetracker.correspondence.models import Correspondence
from casetracker.csv_safety import safe_writer
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest, PublicAuthority
from casetracker.info_requests.services import visible_requests_query
from casetracker.officer.performance import CaseTiming
from casetracker.officer.reports import case_timing
from casetracker.statistics.figures import OUTCOME_NAMES, authority_figures, figures_by_authority

__all__ = ["authorities_csv", "authority_report", "authority_table", "tracked_timings"]


def tracked_timings(team: Team, today: date, *, user: User | None = None,
                    authority_id: int | None = None) -> list[CaseTiming]:
    """Return a ``CaseTiming`` per request of ``team`` (those ``user`` may see, when given), oldest first.

    One query for the requests and one for which of them went to the regulator
    (an ICO complaint or SIC application recorded and confirmed).
    """
    query = visible_requests_query(user) if user is not None else db.select(InfoRequest)
    query = query.where(InfoRequest.team_id == team.id)
    if authority_id is not None:
        query = query.where(InfoRequest.authority_id == authority_id)
    requests = list(db.session.scalars(query.order_by(InfoRequest.received_on, InfoRequest.id)))
    complained = set(db.session.scalars(
        db.select(Correspondence.request_id).where(
            Correspondence.request_id.in_([r.id for r in requests]),
            Correspondence.kind == CorrespondenceKind.ICO_COMPLAINT,
            Correspondence.state != CorrespondenceState.DRAFT, Correspondence.kind_confirmed.is_(True))))
    return [case_timing(r, "", today, ico_complaint=r.id in complained) for r in requests]


def authority_table(team: Team, today: date, *, user: User | None = None, sort: str = "late") -> list[dict]:
    """Return the figures of every authority ``team`` has asked (``figures.figures_by_authority``)."""
    return figures_by_authority(tracked_timings(team, today, user=user), today, sort)


def authority_report(team: Team, authority_id: int, today: date, *, user: User | None = None
                     ) -> tuple[PublicAuthority, dict, list[CaseTiming]] | None:
    """Return one authority of ``team``'s, its figures and its requests; None when the team has no such authority."""
    authority = db.session.get(PublicAuthority, authority_id)
    if authority is None or authority.team_id != team.id:
        return None
    cases = tracked_timings(team, today, user=user, authority_id=authority_id)
    return authority, authority_figures(cases, today), cases


def authorities_csv(rows: list[dict]) -> str:
    """Return the table of authorities as CSV: one row per authority, user text made formula-safe."""
    out = io.StringIO()
    writer = safe_writer(out)
    outcome_names = list(OUTCOME_NAMES.values())
    writer.writerow(["authority", "requests", "answered", "answered_late", "late", "percent_late",
                     "median_working_days", "p90_working_days", *outcome_names, "exemptions_cited",
                     "internal_reviews", "ico_complaints", "decision_notices"])
    for row in rows:
        writer.writerow([
            row["authority"], row["requests"], row["answered"], row["answered_late"], row["late"],
            _blank(row["percent_late"]), _blank(row["median_working_days"]), _blank(row["p90_working_days"]),
            *(row["outcomes"][name] for name in outcome_names),
            "; ".join(f"{code} ({n})" for code, n in row["exemptions"].items()),
            row["internal_reviews"]["requested"], row["ico_complaints"], row["decision_notices"],
        ])
    return out.getvalue()


def _blank(value: float | None) -> object:
    return "" if value is None else value
