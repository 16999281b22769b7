"""Who a person is in the tracker's records: a requester found by email, with every name they go by.

A "person" here is a requester: the requester details of requests
(``InfoRequest.requester_*``, the FOI office's requester person on an
authority team's case, issue 14) and the names and addresses in imported mail
and correspondence that carry their email address. The tracker's own users
are staff of the controller, not data subjects of this process (see README).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.utils import getaddresses

from sqlalchemy import func, or_, select

from casetracker.correspondence.models import Correspondence
from casetracker.disclosure.scrub import personal_terms
from casetracker.extensions import db
from casetracker.info_requests.constants import RequestStatus
from casetracker.info_requests.models import InfoRequest
from casetracker.mail.models import UnassignedMessage


@dataclass
class Person:
    """A requester's email, the requests that name them, and the strings that identify them."""

    email: str
    requests: list[InfoRequest] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    unassigned: list[UnassignedMessage] = field(default_factory=list)
    #: Correspondence entries whose From, To or Cc carry the email.
    entries: list[Correspondence] = field(default_factory=list)

    @property
    def terms(self) -> list[str]:
        """Return every string to find and remove, longest first (``disclosure.scrub.personal_terms``)."""
        terms: list[str] = []
        for name in self.names or [""]:
            terms += personal_terms(name, self.email, "")
        for address in self.addresses:
            terms += personal_terms("", "", address)
        return sorted(dict.fromkeys(terms), key=len, reverse=True)

    @property
    def open_requests(self) -> list[InfoRequest]:
        return [r for r in self.requests if r.status != RequestStatus.CLOSED]

    @property
    def held(self) -> bool:
        return bool(self.requests or self.unassigned or self.entries)


def _names_with(email: str, header: str) -> list[str]:
    return [name.strip() for name, address in getaddresses([header or ""])
            if address.lower() == email and len(name.strip()) >= 3]


def find_person(email: str, *, team_ids: list[int] | None = None) -> Person:
    """Return what the tracker holds under ``email`` (case-insensitive), in ``team_ids`` or everywhere."""
    email = email.strip().lower()
    person = Person(email=email)
    query = select(InfoRequest).where(func.lower(InfoRequest.requester_email) == email).order_by(InfoRequest.id)
    if team_ids is not None:
        query = query.where(InfoRequest.team_id.in_(team_ids))
    person.requests = list(db.session.scalars(query))
    names, addresses = [], []
    for r in person.requests:
        if r.requester_name.strip():
            names.append(r.requester_name.strip())
        if r.requester_address.strip():
            addresses.append(r.requester_address.strip())
    pattern = f"%{email}%"
    mail = select(UnassignedMessage).where(func.lower(UnassignedMessage.sender).like(pattern))
    entries = select(Correspondence).where(or_(*(func.lower(c).like(pattern) for c in (
        Correspondence.from_text, Correspondence.to_text, Correspondence.cc_text))))
    if team_ids is not None:
        mail = mail.where(UnassignedMessage.team_id.in_(team_ids))
        entries = entries.where(Correspondence.team_id.in_(team_ids))
    person.unassigned = list(db.session.scalars(mail))
    for message in person.unassigned:
        names += _names_with(email, message.sender)
    person.entries = list(db.session.scalars(entries))
    for entry in person.entries:
        for header in (entry.from_text, entry.to_text, entry.cc_text):
            names += _names_with(email, header)
    person.names = list(dict.fromkeys(names))
    person.addresses = list(dict.fromkeys(addresses))
    return person
