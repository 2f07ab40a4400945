"""Reports made to platforms, the items reported in them, and what the platforms did."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from app.core.errors import InvalidInput
from app.core.i18n import _, ngettext
from app.core.journal.rows import Rows
from app.core.models import (
    ITEM_OUTCOMES,
    PLATFORMS,
    REPORT_CHANNELS,
    REPORT_STATUSES,
    WAITING_OUTCOMES,
    PlatformReport,
    ReportItem,
    ReportSummary,
)
from app.core.settings import OVERDUE_DAYS
from app.core.validate import check_choice, check_date, check_when

if TYPE_CHECKING:
    from app.core.journal import Journal

# A report filed without item links counts as one item with the report's own outcome.
_STATUS_AS_OUTCOME = {"removed": "removed", "partly_removed": "restricted", "refused": "kept"}


class Reports:
    def __init__(self, journal: Journal) -> None:
        self._j = journal
        self._rows = Rows(journal.conn, "platform_reports", PlatformReport, _("Platform report"),
                          skip=("incident_ids", "items"))
        self._items = Rows(journal.conn, "report_items", ReportItem, _("Reported item"), timestamps=False)

    @staticmethod
    def _validate(report: PlatformReport) -> None:
        check_choice(report.platform, PLATFORMS, _("platform"))
        check_choice(report.channel, REPORT_CHANNELS, _("reporting channel"))
        check_choice(report.status, REPORT_STATUSES, _("report status"))
        check_date(report.filed_on, _("date the report was filed"))
        check_date(report.response_on, _("date of the response"), required=False)
        for item in report.items:
            if not item.url.strip():
                raise InvalidInput(_("Each reported item needs its link."))
            check_choice(item.outcome, ITEM_OUTCOMES, _("outcome"))
            check_when(item.posted_at, _("time the item was posted"))
            check_when(item.captured_at, _("time the item was captured"))

    def _save_children(self, report: PlatformReport, now: str) -> None:
        conn = self._j.conn
        conn.execute("DELETE FROM report_incidents WHERE report_id = ?", (report.id,))
        conn.executemany(
            "INSERT INTO report_incidents (report_id, incident_id) VALUES (?, ?)",
            [(report.id, i) for i in dict.fromkeys(report.incident_ids)],
        )
        conn.execute("DELETE FROM report_items WHERE report_id = ?", (report.id,))
        for item in report.items:
            item.id = conn.execute(
                "INSERT INTO report_items (report_id, " + ", ".join(self._items.columns) + ") "
                "VALUES (?, " + ", ".join("?" * len(self._items.columns)) + ")",
                [report.id, *self._items.encode(item)],
            ).lastrowid
        for incident_id in report.incident_ids:
            self._j.index.reindex(incident_id)

    def add(self, report: PlatformReport) -> int:
        self._validate(report)
        for ident in report.incident_ids:
            self._j.incidents.get(ident)
        with self._j.write("report.add") as now:
            report.id = self._rows.insert(report, now)
            self._save_children(report, now)
        return report.id

    def update(self, report: PlatformReport) -> None:
        self._validate(report)
        with self._j.write("report.edit", f"report:{report.id}") as now:
            before = self._incident_ids(report.id)
            self._rows.update(report, now)
            self._save_children(report, now)
            for incident_id in set(before) - set(report.incident_ids):
                self._j.index.reindex(incident_id)

    def delete(self, ident: int) -> None:
        with self._j.write("report.delete", f"report:{ident}"):
            before = self._incident_ids(ident)
            self._rows.delete(ident)
            for incident_id in before:
                self._j.index.reindex(incident_id)

    def _incident_ids(self, ident: int) -> list[int]:
        return [r[0] for r in self._j.conn.execute(
            "SELECT incident_id FROM report_incidents WHERE report_id = ? ORDER BY incident_id", (ident,))]

    def _complete(self, reports: list[PlatformReport]) -> list[PlatformReport]:
        """Give reports their incidents and items: two queries per 500 reports, not two each."""
        by_id = {r.id: r for r in reports}
        for r in reports:
            r.incident_ids, r.items = [], []
        ids, columns = list(by_id), ", ".join(["id", *self._items.columns])
        for start in range(0, len(ids), 500):   # within SQLite's limit on parameters
            part = ids[start:start + 500]
            marks = ", ".join("?" * len(part))
            for report_id, incident_id in self._j.conn.execute(
                    f"SELECT report_id, incident_id FROM report_incidents WHERE report_id IN ({marks}) "
                    "ORDER BY report_id, incident_id", part):
                by_id[report_id].incident_ids.append(incident_id)
            for row in self._j.conn.execute(
                    f"SELECT report_id, {columns} FROM report_items WHERE report_id IN ({marks}) ORDER BY id", part):
                by_id[row[0]].items.append(self._items.decode(row[1:], ["id", *self._items.columns]))
        return reports

    def get(self, ident: int) -> PlatformReport:
        return self._complete([self._rows.get(ident)])[0]

    def list(self, platform: str = "", incident_id: int | None = None, limit: int | None = None,
             offset: int = 0) -> list[PlatformReport]:
        """Newest first; `limit`/`offset` for one page of them."""
        clauses, params = ["1"], []
        if platform:
            clauses.append("platform = ?")
            params.append(platform)
        if incident_id is not None:
            clauses.append("id IN (SELECT report_id FROM report_incidents WHERE incident_id = ?)")
            params.append(incident_id)
        return self._complete(self._rows.where(" AND ".join(clauses), params, "filed_on DESC, id DESC", limit, offset))

    def count(self) -> int:
        return self._j.conn.execute("SELECT count(*) FROM platform_reports").fetchone()[0]

    @staticmethod
    def is_overdue(report: PlatformReport, today: date, days: int = OVERDUE_DAYS.default) -> bool:
        """Still unanswered `days` after it was filed."""
        unanswered = report.status in ("pending", "no_response", "appealed") and not report.response_on
        return unanswered and date.fromisoformat(report.filed_on) + timedelta(days=days) <= today

    def summary(self, today: date | None = None, days: int = OVERDUE_DAYS.default,
                reports: list[PlatformReport] | None = None) -> list[ReportSummary]:
        """Per platform: reports, items reported, and what happened to them (`reports`: only
        these, e.g. the ones a dossier holds; default all). An item still unanswered `days`
        after its report was filed counts as "no response after N days", whatever the
        platform said about the other items of the same report."""
        today = today or date.today()
        if reports is None:   # all of them: the counting reads one row per item, no records built
            rows = self._j.conn.execute(
                "SELECT r.id, r.platform, r.filed_on, r.status, i.outcome FROM platform_reports r "
                "LEFT JOIN report_items i ON i.report_id = r.id ORDER BY r.id")
        else:
            rows = ((r.id, r.platform, r.filed_on, r.status, item.outcome if item else None)
                    for r in reports for item in r.items or [None])
        out: dict[str, ReportSummary] = {}
        counted: set[int] = set()
        for report_id, platform, filed_on, status, outcome in rows:
            s = out.setdefault(platform, ReportSummary(platform, overdue_days=days))
            if report_id not in counted:
                counted.add(report_id)
                s.reports += 1
            s.items += 1
            outcome = outcome or _STATUS_AS_OUTCOME.get(status, "pending")
            if outcome not in WAITING_OUTCOMES:
                s.outcomes[outcome] = s.outcomes.get(outcome, 0) + 1
            elif date.fromisoformat(filed_on) + timedelta(days=days) <= today:
                s.overdue += 1
            else:
                s.pending += 1
        return sorted(out.values(), key=lambda s: s.platform)


def summary_parts(s: ReportSummary) -> list[tuple[str, int]]:
    """(part, count) pairs of the summary sentence after "reported", in order, leaving out the
    zeros. Parts: each answered outcome (models.ITEM_OUTCOMES order), overdue, pending."""
    answered = [(o, s.outcomes.get(o, 0)) for o in ITEM_OUTCOMES if o not in WAITING_OUTCOMES]
    return [(part, n) for part, n in [*answered, ("overdue", s.overdue), ("pending", s.pending)] if n]


def _phrase(part: str, n: int) -> str:
    """The phrase for `n` items with this outcome, in the language's plural form for n."""
    match part:
        case "removed":
            return ngettext("{n} post removed", "{n} posts removed", n)
        case "channel_closed":
            return ngettext("{n} channel closed", "{n} channels closed", n)
        case "account_suspended":
            return ngettext("{n} account suspended", "{n} accounts suspended", n)
        case "restricted":
            return ngettext("{n} restricted", "{n} restricted", n)
        case "age_gated":
            return ngettext("{n} age-gated", "{n} age-gated", n)
        case "geo_blocked":
            return ngettext("{n} geo-blocked", "{n} geo-blocked", n)
        case "no_violation":
            return ngettext("{n} no violation found", "{n} no violation found", n)
        case "kept":
            return ngettext("{n} kept online", "{n} kept online", n)
        case "appeal_pending":
            return ngettext("{n} appeal pending", "{n} appeals pending", n)
        case "appeal_won":
            return ngettext("{n} appeal won", "{n} appeals won", n)
        case "appeal_lost":
            return ngettext("{n} appeal lost", "{n} appeals lost", n)
        case "overdue":
            return ngettext("{n} no response after {days} days", "{n} no response after {days} days", n)
        case _:  # "pending"
            return ngettext("{n} waiting for a response", "{n} waiting for a response", n)


def describe(s: ReportSummary, number: Callable[[int], str] = str) -> str:
    """One plain sentence, e.g. "7 reported: 2 posts removed, 1 channel closed, 4 no response
    after 30 days"; `number` writes each count (in her digits, on screen)."""
    head = ngettext("{n} reported", "{n} reported", s.items).format(n=number(s.items))
    parts = [_phrase(part, n).format(n=number(n), days=number(s.overdue_days)) for part, n in summary_parts(s)]
    return head + (": " + ", ".join(parts) if parts else "")
