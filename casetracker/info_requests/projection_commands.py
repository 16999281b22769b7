"""``flask deadlines verify``: recompute every request's clocks and compare with the stored ones."""

from __future__ import annotations

import json

import click
from flask.cli import with_appcontext

from casetracker.extensions import db
from casetracker.info_requests.projection import verify_clocks


def _plain(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


@click.command("verify")
@click.option("--repair", is_flag=True, help="Rewrite the stored clocks of every request that differs.")
@click.option("--json", "as_json", is_flag=True,
              help='Print {"checked": n, "differences": [{"request", "clock", "field", "stored", "computed"}], '
                   '"repaired": n}.')
@with_appcontext
def verify_command(repair: bool, as_json: bool) -> None:
    """Recompute every request's clocks and report each stored value that differs.

    Exits with status 1 when differences are found and not repaired.
    """
    checked, differences = verify_clocks(repair=repair)
    repaired = len({d.request_id for d in differences}) if repair else 0
    if repair:
        db.session.commit()
    else:
        db.session.rollback()
    if as_json:
        click.echo(json.dumps({"checked": checked, "differences": [d.as_json() for d in differences],
                               "repaired": repaired}))
    else:
        for d in differences:
            click.echo(f"{d.reference}\t{d.clock}\t{d.field}\tstored {_plain(d.stored)}\tcomputed {_plain(d.computed)}")
        summary = f"{checked} requests checked, {len(differences)} differences"
        click.echo(summary + (f", {repaired} requests repaired." if repair else "."))
    if differences and not repair:
        raise SystemExit(1)
