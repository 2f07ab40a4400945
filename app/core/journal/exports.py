"""Export records: which dossier was prepared for whom and when, and whether the defender sent it.

Sijil never sends anything. Writing a dossier records "prepared for Telegram on ..."; the
defender marks it sent herself, with the day and the reference the recipient gave her.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from app.core.errors import InvalidInput
from app.core.i18n import _
from app.core.journal.rows import Rows
from app.core.models import ExportRecord, IncidentExport
from app.core.validate import check_date

if TYPE_CHECKING:
    from app.core.journal import Journal

MAX_REFERENCE = 200


class ExportRecords:
    def __init__(self, journal: Journal) -> None:
        self._j = journal
        self._records = Rows(journal.conn, "export_records", ExportRecord, _("Export record"),
                             skip=("incident_ids",), timestamps=False)
        self._links = Rows(journal.conn, "incident_exports", IncidentExport, _("Export"), timestamps=False)

    def record(self, incident_ids: list[int], template: str, destination: str = "") -> int:
        """A dossier was written: one record, linked to each incident in it. Returns its id."""
        with self._j.write(f"export.{template}", ",".join(f"incident:{i}" for i in incident_ids)) as now:
            ident = self._records.insert(ExportRecord(now, template, destination), now)
            for incident_id in incident_ids:
                self._links.insert(IncidentExport(incident_id, now, template, destination, ident), now)
        return ident

    def mark_sent(self, ident: int, sent_on: str, reference: str = "") -> ExportRecord:
        """The defender sent this dossier on `sent_on` (YYYY-MM-DD) and got `reference` back.
        Marking again corrects the day or reference."""
        check_date(sent_on, _("day the dossier was sent"))
        reference = reference.strip()
        if len(reference) > MAX_REFERENCE:
            raise InvalidInput(_("The reference is too long (at most {n} characters).").format(n=MAX_REFERENCE))
        record = self.get(ident)
        # A day of slack: the journal's times are UTC, her calendar is local.
        if not record.prepared_at[:10] <= sent_on <= (date.today() + timedelta(days=1)).isoformat():
            raise InvalidInput(_("A dossier prepared on {prepared} cannot have been sent on {sent}: give a day "
                                 "from then until today.").format(prepared=record.prepared_at[:10], sent=sent_on))
        record.sent_on, record.reference = sent_on, reference
        with self._j.write("export.mark_sent", f"export:{ident}") as now:
            self._records.update(record, now)
        return record

    def get(self, ident: int) -> ExportRecord:
        return self._with_incidents([self._records.get(ident)])[0]

    def list(self) -> list[ExportRecord]:
        """Every record, newest first."""
        return self._with_incidents(self._records.where(order="prepared_at DESC, id DESC"))

    def of_incident(self, incident_id: int) -> list[ExportRecord]:
        """The dossiers an incident went into, oldest first."""
        return self._with_incidents(self._records.where(
            "id IN (SELECT record_id FROM incident_exports WHERE incident_id = ?)", (incident_id,),
            order="prepared_at, id"))

    def _with_incidents(self, records: list[ExportRecord]) -> list[ExportRecord]:
        for record in records:
            record.incident_ids = [row[0] for row in self._j.conn.execute(
                "SELECT incident_id FROM incident_exports WHERE record_id = ? ORDER BY incident_id", (record.id,))]
        return records


def describe(record: ExportRecord, platform_name: Callable[[str], str]) -> str:
    """ "prepared for Telegram on 2026-03-02, sent on 2026-03-03 (reference TG-88213)"."""
    day = record.prepared_at[:10]
    if record.template == "platform":
        text = _("prepared for {platform} on {day}").format(platform=platform_name(record.destination), day=day)
    elif record.template == "lawyer":
        text = (_("sealed for a lawyer on {day}") if "sealed" in record.destination
                else _("prepared for a lawyer on {day}")).format(day=day)
    else:
        text = _("prepared for the UN Special Procedures on {day}").format(day=day)
    if not record.sent_on:
        return _("{prepared}, not marked as sent").format(prepared=text)
    if record.reference:
        return _("{prepared}, sent on {day} (reference {reference})").format(
            prepared=text, day=record.sent_on, reference=record.reference)
    return _("{prepared}, sent on {day}").format(prepared=text, day=record.sent_on)
