"""`json.loads` in steps, for the import window: one call of the C decoder over a 34 MB
result.json holds the GIL for 0.4-0.8 s here, and the window cannot repaint meanwhile. The
outer containers, and the arrays that hold an export's messages or chats, are read member by
member; each message is still decoded by the C decoder in one call of a few microseconds, so
the UI thread gets its turn between them. The result is what `json.loads` returns, and so are
its errors (json.JSONDecodeError with the position in the whole text, RecursionError).
"""

from __future__ import annotations

import json
from json.decoder import WHITESPACE, scanstring

# Containers under these keys are read member by member (Telegram's "messages", its full
# export's "chats" -> "list"/"left_chats", Meta's "messages"); so is the top level. The items of
# CHAT_LISTS are chats, read by their keys in turn, so that their messages are stepped too.
STEPPED_KEYS = frozenset({"messages", "chats", "list", "left_chats"})
CHAT_LISTS = frozenset({"list", "left_chats"})
_DECODER = json.JSONDecoder()


def loads(text: str) -> object:
    value, end = _value(text, _skip(text, 0), stepped=True, key="")
    end = _skip(text, end)
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)
    return value


def _skip(text: str, i: int) -> int:
    return WHITESPACE.match(text, i).end()


def _value(text: str, i: int, stepped: bool, key: str) -> tuple[object, int]:
    opening = text[i:i + 1]
    if stepped and opening == "{":
        return _object(text, _skip(text, i + 1))
    if stepped and opening == "[":
        return _array(text, _skip(text, i + 1), chats=key in CHAT_LISTS)
    return _DECODER.raw_decode(text, i)  # its errors give the position in the whole text


def _object(text: str, i: int) -> tuple[dict, int]:
    out: dict = {}
    if text[i:i + 1] == "}":
        return out, i + 1
    while True:
        if text[i:i + 1] != '"':
            raise json.JSONDecodeError("Expecting property name enclosed in double quotes", text, i)
        key, i = scanstring(text, i + 1)
        i = _skip(text, i)
        if text[i:i + 1] != ":":
            raise json.JSONDecodeError("Expecting ':' delimiter", text, i)
        out[key], i = _value(text, _skip(text, i + 1), key in STEPPED_KEYS, key)
        i = _skip(text, i)
        if text[i:i + 1] == "}":
            return out, i + 1
        if text[i:i + 1] != ",":
            raise json.JSONDecodeError("Expecting ',' delimiter", text, i)
        i = _skip(text, i + 1)


def _array(text: str, i: int, chats: bool) -> tuple[list, int]:
    out: list = []
    if text[i:i + 1] == "]":
        return out, i + 1
    while True:
        item, i = _value(text, i, stepped=chats, key="")
        out.append(item)
        i = _skip(text, i)
        if text[i:i + 1] == "]":
            return out, i + 1
        if text[i:i + 1] != ",":
            raise json.JSONDecodeError("Expecting ',' delimiter", text, i)
        i = _skip(text, i + 1)

