"""Threat assessments (5x5 likelihood x impact) with their protective measures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.i18n import _
from app.core.journal.rows import Rows
from app.core.models import INDICATORS, MEASURE_STATUSES, Assessment, Measure
from app.core.validate import check_choice, check_choices, check_date, check_scale

if TYPE_CHECKING:
    from app.core.journal import Journal


class Assessments:
    def __init__(self, journal: Journal) -> None:
        self._j = journal
        self._rows = Rows(journal.conn, "assessments", Assessment, _("Assessment"), skip=("measures",))
        self._measures = Rows(journal.conn, "measures", Measure, _("Measure"), timestamps=False)

    @staticmethod
    def _validate(a: Assessment) -> None:
        check_date(a.assessed_on, _("date of the assessment"))
        check_date(a.next_review, _("next review date"), required=False)
        check_scale(a.likelihood, _("likelihood"))
        check_scale(a.impact, _("impact"))
        check_choices(a.indicators, INDICATORS, _("indicator"))
        for m in a.measures:
            check_choice(m.status, MEASURE_STATUSES, _("measure status"))

    def _save_measures(self, a: Assessment) -> None:
        conn = self._j.conn
        conn.execute("DELETE FROM measures WHERE assessment_id = ?", (a.id,))
        for m in a.measures:
            m.id = conn.execute(
                "INSERT INTO measures (assessment_id, description, status) VALUES (?, ?, ?)",
                (a.id, m.description, m.status),
            ).lastrowid

    def add(self, a: Assessment) -> int:
        self._validate(a)
        with self._j.write("assessment.add") as now:
            a.id = self._rows.insert(a, now)
            self._save_measures(a)
        return a.id

    def update(self, a: Assessment) -> None:
        self._validate(a)
        with self._j.write("assessment.edit", f"assessment:{a.id}") as now:
            self._rows.update(a, now)
            self._save_measures(a)

    def delete(self, ident: int) -> None:
        with self._j.write("assessment.delete", f"assessment:{ident}"):
            self._rows.delete(ident)

    def _complete(self, a: Assessment) -> Assessment:
        a.measures = self._measures.where("assessment_id = ?", (a.id,))
        return a

    def get(self, ident: int) -> Assessment:
        return self._complete(self._rows.get(ident))

    def history(self) -> list[Assessment]:
        """All assessments, newest first."""
        return [self._complete(a) for a in self._rows.where(order="assessed_on DESC, id DESC")]

    list = history  # as every record type is listed (the CLI's `assessment list`)

    def current(self) -> Assessment | None:
        found = self._rows.where(order="assessed_on DESC, id DESC", limit=1)
        return self._complete(found[0]) if found else None
