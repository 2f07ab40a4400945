"""A Meta "Download your information" in JSON as Meta writes it: every string's UTF-8 bytes
escaped one by one as \\u00XX (Latin-1 mojibake, Arabic and emoji included), newest message
first, long conversations split in message_1.json, message_2.json..., media URIs from the top
of the download, conversations under inbox/, e2ee_cutover/, archived_threads/; Instagram
under your_instagram_activity/."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from tests.core.importers.exports import mojibake, photo_bytes

T0 = 1688553015000  # 2023-07-05T10:30:15Z
FB = "your_activity_across_facebook/messages"


def _doc(title: str, participants: list[str], messages: list[dict], path: str) -> bytes:
    def fix(value):
        if isinstance(value, str):
            return mojibake(value)
        if isinstance(value, list):
            return [fix(v) for v in value]
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        return value
    doc = {"participants": [{"name": p} for p in participants], "messages": messages, "title": title,
           "is_still_participant": True, "thread_path": path, "magic_words": []}
    return json.dumps(fix(doc), indent=2).encode()  # ensure_ascii: "\u00d8\u00b3" as Meta writes


def facebook_files(top: str = "") -> dict[str, bytes]:
    t = f"{top}{FB}/inbox/harasser_1234567890"
    uri = f"{FB}/inbox/harasser_1234567890"
    newest = [
        {"sender_name": "Zoë Hater", "timestamp_ms": T0 + 60_000, "content": "سنجدك 😡🔥",
         "reactions": [{"reaction": "😢", "actor": "ليلى Defender"}], "is_geoblocked_for_viewer": False},
        {"sender_name": "Zoë Hater", "timestamp_ms": T0 + 50_000, "photos": [
            {"uri": f"{uri}/photos/1_2_3_n.jpg", "creation_timestamp": (T0 + 50_000) // 1000}]},
        {"sender_name": "Zoë Hater", "timestamp_ms": T0 + 40_000, "videos": [
            {"uri": f"{uri}/videos/v_1.mp4", "creation_timestamp": 1, "thumbnail": {"uri": f"{uri}/videos/t.jpg"}}]},
        {"sender_name": "Zoë Hater", "timestamp_ms": T0 + 30_000, "audio_files": [{"uri": f"{uri}/audio/a_1.mp4"}]},
        {"sender_name": "Zoë Hater", "timestamp_ms": T0 + 20_000, "gifs": [{"uri": f"{uri}/gifs/g.gif"}]},
        {"sender_name": "Zoë Hater", "timestamp_ms": T0 + 15_000, "sticker": {"uri": f"{uri}/stickers_used/s.png",
                                                                             "ai_stickers": []}},
        {"sender_name": "Zoë Hater", "timestamp_ms": T0 + 12_000, "files": [{"uri": f"{uri}/files/address.pdf"}]},
        {"sender_name": "Zoë Hater", "timestamp_ms": T0 + 10_000, "content": "Zoë sent a link.",
         "share": {"link": "https://doxx.example/leyla", "share_text": "Her home — بيتها"}},
    ]
    older = [
        {"sender_name": "Zoë Hater", "timestamp_ms": T0 + 5_000, "content": "Zoë Hater called you.",
         "call_duration": 0, "missed": True},
        {"sender_name": "Zoë Hater", "timestamp_ms": T0 + 2_000, "content": "You will regret",
         "is_unsent": True},
        {"sender_name": "ليلى Defender", "timestamp_ms": T0, "content": "Leave me alone"},
    ]
    people = ["Zoë Hater", "ليلى Defender"]
    files = {
        f"{t}/message_1.json": _doc("Zoë Hater", people, newest, "inbox/harasser_1234567890"),
        f"{t}/message_2.json": _doc("Zoë Hater", people, older, "inbox/harasser_1234567890"),
        f"{t}/photos/1_2_3_n.jpg": photo_bytes(21),
        f"{t}/videos/v_1.mp4": b"\x00\x00\x00\x18ftypmp42" + b"\0" * 32,
        f"{t}/audio/a_1.mp4": b"\x00\x00\x00\x18ftypM4A " + b"\0" * 32,
        f"{t}/gifs/g.gif": b"GIF89a" + b"\0" * 32,
        f"{t}/stickers_used/s.png": photo_bytes(22),
        f"{t}/files/address.pdf": b"%PDF-1.4\n%%EOF\n",
        f"{top}{FB}/e2ee_cutover/troll2_55/message_1.json": _doc("Troll Two", ["Troll Two", "ليلى Defender"], [
            {"sender_name": "Troll Two", "timestamp_ms": T0 + 3_600_000, "content": "e2ee era"}],
            "e2ee_cutover/troll2_55"),
        f"{top}{FB}/archived_threads/old_66/message_1.json": _doc("Old", ["Old", "ليلى Defender"], [
            {"sender_name": "Old", "timestamp_ms": T0 - 86_400_000, "content": "archived"}], "archived_threads/old_66"),
        f"{top}your_activity_across_facebook/posts/your_posts__check_ins__photos_and_videos_1.json": b"[]",
    }
    return files


def instagram_files() -> dict[str, bytes]:
    base = "your_instagram_activity/messages/inbox/troll_17841400000000000"
    return {f"{base}/message_1.json": _doc("troll.account", ["troll.account", "leyla.d"], [
        {"sender_name": "troll.account", "timestamp_ms": T0, "content": "أعرف أين تسكنين 👀",
         "photos": [{"uri": f"{base}/photos/17_n.jpg", "creation_timestamp": T0 // 1000}]},
        {"sender_name": "troll.account", "timestamp_ms": T0 + 1000, "share": {
            "link": "https://www.instagram.com/p/Cu1AbCdEf/", "share_text": "", "original_content_owner": "x"}}],
        "inbox/troll_17841400000000000"), f"{base}/photos/17_n.jpg": photo_bytes(23)}


def write(root: Path, files: dict[str, bytes], *, zipped: str = "") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    if zipped:
        with zipfile.ZipFile(root / zipped, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in files.items():
                z.writestr(name, data)
        return root / zipped
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root
