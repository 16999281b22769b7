"""The API's shared schemas: errors, links, pages of results, clocks, requests, authorities."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from casetracker.api.fields import Choice, RowId, Text, TypedDate
from casetracker.deadlines.constants import ReceiptConvention, Regime
from casetracker.info_requests.constants import Nation, Outcome, RequestStatus, Visibility


class ErrorBodySchema(Schema):
    status = fields.Integer(required=True, metadata={"description": "The HTTP status, repeated."})
    message = fields.String(required=True, metadata={"description": "What went wrong, for a person to read."})
    field_problems = fields.Dict(keys=fields.String(), data_key="fields",
                                 metadata={"description": "Problems per field of what was sent."})


class ApiErrorSchema(Schema):
    """Every 4xx (and any 5xx) answer: ``{"error": {"status": 404, "message": "…"}}``."""

    error = fields.Nested(ErrorBodySchema, required=True)


class CursorArgsSchema(Schema):
    cursor = fields.String(metadata={"description": "The next_cursor of the previous page."})
    limit = fields.Integer(load_default=25, validate=validate.Range(min=1, max=100))


class ClockSchema(Schema):
    """A request's clock as stored in ``request_clocks`` by the one writer, ``refresh_clocks``."""

    name = fields.String(metadata={"description": "response, review-window, review, ico-complaint, appeal, …"})
    label = fields.String()
    due_on = fields.Date()
    state = fields.String(metadata={"description": "open, paused, met or missed."})
    status = fields.String(allow_none=True, metadata={"description": "Where an open clock stands today: "
                                                                      "running, due-soon, due-today, overdue, …"})
    ended_on = fields.Date(allow_none=True)
    explanation = fields.String(metadata={"description": "How the date was counted, with the days skipped."})
    owed_by_authority = fields.Boolean()


class AuthoritySchema(Schema):
    id = fields.Integer()
    team_id = fields.Integer()
    name = fields.String()
    nation = fields.String()
    default_regime = fields.String()
    foi_email = fields.String()
    postal_address = fields.String()
    is_school = fields.Boolean()
    receipt_convention = fields.String()


class AuthorityUpdateSchema(Schema):
    """Any of an authority's details; a new receipt convention or school flag moves its requests' clocks."""

    name = Text(max_length=300)
    nation = Choice(Nation)
    default_regime = fields.String(validate=validate.OneOf([Regime.FOIA, Regime.EIR, Regime.FOISA]))
    foi_email = fields.Email(validate=validate.Length(max=254))
    postal_address = Text(max_length=2000)
    is_school = fields.Boolean()
    receipt_convention = Choice(ReceiptConvention)


class AuthorityCreateSchema(AuthorityUpdateSchema):
    """A new authority; what is left out takes the New authority page's defaults (England, FOIA, arrival)."""

    name = Text(required=True, max_length=300)
    team_id = RowId(metadata={"description": "Default: your first team in which you may edit."})


class AuthorityListSchema(Schema):
    items = fields.List(fields.Nested(AuthoritySchema))


class _RequestFields(Schema):
    """The fields of a request a user types (``info_requests.forms.RequestForm``)."""

    title = Text(max_length=300)
    authority_id = RowId()
    regime = Choice(Regime)
    body = Text(max_length=100_000)
    their_reference = Text(max_length=100)
    requester_name = Text(max_length=200)
    requester_email = fields.Email(validate=validate.Length(max=254))
    requester_address = Text(max_length=2000)
    sent_on = TypedDate(past=True, allow_none=True)
    received_on = TypedDate(past=True)
    visibility = Choice(Visibility)
    tags = Text(max_length=500)


class RequestCreateSchema(_RequestFields):
    title = Text(required=True, max_length=300)
    authority_id = RowId(required=True, metadata={"description": "One of your team's authorities; the request "
                                                                 "belongs to the authority's team."})
    received_on = TypedDate(required=True, past=True, metadata={"description": "Day 0 of the count."})


class RequestUpdateSchema(_RequestFields):
    """Any of the fields, plus the stages after the response (``info_requests.forms.StageForm``)."""

    review_outcome = Text(max_length=200)
    ico_reference = Text(max_length=40)
    decision_notice_reference = Text(max_length=40)
    appeal_reference = Text(max_length=60)
    status = fields.String(validate=validate.OneOf([RequestStatus.CLOSED.value]),
                           metadata={"description": "Only closed can be set; other statuses follow the "
                                                    "correspondence."})


class RequestSchema(Schema):
    id = fields.Integer()
    team_id = fields.Integer()
    reference = fields.String()
    title = fields.String()
    body = fields.String()
    regime = fields.String()
    authority_id = fields.Integer()
    authority = fields.Function(lambda r: r.authority.name)
    their_reference = fields.String()
    requester_name = fields.String()
    requester_email = fields.String()
    requester_address = fields.String()
    sent_on = fields.Date(allow_none=True)
    received_on = fields.Date()
    status = fields.String()
    outcome = Choice(Outcome)
    visibility = fields.String()
    tags = fields.String()
    review_outcome = fields.String()
    ico_reference = fields.String()
    decision_notice_reference = fields.String()
    appeal_reference = fields.String()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    next_clock = fields.Nested(ClockSchema, allow_none=True, dump_only=True,
                               metadata={"description": "The first open clock (None once all have ended)."})


class RequestFiltersSchema(CursorArgsSchema):
    status = Choice(RequestStatus)
    regime = Choice(Regime)
    authority = RowId(metadata={"description": "An authority id."})
    due_before = fields.Date(metadata={"description": "Next open clock due on or before this day."})
    due_after = fields.Date(metadata={"description": "Next open clock due on or after this day."})


class RequestPageSchema(Schema):
    items = fields.List(fields.Nested(RequestSchema))
    next_cursor = fields.String(allow_none=True, metadata={"description": "Pass as cursor for the next page; "
                                                                          "null on the last."})


class ClockListSchema(Schema):
    items = fields.List(fields.Nested(ClockSchema))
