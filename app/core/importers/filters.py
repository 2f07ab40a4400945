"""Choosing messages in a preview: text in any script, author, date range, kind.

Text is compared folded (app.core.textnorm.fold: case, accents, harakat, Arabic and Persian
letter variants), so "ليلى" finds "لَيْلي" and "layla" finds "LÁYLA". Every word of the query
must appear. Folding happens once per message when the preview is built, so a filter over
100,000 messages is one pass of substring tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.core.errors import InvalidInput
from app.core.i18n import _
from app.core.importers.model import FILTER_KINDS, ImportPreview
from app.core.textnorm import fold
from app.core.validate import check_date


@dataclass
class MessageFilter:
    """Which messages to show or import. Empty fields do not filter.

    `authors`: handles ("@name" or "name"), numeric ids or display names, any one matching.
    `since`/`until`: dates YYYY-MM-DD, both included. `kinds`: FILTER_KINDS codes.
    `ids`: message ids as the preview lists them."""

    text: str = ""
    authors: list[str] = field(default_factory=list)
    since: str = ""
    until: str = ""
    kinds: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    include_service: bool = False

    def check(self) -> None:
        check_date(self.since, _("first date"), required=False)
        check_date(self.until, _("last date"), required=False)
        for kind in self.kinds:
            if kind not in FILTER_KINDS:
                raise InvalidInput(_("'{value}' is not a kind of message. Use one of: {allowed}.")
                                   .format(value=kind, allowed=", ".join(FILTER_KINDS)))


_PHONE_MARKS = re.compile(r"[\s\-().+\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _author_index(preview: ImportPreview) -> dict[str, list[int]]:
    """Folded handle, name and numeric id -> indexes of their messages (built once per preview)."""
    index = preview._author_index
    if index is None:
        index = {}
        for i, m in enumerate(preview.messages):
            a = m.author
            for key in {a.numeric_id, fold(a.handle.lstrip("@")), fold(a.display_name)} - {""}:
                index.setdefault(key, []).append(i)
        preview._author_index = index
    return index


def select(preview: ImportPreview, filt: MessageFilter | None = None) -> list[int]:
    """Indexes (into preview.messages) of the messages that pass the filter, in export order.
    Service messages (joins, pins, calls) are left out unless asked for or named by id.

    Each condition is one pass over the messages still chosen (list comprehensions over
    plain attributes), the most selective first, so that filters answer as she types."""
    filt = filt or MessageFilter()
    filt.check()
    msgs = preview.messages
    words = fold(filt.text).split()
    wanted = {fold(a.strip().lstrip("@")) for a in filt.authors if a.strip()}
    for a in filt.authors:
        numeric = a.strip().removeprefix("user").removeprefix("channel")
        if numeric.isdigit():
            wanted.add(numeric)
        phone = _PHONE_MARKS.sub("", a)
        if phone.isdigit():  # a WhatsApp author is her phone number: "+90 532…", "0090…", "٩٠٥٣٢…"
            wanted.add("".join(str(int(ch)) for ch in phone).removeprefix("00"))
    kinds = set(filt.kinds)
    service_ok = filt.include_service or "service" in kinds
    if filt.ids:
        unknown = [i for i in filt.ids if i not in preview.by_id]
        if unknown:
            raise InvalidInput(_("This export has no message {id}. Run the command with --dry-run --json to see the "
                                 "message ids.").format(id=unknown[0]))
        chosen = sorted({preview.by_id[i] for i in filt.ids})
        service_ok = True
    elif wanted:
        index = _author_index(preview)
        chosen = sorted({i for key in wanted for i in index.get(key, ())})
    else:
        chosen = range(len(msgs))
    if filt.ids and wanted:
        index = _author_index(preview)
        by_author = {i for key in wanted for i in index.get(key, ())}
        chosen = [i for i in chosen if i in by_author]
    if not service_ok:
        chosen = [i for i in chosen if msgs[i].kind != "service"]
    if filt.since or filt.until:
        # ISO times compare as text: "2023-07-04T10:30" >= "2023-07-04", and every time of
        # the last day sorts before that day followed by a character above any in a time.
        low, high = filt.since or "0", (filt.until or "9999-12-31") + "\uffff"
        chosen = [i for i in chosen if low <= msgs[i].when <= high]
    if kinds:
        chosen = [i for i in chosen if msgs[i].kind in kinds or ("forwarded" in kinds and msgs[i].origin is not None)]
    for w in words:
        chosen = [i for i in chosen if w in msgs[i].folded]
    return list(chosen)
