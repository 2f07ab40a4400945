"""The reactions and inline bot buttons of a message in Telegram Desktop's HTML export, read
the way export_output_html.cpp (pushMessage) writes them, into the shape the JSON export
gives them (telegram_parts.reactions and .buttons), so both exports record the same facts:

  <span class="reactions">
   <span class="reaction [active] [paid]">
    <span class="emoji">❤</span>       a custom emoji: <a href = "stickers/x.webp">👋</a>, or an
                                        <a onclick="return ShowNotLoadedEmoji();"> when not saved;
                                        a paid reaction: ⭐ (both only placeholders)
    <span class="userpics">             the recent reactors, when the server lists them (small chats)
     <div class="userpic ..."><div class="initials" title="Ann Lee">AL</div></div> ...
    </span>
    <span class="count">3</span>        left out when every reactor is listed
   </span> ...
  </span>

  <table class="bot_buttons_table"><tbody><tr><td class="bot_button_row">
   <div class="bot_button"><a href="URL"><div>words</div></a></div>     a URL button
   <div class="bot_button"><a onclick="return ShowTextCopied('Data: … | Forward text: … |
        Type: callback');"><div>words</div></a></div>                 any other button
   <div class="bot_button_column_separator"></div> ...

The HTML names a reactor by display name only (no id, no time). A button's link is kept as
text, never followed; every list and string is bounded as the JSON reader bounds them.
"""

from __future__ import annotations

import base64
import re

from app.core.importers.telegram_parts import MAX_ITEMS, MAX_STRING

_COPIED = re.compile(r"\s*return ShowTextCopied\('(.*)'\);?\s*$", re.S)
_JS_ESCAPE = re.compile(r"\\(.)", re.S)  # the writer escapes \ and ' inside the quoted text
_TYPE = re.compile(r"[a-z_]{1,40}$")
_COUNT = re.compile(r"\d{1,12}$")
_CALLBACKS = ("callback", "callback_with_password")  # JSON gives their data as dataBase64
_VOID = frozenset(("img", "br", "hr", "wbr", "input", "meta", "link"))
MAX_NESTING = 64  # tags open inside one block; deeper ones are read but not tracked


class Marks:
    """Fed the tags and text of one message; collects its reactions and buttons."""

    def __init__(self) -> None:
        self.reactions: list[dict] = []
        self.buttons: list[dict] = []
        self._open: list[tuple[str, str]] = []  # (tag, role) open inside the current block
        self._item: dict | None = None  # the reaction or button being read
        self._buf: list[str] = []
        self._chars = 0
        self._reading = ""  # the role whose text goes to the buffer

    def start(self, tag: str, classes: set[str], attrs: dict[str, str]) -> bool:
        """True when the tag belongs to a reactions or buttons block (the page ignores it)."""
        if not self._open:
            role = ("reactions" if tag == "span" and "reactions" in classes else
                    "buttons" if tag == "table" and "bot_buttons_table" in classes else "")
            if role:  # a block's items are its own: nothing read before it continues in it
                self._open.append((tag, role))
                self._item, self._reading = None, ""
            return bool(role)
        if self._open[0][1] == "reactions":
            role = self._reaction_tag(tag, classes, attrs)
        else:
            role = self._button_tag(tag, classes, attrs)
        if tag not in _VOID and len(self._open) < MAX_NESTING:
            self._open.append((tag, role))
        return True

    def end(self, tag: str) -> bool:
        """True when the tag belongs to a block; closes what it closes (tolerant of strays)."""
        if not self._open:
            return False
        for n in range(len(self._open) - 1, -1, -1):
            if self._open[n][0] == tag:
                for _tag, role in reversed(self._open[n:]):
                    self._finish(role)
                del self._open[n:]
                break
        return True

    def data(self, text: str) -> bool:
        if not self._open:
            return False
        if self._reading and self._chars < MAX_STRING:
            self._buf.append(text[:MAX_STRING - self._chars])
            self._chars += len(self._buf[-1])
        return True

    def into(self, recorded: dict) -> None:
        for key, found in (("reactions", self.reactions), ("buttons", self.buttons)):
            if found:
                recorded[key] = found

    # ----------------------------------------------------------------------------------------

    def _reaction_tag(self, tag: str, classes: set[str], attrs: dict[str, str]) -> str:
        if tag == "span" and "reaction" in classes:
            self._item = self._new(self.reactions, {"type": "paid" if "paid" in classes else "emoji"})
            return "reaction"
        if self._item is None:
            return ""
        roles = {r for _t, r in self._open}
        if tag == "span" and classes & {"emoji", "count"}:
            return self._read("emoji" if "emoji" in classes else "count")
        if tag == "a" and "emoji" in roles:
            self._item["type"] = "custom_emoji"
            href = attrs.get("href", "")
            if href and "onclick" not in attrs:  # the file saved for it; else "not included"
                self._item["document_id"] = href[:MAX_STRING]
            return ""
        if tag == "span" and "userpics" in classes:
            return "userpics"
        if "userpics" in roles:
            recent = self._item.setdefault("recent", [])
            if "userpic" in classes and len(recent) < MAX_ITEMS:
                recent.append({})
            if attrs.get("title") and recent and "from" not in recent[-1]:
                recent[-1]["from"] = attrs["title"][:MAX_STRING]
        return ""

    def _button_tag(self, tag: str, classes: set[str], attrs: dict[str, str]) -> str:
        if tag == "div" and "bot_button" in classes:
            self._item = self._new(self.buttons, {})
            return self._read("button")
        if tag == "a" and self._item is not None and "button" in {r for _t, r in self._open}:
            onclick = attrs.get("onclick", "")
            if onclick:
                self._item.update(_copied(onclick))
            elif attrs.get("href"):
                self._item.update(type="url", data=attrs["href"][:MAX_STRING])
        return ""

    def _new(self, found: list[dict], item: dict) -> dict:
        # Past the bound an item is still read (its tags must balance) but not kept.
        if len(found) < MAX_ITEMS:
            found.append(item)
        return item

    def _read(self, role: str) -> str:
        self._reading, self._buf, self._chars = role, [], 0
        return role

    def _finish(self, role: str) -> None:
        if role == "reaction" and self._item is not None and "count" not in self._item and self._item.get("recent"):
            # Without a count every reactor is listed: the count is how many (none listed: not stated).
            self._item["count"] = len(self._item["recent"])
        if role != self._reading or not role or self._item is None:
            return
        text = "".join(self._buf).strip()
        self._reading = ""
        item = self._item
        if role == "emoji" and item.get("type") == "emoji" and text:
            item["emoji"] = text
        elif role == "count" and _COUNT.match(text):
            item["count"] = int(text)
        elif role == "button" and text:
            item["text"] = text


def _copied(onclick: str) -> dict:
    """"return ShowTextCopied('Data: x | Forward text: y | Type: callback');" as the JSON
    fields of that button: type, data (dataBase64 for a callback, as the JSON writes it),
    forward_text."""
    found = _COPIED.match(onclick)
    if not found:
        return {}
    rest, sep, kind = _JS_ESCAPE.sub(r"\1", found.group(1)).rpartition("Type: ")
    if not sep or not _TYPE.match(kind):
        return {}
    rest = rest.removesuffix(" | ")
    data = forward = ""
    if rest.startswith("Forward text: "):
        forward = rest.removeprefix("Forward text: ")
    elif rest.startswith("Data: "):
        data, _sep, forward = rest.removeprefix("Data: ").partition(" | Forward text: ")
    out = {"type": kind}
    if data and kind in _CALLBACKS:
        # The page holds the raw bytes as text: exact unless they were not UTF-8 (then lost).
        if "\ufffd" not in data:
            out["dataBase64"] = base64.urlsafe_b64encode(data.encode()).rstrip(b"=").decode()[:MAX_STRING]
    elif data:
        out["data"] = data[:MAX_STRING]
    if forward:
        out["forward_text"] = forward[:MAX_STRING]
    return out
