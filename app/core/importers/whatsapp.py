"""WhatsApp "Export chat": a .txt, or a .zip holding the .txt ("_chat.txt" on iOS) and media.

Line formats differ by phone and locale:
    [04/07/2023, 10:30:15] Name: text          iOS
    04/07/2023, 10:30 - Name: text             Android
    04.07.23, 22:30 - Name: text               German Android
    2023-07-04 10:30 - Name: text              Swedish Android (year first, no comma)
    ‏٤‏/٧‏/٢٠٢٣، ١٠:٣٠ م - ‏Name: text           Arabic Android (an RLM after each part of the date)
with 12- or 24-hour clocks (AM/PM, "a. m.", ص/م, ق.ظ/ب.ظ, ÖÖ/ÖS after the time, often after
U+202F; 上午/오후 before it), any script's digits, direction marks (U+200E, U+200F, U+061C)
anywhere in the header and, on iOS, phone numbers wrapped in U+202A…U+202C. A line without a
header continues the message before it. Whether 03/04 is 3 April or March 4 is decided from
the whole file: a part above 12 settles it; when every date fits both orders, the one under
which times run in order wins, and the preview says which was assumed and why. The export
states no time zone: times are the phone's local time. What the phones write inside messages
(attachment and omitted-media markers, deleted and edited, system lines, locations, polls) is
listed per language in `whatsapp_markers`. Every pattern is bounded or anchored, so a 1 MB line
costs linear time."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from app.core.errors import MalformedExport
from app.core.i18n import _
from app.core.importers import calendars
from app.core.importers import whatsapp_markers as wm
from app.core.importers.model import Attachment, Author, ImportPreview, Message
from app.core.importers.sources import (
    MAX_FIELD_CHARS,
    MAX_TEXT_FILE_BYTES,
    ExportReader,
    FolderReader,
    SourceFile,
    ZipReader,
    hash_file,
    read_bounded,
)
from app.core.importers.timecheck import check_instant, plausible_year

_HEAD_SCAN = 96  # a header is shorter: only this much of a line is normalised and matched
_CLOCK = "|".join(re.escape(w).replace("\\ ", "\\s?") for w in sorted(wm.CLOCK_WORDS, key=len, reverse=True))
# 04/07/2023, 2023-07-04, 04.07.23, "2023. 07. 04." (Hungarian): one separator, spaces allowed.
# \d is any decimal digit, Arabic-Indic (٤) and Persian (۴) too, and int() reads them all; \s
# takes U+202F and U+00A0 (before AM/PM); "،" is the Arabic comma, "٫" the Arabic decimal point.
# Marks may stand between any two parts (RLM after each part of an Arabic date): _M allows them
# there, so the match runs on the line as written and its end is an offset in it.
_M = f"[{wm.MARK_CHARS}]*"
# A phone on the Hijri calendar may write its era after the year ("١٤٤٤ هـ").
_DATE = rf"{_M}(\d{{1,4}}){_M}([./-]){_M}\s?{_M}(\d{{1,2}}){_M}\2{_M}\s?{_M}(\d{{1,4}}){_M}\.?{_M}(?:\s?هـ{_M})?"
_TIME = (rf"{_M}(?:({_CLOCK}){_M}\s?{_M})?(\d{{1,2}}){_M}[:.٫]{_M}(\d{{2}})(?:{_M}[:.٫]{_M}(\d{{2}}))?"
         rf"(?:{_M}\s?{_M}({_CLOCK}))?{_M}")
_IOS = re.compile(rf"{_M}\[{_DATE}[,،]?{_M}\s?{_TIME}\]{_M}\s?", re.IGNORECASE)
_ANDROID = re.compile(rf"{_DATE}[,،]?{_M}\s?{_TIME}\s?{_M}[-–]{_M}\s", re.IGNORECASE)
_IOS_SYSTEM = re.compile(rf":\s[{wm.MARK_CHARS}]")
_AUTHOR = re.compile(rf"([{wm.MARK_CHARS}]*[^:\n]{{1,120}}?):\s")

_ANGLE_ATTACHED = re.compile(r"<([^<>:\n]{1,30}):\s?([^<>\n]{1,255}?\.\w{1,6})>")  # <attached: x.jpg>
_FILE_ATTACHED = re.compile(r"^([^\n]{1,255}?\.\w{1,6}) \(([^()\n]{1,40})\)")       # IMG-1.jpg (file attached)
_WA_FILE = re.compile(r"^(?:IMG|VID|AUD|PTT|DOC|STK)-\d{8}-WA\d{1,6}\.\w{1,6}$")    # named by WhatsApp
_ANGLE_ONLY = re.compile(r"^<[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+){0,5}>$")            # <Media omitted>, unlisted
_KIND_HINTS = (("PHOTO", "photo"), ("IMG-", "photo"), ("STICKER", "photo"), ("STK-", "photo"), ("VIDEO", "video"),
               ("VID-", "video"), ("GIF", "video"), ("AUDIO", "voice"), ("PTT-", "voice"), ("AUD-", "voice"),
               ("CONTACT", "contact"))
_EXT_KINDS = {"jpg": "photo", "jpeg": "photo", "png": "photo", "webp": "photo", "heic": "photo", "gif": "video",
              "mp4": "video", "mov": "video", "3gp": "video", "opus": "voice", "ogg": "voice", "m4a": "voice",
              "mp3": "voice", "aac": "voice", "vcf": "contact"}


def parse(path: Path, **_options: object) -> ImportPreview:
    """Read a WhatsApp chat export: the .txt, the .zip, or a folder holding them."""
    path = Path(path)
    reader: ExportReader
    if path.is_dir():
        txts = [path / n for n in _chats(p.name for p in path.iterdir() if p.is_file())]
        zips = sorted(p for p in path.iterdir() if p.suffix.lower() == ".zip" and p.is_file())
        if not txts and zips:
            return parse(zips[0])
        if not txts:
            raise MalformedExport(_("the folder holds no WhatsApp chat (.txt or .zip)"), path.name)
        path = txts[0]
    if path.suffix.lower() == ".zip":
        reader = ZipReader(path)
        try:
            chats = _chats(reader.names())
            if not chats:
                raise MalformedExport(_("the zip file holds no chat text (.txt)"), path.name)
            name = chats[0]
            data, member = reader.read(name)
            sources = [hash_file(path), member]
            folder = name.rpartition("/")[0]
            return _preview(data, name, path.stem, reader, sources, folder + "/" if folder else "")
        except BaseException:
            reader.close()
            raise
    data, source = read_bounded(path, MAX_TEXT_FILE_BYTES)
    return _preview(data, path.name, path.stem, FolderReader(path.parent), [source])


_SENT_FILE = re.compile(r"(?:[A-Z]{3}-\d{8}-WA\d{1,6}|\d{8}-)", re.IGNORECASE)


def _chats(names: Iterable[str]) -> list[str]:
    """The .txt files that may be the chat, the likeliest first. The chat is at the top, or in a
    folder when the zip was made again from an unpacked export (macOS adds __MACOSX/ copies that
    are not chats): the least deep wins, then one named as phones name it ("_chat.txt", "WhatsApp
    Chat with …"). A .txt sent in the chat is media ("DOC-20230704-WA0001.txt",
    "00000012-notes.txt"), never the chat."""
    def base(n: str) -> str:
        return n.rpartition("/")[2].lower()
    found = [n for n in names if n.lower().endswith(".txt") and not n.startswith("__MACOSX/")
             and not _SENT_FILE.match(base(n))]
    return sorted(found, key=lambda n: (n.count("/"), not (base(n) == "_chat.txt" or base(n).startswith("whatsapp")),
                                        n))


def _chat_name(file_stem: str) -> str:
    # "WhatsApp Chat with Name" (and its translations: "WhatsApp-Chat mit Name", "Chat de WhatsApp con Name")
    for sep in (" with ", " mit ", " con ", " avec ", " ile ", " با ", " مع "):
        if sep in file_stem:
            return file_stem.split(sep, 1)[1].strip()
    return "" if file_stem.lstrip("_").lower() == "chat" else file_stem


def _preview(data: bytes, name: str, stem: str, reader: ExportReader, sources: list[SourceFile],
             folder: str = "") -> ImportPreview:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise MalformedExport(_("the chat is not UTF-8 text"), _("{name}, line {line}").format(
            name=name, line=line)) from None
    heads, order, reason = _headers(_lines(text), name)
    calendar = _calendar(heads, order)
    chat = _chat_name(stem)
    media = _Media(reader, folder)
    messages = [_message(h, order, calendar, media, chat, name) for h in heads]
    notes = [note for note in [calendars.converted_note(calendar)] if note]
    if media.missing:
        notes.append(_("Media files the chat names but the export does not hold: {n}. Those messages are imported "
                       "without them, and each lists what is missing.").format(n=media.missing))
    return ImportPreview("whatsapp", "whatsapp", messages, sources, reader, notes=notes,
                         timezone=_("not stated: the phone's local time"), date_order=order, date_order_reason=reason)


class _Head:
    __slots__ = ("body", "ios", "line", "parts")

    def __init__(self, line: int, parts: tuple, body: list[str], ios: bool) -> None:
        self.line, self.parts, self.body, self.ios = line, parts, body, ios


def _lines(text: str) -> list[str]:
    # Only "\n" ends a line ("\r\n" on some phones): U+2028 or U+0085 typed in a message are hers.
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def _header(raw: str) -> tuple[tuple, int, bool] | None:
    """The date and time parts of a message header, where the header ends in `raw` and whether
    an iPhone wrote it, or None."""
    m = _IOS.match(raw, 0, _HEAD_SCAN) or _ANDROID.match(raw, 0, _HEAD_SCAN)
    if not m:
        return None
    d1, _sep, d2, d3, before, hour, minute, second, after = m.groups()
    return (d1, d2, d3, hour, minute, second, before or after), m.end(), m.re is _IOS


def _headers(lines: list[str], name: str) -> tuple[list[_Head], str, str]:
    heads: list[_Head] = []
    for number, raw in enumerate(lines, 1):
        found = _header(raw)
        if found:
            parts, end, ios = found
            heads.append(_Head(number, parts, [raw[end:]], ios))
        elif heads:
            heads[-1].body.append(raw)
            if len(heads[-1].body) > 100_000:
                raise MalformedExport(_("a message has too many lines"), _("{name}, line {line}").format(
                    name=name, line=heads[-1].line))
        elif raw.strip(wm.EDGE_CHARS):
            raise MalformedExport(_("this line does not start like a WhatsApp message (date, time, name)"),
                                  _("{name}, line {line}").format(name=name, line=number))
    if not heads:
        raise MalformedExport(_("the chat holds no messages"), name)
    order, reason = _date_order(heads, name)
    return heads, order, reason


def _date_order(heads: list[_Head], name: str) -> tuple[str, str]:
    if all(len(h.parts[0]) == 4 for h in heads):
        return "year-first", _("dates are written year first")
    day_first = month_first = True
    for h in heads:
        a, b = int(h.parts[0]), int(h.parts[1])
        day_first &= 1 <= a <= 31 and 1 <= b <= 12
        month_first &= 1 <= a <= 12 and 1 <= b <= 31
        if not day_first and not month_first:
            raise MalformedExport(_("this date fits no calendar order"), _("{name}, line {line}").format(
                name=name, line=h.line))
    if day_first != month_first:
        return ("day-first", _("a date in the file has a day above 12 in first place")) if day_first else \
            ("month-first", _("a date in the file has a day above 12 in second place"))
    # Every date fits both orders: the one under which the chat runs forward in time wins.
    back = {order: _backward_steps(heads, order) for order in ("day-first", "month-first")}
    if back["month-first"] < back["day-first"]:
        return "month-first", _("every date fits both orders; the chat runs forward in time, in small steps, "
                                "only if the month comes first")
    if back["day-first"] < back["month-first"]:
        return "day-first", _("every date fits both orders; the chat runs forward in time, in small steps, "
                              "only if the day comes first")
    return "day-first", _("every date fits both orders and nothing in the file decides: day first was assumed "
                          "(check a date you remember)")


def _backward_steps(heads: list[_Head], order: str) -> tuple[int, int]:
    """(times the chat would step back in time, days it would wander in all) under `order`:
    a chat runs forward, and in small steps."""
    steps, wander, previous = 0, 0, None
    for h in heads:
        a, b, y = h.parts[0:3]
        day, month = (int(a), int(b)) if order == "day-first" else (int(b), int(a))
        key = int(y) * 372 + (month - 1) * 31 + day
        if previous is not None:
            steps += key < previous
            wander += abs(key - previous)
        previous = key
    return steps, wander


def _calendar(heads: list[_Head], order: str) -> str:
    """The calendar of the file's dates: an iPhone set to the Persian calendar writes 1402, one
    set to the Hijri calendar 1444 (two-digit years are taken as this century's, Gregorian)."""
    place = 0 if order == "year-first" else 2
    return calendars.calendar_of_years({int(h.parts[place]) for h in heads if len(h.parts[place]) == 4})


def _when(h: _Head, order: str, calendar: str, name: str) -> datetime:
    p1, p2, p3, hour, minute, second, ampm = h.parts
    if order == "year-first":
        year, month, day = int(p1), int(p2), int(p3)
    else:
        year = int(p3) + (2000 if len(p3) <= 2 else 0)
        day, month = (int(p1), int(p2)) if order == "day-first" else (int(p2), int(p1))
    hour = int(hour)
    if ampm:
        if not 0 <= hour <= 12:  # 0 too: Japanese and Korean phones write 午前0:30
            raise MalformedExport(_("this time is not on a 12-hour clock"), _("{name}, line {line}").format(
                name=name, line=h.line))
        hour = hour % 12 + (12 if wm.clock_word(ampm) == "pm" else 0)
    try:
        if calendar != calendars.GREGORIAN:
            year, month, day = calendars.to_gregorian(calendar, year, month, day)
        when = datetime(year, month, day, hour, int(minute), int(second or 0))
    except ValueError:
        raise MalformedExport(_("this date or time does not exist"), _("{name}, line {line}").format(
            name=name, line=h.line)) from None
    if not plausible_year(year):  # the words are built only for the error: 50,000 lines a second
        check_instant(when, _("{name}, line {line}").format(name=name, line=h.line), _("date"))
    return when


def _clean(text: str) -> str:
    return wm.MARKS.sub("", text).strip(wm.EDGE_CHARS)


def _trim(text: str) -> str:
    """The text with the marks and spaces phones put around it removed; marks inside (she
    typed them) kept. str.strip, not a regex: "\\s*$" retried at each of 20,000 spaces is quadratic."""
    return text.strip(wm.EDGE_CHARS)


def _author(rest: str, ios: bool) -> tuple[Author | None, str]:
    m = _AUTHOR.match(rest)
    if not m or wm.is_system_name(m.group(1)):  # a system line with a colon of its own ("subject: Plan: B")
        return None, rest
    # iOS writes system lines as from the chat (whose name may hold a colon), a mark before the text.
    if (s := _IOS_SYSTEM.search(rest, 0, 240)) and wm.is_system(rest[s.end():]):
        return None, rest[s.end():]
    if ios and wm.is_notice(rest[m.end():]):  # the same without the mark (older iOS versions)
        return None, rest[m.end():]
    return _person(m.group(1)), rest[m.end():]


@functools.lru_cache(maxsize=8192)
def _person(written: str) -> Author:
    """The author as the line names them (names repeat on every line: read once each)."""
    name = _clean(written)
    digits = re.sub(r"[\s\-()]", "", name).lstrip("+")
    # In ASCII digits whatever the phone wrote, so one number is one actor ("+٤٩ ١٧٠…" too).
    phone = "".join(str(int(ch)) for ch in digits) if digits.isdigit() and len(digits) >= 6 else ""
    return Author(display_name=name, numeric_id=phone)


def _kind_of(file_name: str) -> str:
    upper = file_name.rpartition("/")[2].upper()
    for hint, kind in _KIND_HINTS:
        if hint in upper:
            return kind
    return _EXT_KINDS.get(file_name.rpartition(".")[2].lower(), "file")


class _Media:
    """Finds the file a marker names: beside the chat, else (in a zip packed again from an
    unpacked export) by its name anywhere in the zip. Remembers what is missing."""

    def __init__(self, reader: ExportReader, folder: str) -> None:
        self.reader, self.folder, self.missing = reader, folder, 0
        self._by_name: dict[str, str] | None = None

    def find(self, file_name: str) -> tuple[str, bool]:
        direct = self.folder + file_name
        if self.reader.exists(direct):
            return direct, True
        if isinstance(self.reader, ZipReader):
            if self._by_name is None:
                self._by_name = {}
                for member in sorted(self.reader.names(), key=lambda n: (n.count("/"), n)):
                    if not member.startswith("__MACOSX/"):
                        self._by_name.setdefault(member.rpartition("/")[2], member)
            if found := self._by_name.get(file_name.rpartition("/")[2]):
                return found, True
        self.missing += 1
        return direct, False


def _attachment(first_line: str) -> tuple[str, str] | None:
    """(file name, text around the marker) when the first line of a message is an attachment."""
    m = _ANGLE_ATTACHED.search(first_line) if "<" in first_line else None
    if m and (wm.fold(m.group(1)) in wm.ANGLE_ATTACHED or re.match(r"\d{8}-", _clean(m.group(2)))):
        around = (first_line[:m.start()].strip(wm.EDGE_CHARS) + " " + first_line[m.end():].strip(wm.EDGE_CHARS))
        return _clean(m.group(2)), around.strip()
    m = _FILE_ATTACHED.match(first_line) if " (" in first_line else None
    if m and (wm.fold(m.group(2)) in wm.FILE_ATTACHED or _WA_FILE.match(_clean(m.group(1)))):
        return _clean(m.group(1)), first_line[m.end():].strip(wm.EDGE_CHARS)
    return None


def _location(body: str, key: str) -> str:
    """The map link of a shared location, or the words of a live one; "" when it is neither."""
    if "://" in key and (m := wm.LOCATION.match(body) or wm.MAP_LINK.match(body)):
        return m.group(1)
    return body if key in wm.LIVE_LOCATION else ""


def _poll(lines: list[str]) -> dict | None:
    if len(lines) < 2 or wm.fold(lines[0][:40]) not in wm.POLL:
        return None
    options = []
    for line in lines[2:]:
        m = wm.POLL_OPTION.match(_clean(line))
        if m:
            options.append({"text": m.group(1), "votes": int(m.group(2))})
    return {"question": _clean(lines[1]), "options": options}


def _message(h: _Head, order: str, calendar: str, media: _Media, chat: str, name: str) -> Message:
    when = _when(h, order, calendar, name)
    author, first = _author(h.body[0], h.ios)
    text = "\n".join([first, *h.body[1:]]) if len(h.body) > 1 else first
    if len(text) > MAX_FIELD_CHARS:
        raise MalformedExport(_("a message is longer than {n} characters").format(n=MAX_FIELD_CHARS),
                              _("{name}, line {line}").format(name=name, line=h.line))
    body = _trim(text)
    msg = Message(id=str(h.line), when=when.isoformat(), author=author or Author(), thread=chat or name,
                  thread_name=chat, line=h.line, kind="text" if author else "service")
    if author is None:
        msg.text = body
        return msg
    if body.endswith(">") and wm.fold(body[body.rfind("<"):]) in wm.EDITED:
        body, msg.edited = _trim(body[:body.rfind("<")]), "yes"
    first_line, _nl, more = body.partition("\n")
    key = wm.fold(body) if len(body) < 400 else ""  # markers are short: longer text is hers
    if found := _attachment(first_line):
        file_name, around = found
        where, present = media.find(file_name)
        msg.kind = _kind_of(file_name)
        msg.attachments.append(Attachment(where, msg.kind, present))
        body = "\n".join(p for p in (around, _trim(more)) if p)
    elif key and (kind := wm.omitted_kind(key) or ("file" if _ANGLE_ONLY.match(body) else "")):
        msg.kind = kind
        msg.attachments.append(Attachment("", kind, present=False))
        msg.recorded["media_omitted"] = body
    elif key in wm.DELETED:
        msg.deleted = True
    elif key and (place := _location(body, key)):
        msg.kind, msg.recorded["location"] = "location", place
    elif first_line.endswith(":") and (poll := _poll(body.split("\n", 60)[:60])):
        msg.recorded["poll"] = poll
    msg.text = body
    return msg
