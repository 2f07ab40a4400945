"""WhatsApp "Export chat": a .txt, or a .zip holding the .txt ("_chat.txt" on iOS) and media.

Line formats differ by phone and locale:
    [04/07/2023, 10:30:15] Name: text          iOS
    04/07/2023, 10:30 - Name: text             Android
    04.07.23, 22:30 - Name: text               German Android
    ‏[٤/٧/٢٠٢٣، ١٠:٣٠:١٥ م] Name: text          Arabic iOS (Arabic digits, Arabic comma, RLM)
with 12- or 24-hour clocks (AM/PM, "a. m.", ص/م, ق.ظ/ب.ظ, ÖÖ/ÖS, often after U+202F), Arabic or
Persian digits, direction marks (U+200E, U+200F) and, on iOS, phone numbers wrapped in
U+202A…U+202C. A line without a header continues the message before it. Whether 03/04 is
3 April or March 4 is decided from the whole file: a part above 12 settles it; when every
date fits both orders, the one under which times run in order wins, and the preview says
which was assumed and why. The export states no time zone: times are the phone's local time.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from app.core.errors import MalformedExport
from app.core.i18n import _
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
from app.core.importers.timecheck import check_instant

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹\u202f\u00a0\u066b\u060c",
                        "0123456789" "0123456789" "  .,")  # length-preserving, so offsets hold
_MARKS = "[\u200e\u200f\u202a-\u202e\u2066-\u2069]*"
_STRIP_MARKS = re.compile(_MARKS.replace("*", "+"))
_DATE = r"(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})"
_TIME = (r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?"
         r"(?:\s?(am|pm|AM|PM|a\.\s?m\.|p\.\s?m\.|ص|م|ق\.ظ|ب\.ظ|ÖÖ|ÖS|öö|ös|vorm\.|nachm\.))?")
_IOS = re.compile(rf"{_MARKS}\[{_MARKS}{_DATE},?\s{_MARKS}{_TIME}{_MARKS}\]\s{_MARKS}")
_ANDROID = re.compile(rf"{_MARKS}{_DATE},?\s{_MARKS}{_TIME}{_MARKS}\s[-–]\s{_MARKS}")
_AUTHOR = re.compile(rf"({_MARKS}[^:\n]{{1,120}}?{_MARKS}):\s")
_PM = {"pm", "p.m.", "م", "ب.ظ", "ös", "nachm."}
_AM = {"am", "a.m.", "ص", "ق.ظ", "öö", "vorm."}

_ANGLE_ATTACHED = re.compile(r"^<([^<>:]{1,30}):\s*([^<>\n]+?)>")          # <attached: x.jpg>, <Anhang: x.jpg>
_FILE_ATTACHED = re.compile(r"^(\S[^\n()]*?\.\w{2,5}) \(([^()\n]{1,40})\)")  # IMG-1.jpg (file attached)
_ANGLE_ONLY = re.compile(r"^<([^<>:\n]{3,60})>$")                           # <Media omitted>, <Medien ausgeschlossen>
_IOS_OMITTED = re.compile(r"^(image|video|audio|sticker|GIF|document|imagen|vídeo|audio|Bild|Video|Audio|image|"
                          r"vidéo|görüntü|ses|صورة|فيديو|صوت|عکس|ویدیو|صدا)\s(omitted|omitida|omitido|weggelassen|"
                          r"absente|omise|dahil edilmedi|محذوفة|محذوف|حذف شد)", re.IGNORECASE)
_DELETED = ("This message was deleted", "You deleted this message", "Diese Nachricht wurde gelöscht",
            "Du hast diese Nachricht gelöscht", "Se eliminó este mensaje", "Eliminaste este mensaje",
            "Ce message a été supprimé", "Vous avez supprimé ce message", "Bu mesaj silindi", "Bu mesajı sildiniz",
            "تم حذف هذه الرسالة", "لقد حذفت هذه الرسالة", "این پیام حذف شد", "شما این پیام را حذف کردید")
_EDITED = ("<This message was edited>", "<Diese Nachricht wurde bearbeitet>", "<Se editó este mensaje.>",
           "<Ce message a été modifié>", "<Bu mesaj düzenlendi>", "<تم تعديل هذه الرسالة>", "<این پیام ویرایش شد>")
_KIND_HINTS = (("PHOTO", "photo"), ("IMG-", "photo"), ("STICKER", "photo"), ("VIDEO", "video"), ("VID-", "video"),
               ("GIF", "video"), ("AUDIO", "voice"), ("PTT-", "voice"), ("AUD-", "voice"))
_EXT_KINDS = {"jpg": "photo", "jpeg": "photo", "png": "photo", "webp": "photo", "heic": "photo", "gif": "video",
              "mp4": "video", "mov": "video", "3gp": "video", "opus": "voice", "ogg": "voice", "m4a": "voice",
              "mp3": "voice", "aac": "voice"}


def parse(path: Path, **_options: object) -> ImportPreview:
    """Read a WhatsApp chat export: the .txt, the .zip, or a folder holding them."""
    path = Path(path)
    reader: ExportReader
    if path.is_dir():
        txts = sorted(p for p in path.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
        zips = sorted(p for p in path.iterdir() if p.suffix.lower() == ".zip" and p.is_file())
        if not txts and zips:
            return parse(zips[0])
        if not txts:
            raise MalformedExport(_("the folder holds no WhatsApp chat (.txt or .zip)"), path.name)
        path = txts[0]
    if path.suffix.lower() == ".zip":
        reader = ZipReader(path)
        try:
            # The chat is at the top, or in a folder when the zip was made again from an unpacked
            # export (macOS adds __MACOSX/ copies that are not chats): the least deep one wins.
            chats = sorted((n for n in reader.names() if n.lower().endswith(".txt") and not n.startswith("__MACOSX/")),
                           key=lambda n: (n.count("/"), n))
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
    heads, order, reason = _headers(text.splitlines(), name)
    chat = _chat_name(stem)
    messages = [_message(h, order, reader, chat, name, folder) for h in heads]
    return ImportPreview("whatsapp", "whatsapp", messages, sources, reader,
                         timezone=_("not stated: the phone's local time"), date_order=order, date_order_reason=reason)


class _Head:
    __slots__ = ("body", "line", "parts")

    def __init__(self, line: int, parts: tuple, body: list[str]) -> None:
        self.line, self.parts, self.body = line, parts, body


def _headers(lines: list[str], name: str) -> tuple[list[_Head], str, str]:
    heads: list[_Head] = []
    for number, raw in enumerate(lines, 1):
        norm = raw.translate(_DIGITS)
        m = _IOS.match(norm) or _ANDROID.match(norm)
        if m:
            heads.append(_Head(number, m.groups(), [raw[m.end():]]))
        elif heads:
            heads[-1].body.append(raw)
            if len(heads[-1].body) > 100_000:
                raise MalformedExport(_("a message has too many lines"), _("{name}, line {line}").format(
                    name=name, line=heads[-1].line))
        elif raw.strip():
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


def _when(h: _Head, order: str, name: str) -> datetime:
    p1, p2, p3, hour, minute, second, ampm = h.parts
    if order == "year-first":
        year, month, day = int(p1), int(p2), int(p3)
    else:
        year = int(p3) + (2000 if len(p3) <= 2 else 0)
        day, month = (int(p1), int(p2)) if order == "day-first" else (int(p2), int(p1))
    hour = int(hour)
    if ampm:
        token = ampm.replace(" ", "").lower()
        if not 1 <= hour <= 12:
            raise MalformedExport(_("this time is not on a 12-hour clock"), _("{name}, line {line}").format(
                name=name, line=h.line))
        hour = hour % 12 + (12 if token in _PM else 0)
    try:
        when = datetime(year, month, day, hour, int(minute), int(second or 0))
    except ValueError:
        raise MalformedExport(_("this date or time does not exist"), _("{name}, line {line}").format(
            name=name, line=h.line)) from None
    check_instant(when, _("{name}, line {line}").format(name=name, line=h.line), _("date"))
    return when


def _clean(text: str) -> str:
    return _STRIP_MARKS.sub("", text).strip()


_EDGE_MARKS = re.compile(rf"^\s*{_MARKS}|{_MARKS}\s*$")


def _trim(text: str) -> str:
    """The text with the marks phones put around it removed; marks inside (she typed) kept."""
    return _EDGE_MARKS.sub("", text).strip()


def _author(rest: str) -> tuple[Author | None, str]:
    m = _AUTHOR.match(rest)
    if not m:
        return None, rest
    name = _clean(m.group(1))
    digits = re.sub(r"[\s\-()]", "", name).lstrip("+")
    # In ASCII digits whatever the phone wrote, so one number is one actor ("+٤٩ ١٧٠…" too).
    phone = "".join(str(int(ch)) for ch in digits) if digits.isdigit() and len(digits) >= 6 else ""
    return Author(display_name=name, numeric_id=phone), rest[m.end():]


def _kind_of(file_name: str) -> str:
    upper = file_name.upper()
    for hint, kind in _KIND_HINTS:
        if hint in upper:
            return kind
    return _EXT_KINDS.get(file_name.rpartition(".")[2].lower(), "file")


def _message(h: _Head, order: str, reader: ExportReader, chat: str, name: str, folder: str = "") -> Message:
    when = _when(h, order, name)
    author, first = _author(h.body[0])
    text = "\n".join([first, *h.body[1:]])
    if len(text) > MAX_FIELD_CHARS:
        raise MalformedExport(_("a message is longer than {n} characters").format(n=MAX_FIELD_CHARS),
                              _("{name}, line {line}").format(name=name, line=h.line))
    msg = Message(id=str(h.line), when=when.isoformat(), author=author or Author(), thread=chat or name,
                  thread_name=chat, line=h.line, kind="text" if author else "service")
    body = _trim(text)
    for marker in _EDITED:
        if body.endswith(marker):
            body, msg.edited = body[:-len(marker)].rstrip(), "yes"
    attached = _ANGLE_ATTACHED.match(body) or _FILE_ATTACHED.match(body)
    if author and attached:
        file_name = folder + _clean(attached.group(2) if attached.re is _ANGLE_ATTACHED else attached.group(1))
        msg.kind = _kind_of(file_name)
        msg.attachments.append(Attachment(file_name, msg.kind, reader.exists(file_name)))
        body = body[attached.end():].strip()
    elif author and (_ANGLE_ONLY.match(body) or _IOS_OMITTED.match(body)):
        msg.kind = "file"
        msg.attachments.append(Attachment("", "file", present=False))
        msg.recorded["media_omitted"] = body
    elif author and body.rstrip(".") in {d.rstrip(".") for d in _DELETED}:
        msg.deleted = True
    msg.text = body
    return msg
