"""Regimes (FOIA, EIR, FOISA, SAR, EISR), calendars, receipt conventions and clock statuses of the deadline engine."""

from enum import StrEnum


class Regime(StrEnum):
    """The law a request is made under."""

    FOIA = "foia"
    EIR = "eir"
    FOISA = "foisa"
    SAR = "sar"
    #: Environmental Information (Scotland) Regulations 2004 (SSI 2004/520).
    EISR = "eisr"


class CalendarName(StrEnum):
    """Which days count as working days.

    ``uk``: FOIA 2000 s10(6), also used by EIR 2004 reg 2(1): a bank holiday in
    any part of the UK is not a working day. ``scotland``: FOISA 2002 s73.
    """

    UK = "uk"
    SCOTLAND = "scotland"
    #: One nation's bank holidays only: the calendar of a SAR controller in that
    #: nation (UK GDPR Art 12(3) names no calendar; ICO guidance: "working day").
    ENGLAND_WALES = "england-wales"
    NORTHERN_IRELAND = "northern-ireland"


class ReceiptConvention(StrEnum):
    """How a public authority dates a request that arrives on a non-working day.

    ``arrival`` (the Act's words, ICO guidance): the calendar day it arrived is
    day 0. ``next-working-day``: the next working day is day 0 (a per-authority
    practice, never earlier than the Act).
    """

    ARRIVAL = "arrival"
    NEXT_WORKING_DAY = "next-working-day"


class ClockStatus(StrEnum):
    """Where an open clock stands on a given day."""

    NOT_YET_DUE = "not-yet-due"
    DUE_SOON = "due-soon"
    #: The due day itself: the response is due now, not "soon".
    DUE_TODAY = "due-today"
    OVERDUE = "overdue"
    LONG_OVERDUE = "long-overdue"


#: Which calendar each regime counts working days on (FOISA 2002 s73 for Scotland).
REGIME_CALENDARS: dict[Regime, CalendarName] = {
    Regime.FOIA: CalendarName.UK,
    Regime.EIR: CalendarName.UK,
    Regime.FOISA: CalendarName.SCOTLAND,
    Regime.SAR: CalendarName.UK,
    # EISR 2004 reg 2(1): "working day" as in FOISA 2002 s73, so Scottish bank holidays only.
    # Were the UK union meant instead, dates would only be later: the Scottish one is also the safe date.
    Regime.EISR: CalendarName.SCOTLAND,
}
#: The Scottish regimes: the Scottish Information Commissioner, a requirement for review.
SCOTTISH_REGIMES = frozenset({Regime.FOISA, Regime.EISR})

#: A clock with this many working days or fewer left is "due soon".
DUE_SOON_WORKING_DAYS = 5
#: Working days after receipt beyond which a response is "long overdue" (ICO guidance).
LONG_OVERDUE_WORKING_DAYS = 40
#: Schools get 20 school days or 60 working days (SI 2004/3364), so their long limit is 60.
LONG_OVERDUE_SCHOOL_WORKING_DAYS = 60


class ExtraDayCalendar(StrEnum):
    """Which calendars an admin-added non-working day applies to.

    A Scottish bank holiday is in a part of the UK, so ``scotland`` days are
    skipped by the ``uk`` calendar too (FOIA 2000 s10(6)); ``uk`` days (England,
    Wales or Northern Ireland only) are not skipped by FOISA (FOISA 2002 s73).
    """

    UK = "uk"
    SCOTLAND = "scotland"
    BOTH = "both"


#: A controller's calendar by the nation of the authority (``info_requests.constants.Nation``
#: values). A UK-wide body, or none given, has no single calendar: clocks that roll
#: forward over a holiday then roll only over days no nation works (the safe date).
NATION_CALENDARS: dict[str, CalendarName] = {
    "england": CalendarName.ENGLAND_WALES,
    "wales": CalendarName.ENGLAND_WALES,
    "scotland": CalendarName.SCOTLAND,
    "northern-ireland": CalendarName.NORTHERN_IRELAND,
}
#: The nations ``--nation`` accepts.
NATIONS = ("england", "wales", "scotland", "northern-ireland", "uk-wide")
