"""``flask deadlines verify``: recompute every request's clocks and compare with the stored ones."""

from __future__ import annotations

import json

import click
from flask.cli import with_appcontext

from casetracker.extensions import db
from casetracker.info_requests.projection import repair_clocks, verify_clocks
from casetracker.sqlite_setup import deferred_reads


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

    Exits with status 1 when differences are found and not repaired. The check
    reads in a deferred transaction (no write lock); ``--repair`` then rewrites
    only the requests that differ, in one short write.
    """
    # Checking only reads: on SQLite it must not hold the write lock for the minutes 300,000 requests take.
    with deferred_reads():
        checked, differences = verify_clocks()
        db.session.rollback()
    repaired = 0
    if repair and differences:
        repaired = repair_clocks({d.request_id for d in differences})
        db.session.commit()
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
