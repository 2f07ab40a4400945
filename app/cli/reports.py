"""CLI commands on reports made to platforms (and what they did) and on threat assessments.
Each `add` prints the new id alone on a line."""

from __future__ import annotations

import argparse
from datetime import date

from app.cli.common import day, lister, with_vault
from app.core import operations, settings
from app.core.i18n import _
from app.core.journal.reports import describe
from app.core.models import (
    INDICATORS,
    ITEM_OUTCOMES,
    PLATFORMS,
    REPORT_CHANNELS,
    REPORT_STATUSES,
    Assessment,
    Measure,
    PlatformReport,
    ReportItem,
)
from app.core.operations import queries
from app.core.vault import Vault


@with_vault
def cmd_report_add(vault: Vault, a: argparse.Namespace) -> int:
    items = [ReportItem(url=u, outcome=a.outcome) for u in a.item or []]
    report = PlatformReport(platform=a.platform, filed_on=a.filed, channel=a.channel, reference=a.reference or "",
                            status=a.status, response_on=a.response_date or "", response_text=a.response or "",
                            incident_ids=a.incident or [], items=items)
    print(operations.save_report(vault, report).value)
    return 0


@with_vault
def cmd_report_summary(vault: Vault, a: argparse.Namespace) -> int:
    days = a.days if a.days is not None else queries.setting(vault, settings.OVERDUE_DAYS)
    for s in vault.journal.reports.summary(date.today(), days):
        print(f"{s.platform}: {describe(s)}")
    return 0


@with_vault
def cmd_assess(vault: Vault, a: argparse.Namespace) -> int:
    assessment = Assessment(assessed_on=a.date or date.today().isoformat(), likelihood=a.likelihood,
                            impact=a.impact, indicators=a.indicator or [], notes=a.notes or "",
                            next_review=a.next_review or "", measures=[Measure(m) for m in a.measure or []])
    print(operations.save_assessment(vault, assessment).value)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add report and assess commands."""
    p = sub.add_parser("report", help=_("reports made to platforms and what they did"))
    rep = p.add_subparsers(dest="report_command", metavar="ACTION", required=True)
    q = rep.add_parser("add", help=_("record a report; prints the id"))
    q.add_argument("--platform", required=True, choices=PLATFORMS)
    q.add_argument("--filed", required=True, metavar="DATE", type=day)
    q.add_argument("--channel", default="in_app", choices=REPORT_CHANNELS)
    q.add_argument("--reference")
    q.add_argument("--status", default="pending", choices=REPORT_STATUSES)
    q.add_argument("--response")
    q.add_argument("--response-date", type=day)
    q.add_argument("--incident", action="append", type=int)
    q.add_argument("--item", action="append", metavar="URL", help=_("a reported link, e.g. t.me/channel/123"))
    q.add_argument("--outcome", default="pending", choices=ITEM_OUTCOMES, help=_("outcome of the items"))
    q.set_defaults(func=cmd_report_add)
    q = rep.add_parser("list")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=lister("reports", ("id", "platform", "filed_on", "status", "reference")))
    q = rep.add_parser("summary", help=_("per platform: reported, removed, no response"))
    q.add_argument("--days", type=int, help=_("days after which no response is overdue (default: the "
                                              "journal's overdue_days setting, else {days})")
                   .format(days=settings.OVERDUE_DAYS.default))
    q.set_defaults(func=cmd_report_summary)

    p = sub.add_parser("assess", help=_("record a threat assessment; prints the id"))
    p.add_argument("--likelihood", type=int, required=True, choices=range(1, 6))
    p.add_argument("--impact", type=int, required=True, choices=range(1, 6))
    p.add_argument("--indicator", action="append", choices=INDICATORS)
    p.add_argument("--measure", action="append", help=_("a protective measure"))
    p.add_argument("--date", type=day)
    p.add_argument("--next-review", metavar="DATE", type=day)
    p.add_argument("--notes")
    p.set_defaults(func=cmd_assess)
    p = sub.add_parser("assessment", help=_("threat assessments recorded with 'assess'"))
    q = p.add_subparsers(dest="assessment_command", metavar="ACTION", required=True).add_parser("list")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=lister("assessments", ("id", "assessed_on", "likelihood", "impact", "next_review")))
