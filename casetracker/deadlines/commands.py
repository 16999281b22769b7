"""``flask deadlines``: due dates, working-day counts and holiday lists from the command line.

Other tooling parses this output, so keep it stable: one ISO date per input
date, a bare number, or tab-separated holiday lines. Bad input prints one line
("Error: ...") and exits with status 2.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

import click
from flask.cli import AppGroup
from sqlalchemy.exc import SQLAlchemyError

from casetracker.cli_support import ISO_DATE
from casetracker.deadlines.bank_holidays import FIRST_YEAR, LAST_YEAR
from casetracker.deadlines.calendars import get_calendar
from casetracker.deadlines.clocks import (
    ComputedDate,
    appeal_deadline,
    calendar_for,
    ico_complaint_window,
    response_due,
    review_due,
    review_request_window,
)
from casetracker.deadlines.constants import NATIONS, CalendarName, ReceiptConvention, Regime
from casetracker.deadlines.errors import DeadlineError
from casetracker.deadlines.services import extra_non_working_days
from casetracker.deadlines.special import parse_terms

RESPONSE_KINDS = tuple(r.value for r in Regime)
#: Clocks after the response, counted under FOIA rules on the UK calendar.
LATER_KINDS = ("review-window", "review", "ico-complaint", "appeal")
CALENDAR_CHOICE = click.Choice([c.value for c in CalendarName])
_NO_DATABASE = "deadlines.no_database"


class OneLineErrors(click.Command):
    """A command whose bad input prints one "Error: ..." line, without the usage text."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            # A UsageError without a context prints only its message.
            raise click.UsageError(_one_line(exc)) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DeadlineError as exc:
            raise click.UsageError(str(exc)) from None
        except click.UsageError as exc:
            raise click.UsageError(_one_line(exc)) from None


def _one_line(exc: click.UsageError) -> str:
    """Return the error's message on one line (click lists choices on several)."""
    return " ".join(exc.format_message().split())


deadlines_cli = AppGroup("deadlines", help="Compute statutory deadlines and working days.")


def _extra_days(calendar: CalendarName) -> dict[date, str]:
    """Return the admin-added non-working days; none, with a warning on stderr, without a database."""
    try:
        return extra_non_working_days(calendar)
    except SQLAlchemyError:
        # No database (or no table yet) means no admin has added a day: the
        # holiday data alone still gives the right dates, so answer anyway.
        click.get_current_context().meta[_NO_DATABASE] = True
        return {}


def _warn_if_no_database() -> None:
    """Say on stderr, after a successful answer, that no admin-added days were read."""
    if click.get_current_context().meta.get(_NO_DATABASE):
        click.echo("Warning: no database (run 'flask init-db'), so no admin-added non-working days.", err=True)


def _check_options(kind: str, extended: bool, receipt: str | None, clarified: date | None,
                   fees_notice: date | None, fee_paid: date | None) -> None:
    """Refuse options that do not apply to ``kind`` rather than silently ignore them."""
    if kind in LATER_KINDS:
        given = [name for name, value in (("--receipt", receipt), ("--clarified", clarified),
                                          ("--fees-notice", fees_notice), ("--fee-paid", fee_paid)) if value]
        if given:
            raise click.UsageError(f"{given[0]} applies only to foia, eir, foisa, sar and eisr.")
        if extended and kind != "review":
            raise click.UsageError(f"--extended does not apply to {kind}.")
    if fee_paid and not fees_notice:
        raise click.UsageError("--fee-paid needs --fees-notice: a fee is paid after a fees notice.")
    if fees_notice and not fee_paid:
        raise click.UsageError("--fees-notice needs --fee-paid: no response is due until the fee is paid.")


def _clock(kind: str, extended: bool, receipt: str | None, clarified: date | None,
           fees_notice: date | None, fee_paid: date | None, *, clarification_requested: date | None = None,
           nation: str | None = None, terms: Any = None) -> Callable[[date], ComputedDate]:
    """Return the function computing ``kind``'s due date from one start date."""
    if kind in RESPONSE_KINDS:
        extra = _extra_days(calendar_for(kind))
        return lambda day: response_due(
            kind, day, extended=extended, receipt=receipt or ReceiptConvention.ARRIVAL,
            clarified=clarified, fees_notice=fees_notice, fee_paid=fee_paid, extra_days=extra,
            clarification_requested=clarification_requested, nation=nation,
            school_terms=terms, is_school=terms is not None,
        )
    extra = _extra_days(CalendarName.UK)
    if kind == "review-window":
        return lambda day: review_request_window(Regime.FOIA, day, extra_days=extra)
    if kind == "review":
        return lambda day: review_due(Regime.FOIA, day, exceptional=extended, extra_days=extra)
    if kind == "ico-complaint":
        return lambda day: ico_complaint_window(Regime.FOIA, day, extra_days=extra)
    return lambda day: appeal_deadline(day, extra_days=extra)


@deadlines_cli.command("due", cls=OneLineErrors)
@click.argument("kind", metavar="REGIME", type=click.Choice(RESPONSE_KINDS + LATER_KINDS))
@click.argument("dates", metavar="DATE [DATE...]", nargs=-1, required=True, type=ISO_DATE)
@click.option("--extended", is_flag=True,
              help="Public interest extension (FOIA s10(3)), EIR reg 7, SAR +2 months; exceptional review.")
@click.option("--receipt", type=click.Choice([r.value for r in ReceiptConvention]),
              help="Count from the day of arrival (default) or the next working day.")
@click.option("--clarified", type=ISO_DATE, help="Day the clarification arrived; the clock starts again.")
@click.option("--fees-notice", type=ISO_DATE, help="Day the fees notice was given.")
@click.option("--fee-paid", type=ISO_DATE, help="Day the fee was received.")
@click.option("--clarification-requested", type=ISO_DATE,
              help="Day the authority asked for clarification; no response is due until --clarified.")
@click.option("--nation", type=click.Choice(NATIONS),
              help="The SAR controller's nation, whose bank holidays count (default: the safe date).")
@click.option("--school-term", type=click.File("r", encoding="utf-8"),
              help="A maintained school's term dates, one 'FIRST LAST' line per term (SI 2004/3364).")
def due_command(kind: str, dates: tuple[date, ...], extended: bool, receipt: str | None,
                clarified: date | None, fees_notice: date | None, fee_paid: date | None,
                clarification_requested: date | None = None, nation: str | None = None,
                school_term: Any = None) -> None:
    """Print the due date of REGIME's clock for each DATE (received, response, review or notice date).

    REGIME is a response regime (foia, eir, foisa, sar, eisr) or a later clock under
    FOIA rules: review-window, review, ico-complaint, appeal. While a
    clarification asked for is awaited, prints "no response due: ..." instead
    of a date (FOIA s1(3)).
    """
    _check_options(kind, extended, receipt, clarified, fees_notice, fee_paid)
    _check_new_options(kind, clarification_requested, clarified, nation, school_term)
    terms = parse_terms(school_term.read()) if school_term is not None else None
    clock = _clock(kind, extended, receipt, clarified, fees_notice, fee_paid,
                   clarification_requested=clarification_requested, nation=nation, terms=terms)
    # Compute every date before printing, so bad input prints only the error.
    results = [clock(day) for day in dates]
    for result in results:
        if result.paused and result.pause_reason == "clarification":
            click.echo(f"no response due: awaiting the clarification asked for on {result.date.isoformat()} "
                       f"({result.rule})")
        else:
            click.echo(result.date.isoformat())
    _warn_if_no_database()


def _check_new_options(kind: str, clarification_requested: date | None, clarified: date | None,
                       nation: str | None, school_term: Any) -> None:
    """Refuse --clarification-requested, --nation and --school-term where they do not apply."""
    if clarification_requested and kind not in RESPONSE_KINDS:
        raise click.UsageError("--clarification-requested applies only to foia, eir, foisa, sar and eisr.")
    if nation and kind != Regime.SAR:
        raise click.UsageError("--nation applies only to sar: other clocks name their calendar in law.")
    if school_term is not None and kind != Regime.FOIA:
        raise click.UsageError("--school-term applies only to foia (SI 2004/3364).")


@deadlines_cli.command("working-days", cls=OneLineErrors)
@click.argument("start", type=ISO_DATE)
@click.argument("end", type=ISO_DATE)
@click.option("--calendar", "calendar", type=CALENDAR_CHOICE, default=CalendarName.UK.value, show_default=True)
def working_days_command(start: date, end: date, calendar: str) -> None:
    """Print the number of working days after START up to and including END."""
    name = CalendarName(calendar)
    click.echo(str(get_calendar(name, _extra_days(name)).working_days_after(start, end)))
    _warn_if_no_database()


@deadlines_cli.command("calendar", cls=OneLineErrors)
@click.argument("year", type=click.IntRange(FIRST_YEAR, LAST_YEAR))
@click.option("--calendar", "calendar", type=CALENDAR_CHOICE, default=CalendarName.UK.value, show_default=True)
def calendar_command(year: int, calendar: str) -> None:
    """List YEAR's non-working weekdays: date, name and nations, tab-separated."""
    name = CalendarName(calendar)
    for holiday in get_calendar(name, _extra_days(name)).non_working_weekdays(year):
        nations = ", ".join(holiday.nations) or "added by an administrator"
        click.echo(f"{holiday.date.isoformat()}\t{holiday.name}\t{nations}")
    _warn_if_no_database()
