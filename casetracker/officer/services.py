"""Assign requests to case officers, list "My cases" and workloads, record s36 opinions and consultations.

Every function adds to the caller's transaction, flushes and writes one audit
event; none commits.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from casetracker.audit.services import record_event
from casetracker.auth.models import Membership, Team, User
from casetracker.extensions import db
from casetracker.info_requests.constants import AWAITING_RESPONSE_STATUSES, RequestStatus
from casetracker.info_requests.models import InfoRequest
from casetracker.info_requests.services import RequestRow, request_rows
from casetracker.officer.constants import ConsultationOutcome
from casetracker.officer.models import CaseAssignment, QualifiedPersonOpinion, ThirdPartyConsultation

__all__ = [
    "CaseHandlingError", "assign_case", "assignment_for", "consultations_for", "my_cases",
    "opinions_for", "record_consultation", "record_qualified_opinion", "set_consultation_outcome",
    "team_members", "workload",
]

#: Statuses in which the clock is stopped and the office waits on the requester (FOIA s1(3), s10(2)).
STOPPED_CLOCK_STATUSES = frozenset({RequestStatus.AWAITING_CLARIFICATION, RequestStatus.AWAITING_FEE})


class CaseHandlingError(ValueError):
    """Case handling data a user must fix; ``field`` names the form field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def team_members(team_id: int) -> list[User]:
    """Return the team's members by name, for choosing an officer."""
    return list(db.session.scalars(
        db.select(User).join(Membership).where(Membership.team_id == team_id, User.active.is_(True))
        .order_by(User.name, User.email)))


def assignment_for(request_id: int) -> CaseAssignment | None:
    return db.session.scalar(db.select(CaseAssignment).where(CaseAssignment.request_id == request_id))


def _member(team_id: int, user_id: int | None, field: str) -> User | None:
    if user_id is None:
        return None
    user = db.session.get(User, user_id)
    if user is None or user.role_in(team_id) is None:
        raise CaseHandlingError("Choose a member of your team.", field)
    return user


def assign_case(
    info_request: InfoRequest, *, actor: User | None, officer_id: int | None,
    review_officer_id: int | None = None, stage: str = "case",
) -> CaseAssignment:
    """Give the request (``stage="case"``) or its internal review (``stage="review"``) to an officer.

    Reassigning is audited with the officer before and after, so the request's
    history shows every hand-over. The internal review should go to someone who
    did not make the original decision (FOIA s45 Code of Practice para 5.9).
    Raises ``CaseHandlingError`` for someone outside the team, or the case
    officer chosen as reviewer.
    """
    if not info_request.team.is_authority:
        raise CaseHandlingError("Only an FOI office's team assigns requests to case officers.", "officer_id")
    row = assignment_for(info_request.id)
    if row is None:
        row = CaseAssignment(request_id=info_request.id, team_id=info_request.team_id)
        db.session.add(row)
    field, attr = ("officer_id", "officer_id") if stage == "case" else ("review_officer_id", "review_officer_id")
    chosen = officer_id if stage == "case" else review_officer_id
    user = _member(info_request.team_id, chosen, field)
    if stage == "review" and chosen is not None and chosen == row.officer_id:
        raise CaseHandlingError("The internal review should be done by someone other than the case officer.", field)
    before = getattr(row, attr)
    before_user = db.session.get(User, before) if before else None
    setattr(row, attr, chosen)
    db.session.flush()
    db.session.refresh(row)
    what = "Case officer" if stage == "case" else "Internal review officer"
    name = user.display_name if user else "nobody"
    summary = (f"{what} of {info_request.reference} changed from {before_user.display_name} to {name}"
               if before_user else f"{what} of {info_request.reference}: {name}")
    record_event(actor=actor, action="request.assigned" if stage == "case" else "request.review_assigned",
                 obj=row, summary=summary, request_id=info_request.id, team_id=info_request.team_id,
                 before={attr: before}, after={attr: chosen})
    return row


def my_cases(user: User, today: date) -> list[RequestRow]:
    """Return the open requests whose case officer (or review officer) is ``user``, soonest due first."""
    query = (
        db.select(InfoRequest).join(CaseAssignment, CaseAssignment.request_id == InfoRequest.id)
        .where((CaseAssignment.officer_id == user.id) | (CaseAssignment.review_officer_id == user.id),
               InfoRequest.team_id.in_(user.team_ids), InfoRequest.status != RequestStatus.CLOSED)
    )
    rows = request_rows(list(db.session.scalars(query)), today)
    return sorted(rows, key=lambda r: ((r.open_clock or r.response).date, r.request.id))


def workload(team: Team) -> list[tuple[User | None, int, int]]:
    """Return (officer, requests awaiting a response, requests in a stopped clock) per officer of ``team``.

    ``None`` stands for requests nobody is assigned to yet.
    """
    rows = db.session.execute(
        db.select(CaseAssignment.officer_id, InfoRequest.status)
        .select_from(InfoRequest)
        .outerjoin(CaseAssignment, CaseAssignment.request_id == InfoRequest.id)
        .where(InfoRequest.team_id == team.id,
               InfoRequest.status.in_([s.value for s in AWAITING_RESPONSE_STATUSES]))
    )
    open_count: Counter = Counter()
    stopped: Counter = Counter()
    for officer_id, status in rows:
        open_count[officer_id] += 1
        if status in STOPPED_CLOCK_STATUSES:
            stopped[officer_id] += 1
    members = {u.id: u for u in team_members(team.id)}
    result = [(u, open_count[u.id], stopped[u.id]) for u in members.values()]
    if open_count[None]:
        result.append((None, open_count[None], stopped[None]))
    return result


def record_qualified_opinion(info_request: InfoRequest, *, actor: User | None, qualified_person: str,
                             given_on: date) -> QualifiedPersonOpinion:
    """Record the qualified person's reasonable opinion, which s36 needs before it can be cited (FOIA s36(2))."""
    qualified_person = " ".join((qualified_person or "").split())
    if not qualified_person:
        raise CaseHandlingError("Name the qualified person who gave the opinion.", "qualified_person")
    if given_on < info_request.received_on:
        raise CaseHandlingError("The opinion cannot be given before the request was received.", "given_on")
    opinion = QualifiedPersonOpinion(request_id=info_request.id, team_id=info_request.team_id,
                                     qualified_person=qualified_person, given_on=given_on,
                                     recorded_by_id=getattr(actor, "id", None))
    db.session.add(opinion)
    db.session.flush()
    record_event(actor=actor, action="request.qualified_opinion", obj=opinion,
                 summary=f"Qualified person's opinion (s36) by {qualified_person} on {given_on.isoformat()}",
                 request_id=info_request.id, team_id=info_request.team_id,
                 after={"qualified_person": qualified_person, "given_on": given_on})
    return opinion


def opinions_for(request_id: int) -> list[QualifiedPersonOpinion]:
    return list(db.session.scalars(db.select(QualifiedPersonOpinion)
                                   .where(QualifiedPersonOpinion.request_id == request_id)
                                   .order_by(QualifiedPersonOpinion.given_on)))


def record_consultation(info_request: InfoRequest, *, actor: User | None, third_party: str, consulted_on: date,
                        respond_by: date) -> ThirdPartyConsultation:
    """Record a third party consulted about disclosure and the office's own deadline for its answer.

    Consulting does not stop the statutory clock (FOIA s10(1); s45 Code part 4),
    so the internal deadline must fall before the response is due.
    """
    from casetracker.info_requests.services import clocks_for

    third_party = " ".join((third_party or "").split())
    if not third_party:
        raise CaseHandlingError("Name the third party consulted.", "third_party")
    if respond_by < consulted_on:
        raise CaseHandlingError("The deadline cannot be before the consultation.", "respond_by")
    due = clocks_for(info_request, consulted_on)[0].date
    if respond_by > due:
        raise CaseHandlingError(f"Set the deadline on or before the response due date, {due.isoformat()}: "
                                "consulting does not stop the clock.", "respond_by")
    row = ThirdPartyConsultation(request_id=info_request.id, team_id=info_request.team_id,
                                 third_party=third_party, consulted_on=consulted_on, respond_by=respond_by)
    db.session.add(row)
    db.session.flush()
    record_event(actor=actor, action="request.consultation", obj=row,
                 summary=f"{third_party} consulted; answer wanted by {respond_by.isoformat()}",
                 request_id=info_request.id, team_id=info_request.team_id,
                 after={"third_party": third_party, "consulted_on": consulted_on, "respond_by": respond_by})
    return row


def set_consultation_outcome(row: ThirdPartyConsultation, *, actor: User | None,
                             outcome: ConsultationOutcome | str, notes: str = "") -> ThirdPartyConsultation:
    """Record what the third party said."""
    before = row.outcome
    row.outcome = ConsultationOutcome(outcome)
    row.notes = notes or row.notes
    db.session.flush()
    record_event(actor=actor, action="request.consultation_outcome", obj=row,
                 summary=f"{row.third_party}: {row.outcome_label}", request_id=row.request_id,
                 team_id=row.team_id, before={"outcome": before}, after={"outcome": row.outcome})
    return row


def consultations_for(request_id: int) -> list[ThirdPartyConsultation]:
    return list(db.session.scalars(db.select(ThirdPartyConsultation)
                                   .where(ThirdPartyConsultation.request_id == request_id)
                                   .order_by(ThirdPartyConsultation.consulted_on, ThirdPartyConsultation.id)))


def my_cases_or_none(user: User, today: date) -> list[RequestRow] | None:
    """Return ``my_cases`` for a member of an FOI office's team; None for requesters, who assign nothing."""
    if not any(m.team.is_authority for m in user.memberships):
        return None
    return my_cases(user, today)
