"""A Meta "Download your information" in HTML, as Meta writes it (the default format): one
page per part of a conversation, newest message first, the page on one line, UTF-8 with
entities for < > & and quotes, <br /> inside texts; the 2018-2022 layout (pam _2pi0 boxes,
_2pio sender, _2let content, _2lem time, _tqp reactions, a _2lek participants line, media paths
from the top of the download) and the 2023-2024 one (_a6-g boxes, <h2 _a6-h> sender, _a6-p
content whose share block repeats the text, _a6-q reactions, _a6-o time; Facebook's <section>
and <footer><div class="_a72d">). Times are written by CLDR's patterns in the download's
language, with its digits."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from babel.dates import format_datetime

from tests.core.importers.exports import photo_bytes

T0 = datetime(2023, 7, 5, 10, 30, 15)
FB = "your_facebook_activity/messages"
_ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

# How each language's download writes a time (CLDR pattern, locale, digits).
STYLES = {
    "en": ("MMM dd, yyyy h:mm:ss a", "en_US", None),        # 2023-2024: "Jul 05, 2023 10:30:15 AM" -> am
    "en-old": ("MMM d, yyyy, h:mm a", "en_US", None),       # 2018-2022: "Jul 5, 2023, 10:30 AM"
    "en-gb": ("d MMM yyyy, HH:mm", "en_GB", None),          # "5 Jul 2023, 10:30"
    "fr": ("d MMM yyyy HH:mm", "fr_FR", None),              # "5 juil. 2023 10:30"
    "es": ("d MMM yyyy, H:mm", "es_ES", None),              # "5 jul 2023, 10:30"
    "tr": ("d MMM yyyy HH:mm", "tr_TR", None),              # "5 Tem 2023 10:30"
    "ar": ("d MMMM y h:mm a", "ar_EG", _ARABIC),            # "٥ يوليو ٢٠٢٣ ١٠:٣٠ ص"
    "ar-sy": ("d MMMM y، HH:mm", "ar_SY", _ARABIC),         # "٥ تموز ٢٠٢٣، ١٠:٣٠"
    "fa": ("d MMMM y، H:mm", "fa_IR", _PERSIAN),            # "۵ ژوئیه ۲۰۲۳، ۱۰:۳۰"
    "numeric": ("dd/MM/yyyy HH:mm", "en_GB", None),         # "05/07/2023 10:30"
}
SOLAR = {datetime(2023, 7, 5).date(): "۱۴ تیر ۱۴۰۲"}  # a Persian calendar download


def written(when: datetime, style: str) -> str:
    if style == "fa-solar":
        return f"{SOLAR[when.date()]}، {when:%H:%M}".translate(_PERSIAN)
    pattern, locale, digits = STYLES[style]
    text = format_datetime(when, pattern, locale=locale)
    if style == "en":
        text = text.replace("AM", "am").replace("PM", "pm")  # Meta writes them in lower case
    return text.translate(digits) if digits else text


@dataclass
class Msg:
    sender: str
    when: datetime
    text: str = ""
    media: list[str] = field(default_factory=list)   # paths inside the thread's folder
    share: str = ""
    reactions: list[tuple[str, str]] = field(default_factory=list)


def _e(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "<br />")


def _media_html(uri: str, old: bool) -> str:
    if "/videos/" in uri:
        thumb = uri.rpartition("/")[0] + "/thumbnails/t.jpg"
        return (f'<div><a href="{uri}"><img src="{thumb}" class="_2yuc _3-96" /></a>'
                f'<span class="_idm">Duration: 0:05</span></div>') if old else \
            f'<div><video src="{uri}" controls="1"><a href="{uri}"><p>Click for video: </p></a></video></div>'
    if "/audio/" in uri:
        return f'<div><audio src="{uri}" controls="1"><a href="{uri}"><p>Click for audio: </p></a></audio></div>'
    if "/files/" in uri:
        return f'<div><a href="{uri}">{uri.rpartition("/")[2]}</a></div>'
    return f'<div><a href="{uri}"><img src="{uri}" class="_2yuc _3-96" /></a></div>'


def _box_old(m: Msg, base: str, style: str) -> str:
    media = "".join(_media_html(f"{base}/{p}", True) for p in m.media)
    share = f'<div><a href="{_e(m.share)}">{_e(m.share)}</a></div>' if m.share else "<div></div>"
    react = ('<div><ul class="_tqp">' + "".join(f"<li>{e}{_e(who)}</li>" for e, who in m.reactions)
             + "</ul></div>") if m.reactions else "<div></div>"
    return ('<div class="pam _3-95 _2pi0 _2lej uiBoxWhite noborder">'
            f'<div class="_3-96 _2pio _2lek _2lel">{_e(m.sender)}</div>'
            f'<div class="_3-96 _2let"><div><div></div><div>{_e(m.text)}</div>{media or share}{react}</div></div>'
            f'<div class="_3-94 _2lem">{written(m.when, style)}</div></div>')


def _box_new(m: Msg, base: str, style: str, section: bool) -> str:
    media = "".join(_media_html(f"{base}/{p}", False) for p in m.media)
    if m.share:  # the share block repeats the text beside the link
        media = (f'<div><div><div>{_e(m.text)}\n{_e(m.share)}</div><div><a target="_blank" href="{_e(m.share)}">'
                 f"{_e(m.share)}</a></div></div></div>")
    react = ('<ul class="_a6-q">' + "".join(f"<li><span>{e}{_e(who)}</span></li>" for e, who in m.reactions)
             + "</ul>") if m.reactions else ""
    text = f"{_e(m.text)}<br /><a target=\"_blank\" href=\"{_e(m.share)}\">{_e(m.share)}</a>" if m.share else \
        _e(m.text)
    content = f'<div class="_3-95 _a6-p"><div><div></div><div>{text}</div>{media or "<div></div>"}<div></div>{react}</div></div>'
    when = written(m.when, style)
    if section:  # Facebook, 2024
        return (f'<section class="_a6-g"><h2 class="_2ph_ _a6-h _a6-i">{_e(m.sender)}</h2>{content}'
                f'<footer class="_3-94 _a6-o"><div class="_a72d">{when}</div></footer></section>')
    return (f'<div class="pam _3-95 _2ph- _a6-g uiBoxWhite noborder"><h2 class="_3-95 _2pim _a6-h _a6-i">'
            f'{_e(m.sender)}</h2>{content}<div class="_3-94 _a6-o">{when}</div></div>')


def page(title: str, participants: list[str], messages: list[Msg], base: str, *, layout: str = "new",
         style: str = "en") -> bytes:
    """One message_N.html: `messages` oldest first (they are written newest first); media paths
    from the top of the download under `base` (the thread's folder there)."""
    newest = sorted(messages, key=lambda m: m.when, reverse=True)
    head = (f'<!DOCTYPE html><html><head><meta charset="utf-8" /><title>{_e(title)}</title>'
            '<style type="text/css">._a6-g{background:#fff}._a6-h{font-weight:700}</style></head>')
    if layout == "old":
        who = ", ".join(participants[:-1]) + " and " + participants[-1] if len(participants) > 1 else participants[0]
        body = ('<body class="_5vb_ _2yq _4yic"><div class="clearfix _ikh"><div class="_4bl9"><div class="_li">'
                f'<div class="_3a_u"><div class="_3b0c"><div class="_3b0d">{_e(title)}</div></div>'
                '<div class="_4t5n" role="main"><div class="pam _3-95 _2pi0 _2lej uiBoxWhite noborder">'
                f'<div class="_2lek">Participants: {_e(who)}</div></div>'
                + "".join(_box_old(m, base, style) for m in newest) + "</div></div></div></div></div></body></html>")
    else:
        section = layout == "section"
        body = ('<body class="_5vb_ _2yq _a7o5"><div class="clearfix _ikh"><div class="_4bl9"><div class="_li">'
                f'<div class="_a705"><div class="_3-8y _3-95 _a70a"><div class="_a70d"><div class="_a70e">{_e(title)}'
                '</div></div></div><div class="_a706" role="main">'
                + "".join(_box_new(m, base, style, section) for m in newest) + "</div></div></div></div></div></body></html>")
    return (head + body).encode("utf-8")


def harasser(t0: datetime = T0) -> list[Msg]:
    s = timedelta(seconds=1)
    return [
        Msg("ليلى Defender", t0, "Leave me alone"),
        Msg("Zoë Hater", t0 + 2 * 60 * s, "Zoë Hater unsent a message."),
        Msg("Zoë Hater", t0 + 5 * 60 * s, "Zoë Hater called you."),
        Msg("Zoë Hater", t0 + 10 * 60 * s, "Her home <b>— بيتها</b> & more", share="https://doxx.example/leyla?a=1&b=2"),
        Msg("Zoë Hater", t0 + 12 * 60 * s, media=["files/address.pdf"]),
        Msg("Zoë Hater", t0 + 15 * 60 * s, media=["stickers_used/s.png"]),
        Msg("Zoë Hater", t0 + 30 * 60 * s, media=["audio/a_1.mp4"]),
        Msg("Zoë Hater", t0 + 40 * 60 * s, media=["videos/v_1.mp4"]),
        Msg("Zoë Hater", t0 + 50 * 60 * s, "I know where\nyou live", media=["photos/1_2_3_n.jpg"]),
        Msg("Zoë Hater", t0 + 60 * 60 * s, "سنجدك 😡🔥 &lt;", reactions=[("😢", "ليلى Defender")]),
    ]


def media_files(thread: str) -> dict[str, bytes]:
    return {f"{thread}/photos/1_2_3_n.jpg": photo_bytes(31), f"{thread}/videos/v_1.mp4": b"\0\0\0\x18ftypmp42" + b"\0" * 32,
            f"{thread}/videos/thumbnails/t.jpg": photo_bytes(32), f"{thread}/audio/a_1.mp4": b"\0\0\0\x18ftypM4A " + b"\0" * 32,
            f"{thread}/stickers_used/s.png": photo_bytes(33), f"{thread}/files/address.pdf": b"%PDF-1.4\n%%EOF\n"}


def facebook_files(top: str = "", *, layout: str = "new", style: str = "en", root: str = FB) -> dict[str, bytes]:
    """A whole download: the harasser's thread over two pages, and a second thread."""
    thread = f"{root}/inbox/harasser_1234567890"
    msgs = harasser()
    people = ["Zoë Hater", "ليلى Defender"]
    files = {f"{top}{thread}/message_1.html": page("Zoë Hater", people, msgs[5:], thread, layout=layout, style=style),
             f"{top}{thread}/message_2.html": page("Zoë Hater", people, msgs[:5], thread, layout=layout, style=style),
             f"{top}{root}/inbox/troll2_55/message_1.html": page("Troll Two", ["Troll Two", "ليلى Defender"], [
                 Msg("Troll Two", T0 + timedelta(hours=3), "second thread")], f"{root}/inbox/troll2_55",
                 layout=layout, style=style),
             f"{top}start_here.html": b"<!DOCTYPE html><html><head><title>Your information</title></head></html>"}
    files.update({f"{top}{k}": v for k, v in media_files(thread).items()})
    return files


def instagram_files(style: str = "en") -> dict[str, bytes]:
    base = "your_instagram_activity/messages/inbox/troll_17841400000000000"
    msgs = [Msg("troll.account", T0, "أعرف أين تسكنين 👀", media=["photos/17_n.jpg"]),
            Msg("troll.account", T0 + timedelta(minutes=1), "look", share="https://www.instagram.com/p/Cu1AbCdEf/")]
    return {f"{base}/message_1.html": page("troll.account", ["troll.account", "leyla.d"], msgs, base, style=style),
            f"{base}/photos/17_n.jpg": photo_bytes(34)}
