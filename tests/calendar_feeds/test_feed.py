"""The .ics feed: one all-day event per open clock, stable UIDs, SEQUENCE bumped when a date moves."""

from __future__ import annotations

from datetime import date

from icalendar import Calendar

from casetracker.auth.models import User
from casetracker.calendar_feeds.services import feed_for
from casetracker.deadlines.services import add_extra_day
from casetracker.extensions import db
from casetracker.correspondence.services import record_correspondence
from casetracker.info_requests.models import InfoRequest


def _feed_path(app, who="editor") -> str:
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == f"{who}@example.org"))
        feed = feed_for(user=user, actor=None)
        db.session.commit()
        return f"/calendar/{feed.token}.ics"


def _events(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    return sorted(((str(e["UID"]), str(e["SUMMARY"]), e.decoded("DTSTART"), int(e["SEQUENCE"]))
                   for e in calendar.walk("VEVENT")), key=lambda t: t[0])


def test_feed_has_one_event_per_open_clock_and_a_moved_date_bumps_sequence(app, client, make_request):
    first = make_request(title="Board minutes", received=date(2022, 5, 24))  # due Thu 23 Jun 2022
    answered = make_request(title="Pilot letters", received=date(2022, 5, 24))
    make_request(title="Theirs", team="beta")  # another team's: never in alpha's feeds
    private = make_request(title="Someone's private one", visibility="private")
    with app.app_context():
        r = db.session.get(InfoRequest, answered)
        record_correspondence(r, actor=None, kind="response", direction="incoming", dated=date(2022, 6, 10))
        db.session.commit()
        refs = {i: db.session.get(InfoRequest, i).reference for i in (first, answered, private)}
    path = _feed_path(app, "viewer")
    events = _events(client, path)
    # The answered request's response clock is met; its internal review window (40 working days) is open.
    # 40 working days from Fri 10 Jun 2022 skip 12 July (Northern Ireland) and 1 August (Scotland).
    assert events == [
        (f"{first}-response@localhost", f"Response due: {refs[first]} Board minutes", date(2022, 6, 23), 0),
        (f"{answered}-review-window@localhost", f"Ask for an internal review by: {refs[answered]} Pilot letters",
         date(2022, 8, 9), 0),
    ]
    body = client.get(path).get_data(as_text=True)
    assert f"http://localhost/requests/{first}" in body and "20 working days" in body.replace("\r\n ", "")

    with app.app_context():
        add_extra_day(date(2022, 6, 10), "Test proclamation", "uk", actor=None)
        db.session.commit()  # the recompute job runs at once in tests (QUEUE_IMMEDIATE)
    moved = _events(client, path)
    assert moved == [
        (f"{first}-response@localhost", f"Response due: {refs[first]} Board minutes", date(2022, 6, 24), 1),
        # Counted from the day itself: unmoved, so its SEQUENCE stays 0.
        (f"{answered}-review-window@localhost", f"Ask for an internal review by: {refs[answered]} Pilot letters",
         date(2022, 8, 9), 0),
    ]


def test_unknown_and_reset_tokens_answer_404(app, auth, make_request):
    make_request()
    path = _feed_path(app)
    assert auth.client.get(path).status_code == 200
    assert auth.client.get("/calendar/not-a-token.ics").status_code == 404
    auth.login("editor")
    assert auth.post("/account/calendar").status_code == 302
    assert auth.client.get(path).status_code == 404
    page = auth.get("/account/notifications").get_data(as_text=True)
    with app.app_context():
        from casetracker.calendar_feeds.models import CalendarFeed

        token = db.session.scalar(db.select(CalendarFeed.token).where(CalendarFeed.team_id.is_(None)))
    assert f"/calendar/{token}.ics" in page and auth.client.get(f"/calendar/{token}.ics").status_code == 200
    with app.app_context():  # a deactivated account's feed stops too
        db.session.scalar(db.select(User).where(User.email == "editor@example.org")).active = False
        db.session.commit()
    assert auth.client.get(f"/calendar/{token}.ics").status_code == 404


def test_team_feed_leaves_private_requests_out_and_only_admins_reset_it(app, auth, make_request):
    make_request(title="Team one")
    make_request(title="Private one", visibility="private")
    auth.login("editor")
    assert auth.post("/teams/1/calendar").status_code == 403
    admin = type(auth)(app.test_client())
    admin.login("admin")
    assert admin.post("/teams/1/calendar").status_code == 302
    with app.app_context():
        from casetracker.calendar_feeds.models import CalendarFeed

        token = db.session.scalar(db.select(CalendarFeed.token).where(CalendarFeed.team_id == 1))
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(
        admin.client.get(f"/calendar/{token}.ics").data).walk("VEVENT")]
    assert len(summaries) == 1 and summaries[0].endswith("Team one")
    other = type(auth)(app.test_client())
    other.login("otheradmin")
    assert other.post("/teams/1/calendar").status_code == 404


def test_calendar_link_command_prints_the_path(app, runner, actors):
    result = runner.invoke(args=["calendar", "link", "editor@example.org"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        from casetracker.calendar_feeds.models import CalendarFeed

        token = db.session.scalar(db.select(CalendarFeed.token))
    assert result.output == f"/calendar/{token}.ics\n"
    again = runner.invoke(args=["calendar", "link", "editor@example.org"])
    assert again.output == result.output  # the same link until it is reset
    missing = runner.invoke(args=["calendar", "link", "nobody@example.org"])
    assert missing.exit_code == 2 and "There is no user 'nobody@example.org'." in missing.output
