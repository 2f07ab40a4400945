"""The media block of a message in Telegram Desktop's HTML export (.media_wrap), read the way
export_output_html.cpp writes it.

A photo, video, GIF or sticker is a link with a thumbnail (.photo_wrap, .video_file_wrap,
.animated_wrap, .sticker_wrap). Everything else is "generic media": a link (or a div when
there is no file) whose class names what it is (media_voice_message, media_audio_file,
media_video, media_file, media_photo, media_contact, media_location, media_live_location,
media_venue, media_call, media_game, media_invoice), with .title.bold, .description and
.status.details inside. A file the export left out has no link: its description says
"Not included, ...". A poll is .media_poll with .question and .answer lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.core.importers.model import Attachment, Message
from app.core.importers.shared import contact_text, coordinates, location_text

# The class that names a media block, and what it is.
KINDS = {"photo_wrap": "photo", "video_file_wrap": "video", "animated_wrap": "video", "sticker_wrap": "photo",
         "media_photo": "photo", "media_video": "video", "media_voice_message": "voice", "media_audio_file": "voice",
         "media_file": "file", "media_contact": "contact", "media_location": "location",
         "media_live_location": "live", "media_venue": "venue", "media_call": "call", "media_game": "game",
         "media_invoice": "invoice", "media_poll": "poll"}
_FILE_KINDS = {"photo", "video", "voice", "file"}
_MAP_POINT = re.compile(r"[?&](?:q|ll)=(-?\d{1,3}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)")
# Older exports put the class on the inner .fill div; links without a known class are named by their class words.
_HINTS = (("photo", "photo"), ("video", "video"), ("animated", "video"), ("voice", "voice"), ("audio", "voice"),
          ("sticker", "photo"))


@dataclass
class MediaBlock:
    kind: str = ""
    title: str = ""
    status: str = ""
    description: str = ""
    question: str = ""
    answers: list[str] = field(default_factory=list)
    point: str = ""
    files: list[str] = field(default_factory=list)
    hint: str = ""  # what the link's class words suggest, when no class names the block

    def see_classes(self, classes: set[str]) -> None:
        if not self.kind:
            self.kind = next((k for c, k in KINDS.items() if c in classes), "")

    def see_link(self, href: str, classes: set[str]) -> None:
        if href.startswith(("http:", "https:")):
            if point := _MAP_POINT.search(href):
                self.point = coordinates(*point.groups())
            return
        if href and not href.startswith(("#", "tg:", "mailto:", "tel:", "javascript:")):
            self.files.append(href)
            self.hint = self.hint or next((k for hint, k in _HINTS if any(hint in c for c in classes)), "")

    def put(self, what: str, text: str) -> None:
        if what == "answer":
            self.answers.append(text)
        elif hasattr(self, what):
            setattr(self, what, text)

    def into(self, msg: Message) -> str:
        """Adds the block's files to `msg`, sets its kind, and returns the words it adds to its text."""
        kind = self.kind or self.hint or ("file" if self.files else "")
        if kind in _FILE_KINDS:
            msg.attachments += [Attachment(f, kind) for f in self.files] or [Attachment("", kind, False)]
            if msg.kind == "text":
                msg.kind = kind
            return ""
        msg.attachments += [Attachment(f, "file") for f in self.files]  # a contact's vCard
        if kind == "contact":
            msg.kind = "contact"
            return contact_text(self.title, self.status.removesuffix(" - vCard"))
        if kind in ("location", "live", "venue"):
            msg.kind = "location"
            lat_lon = self.status.split(",")
            point = (coordinates(*lat_lon) if len(lat_lon) == 2 else "") or self.point
            if kind == "venue":
                return location_text(point, self.title, self.status or self.description)
            return location_text(point, "", self.description)  # the title is only "Location", in English
        if kind == "call":
            msg.kind = "service"
            msg.recorded["action"] = "phone_call"
            return ": ".join(filter(None, ("phone_call", self.status)))
        if kind == "poll":
            return "\n".join(filter(None, (self.question, *self.answers)))
        return "\n".join(filter(None, (self.title, self.description, self.status)))  # a game, an invoice
