"""Telegram Desktop's result.json, field by field as export_output_json.cpp writes it: chat
types and their links, text as a string or pieces with every entity type, authors (users,
channels, basic groups, deleted accounts, signatures), forwards, replies, media and the reasons
a file was left out, shared places and contacts, polls, games, invoices, service actions,
reactions, inline buttons, unsupported messages, \\x escapes, and the time zone."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from app.core import importers
from app.core.errors import MalformedExport
from tests.core.importers import exports as ex

T0 = datetime(2023, 7, 4, 10, 30, 15)
NOT_INCLUDED = "(File not included. Change data exporting settings to download.)"
TOO_BIG = "(File exceeds maximum size. Change data exporting settings to download.)"
UNAVAILABLE = "(File unavailable, please try again later)"


def _write(folder, doc) -> object:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "result.json").write_bytes(ex.tdesktop_dumps(doc))
    return folder


def _chat(messages, chat_type="private_supergroup", chat_id=1234567890, name="Campaign") -> dict:
    chat = {"name": name, "type": chat_type, "id": chat_id, "messages": messages}
    if chat_type in ("saved_messages", "replies"):
        del chat["name"]  # Telegram Desktop writes no name for these
    return chat


def _one(tmp_path, **fields):
    msg = ex.tdesktop_message(5, T0, **{"from": "Harasser", "from_id": "user777", **fields})
    with importers.parse("telegram", _write(tmp_path / "tg", _chat([msg]))) as p:
        assert len(p.messages) == 1
        return p.messages[0]


@pytest.mark.parametrize(("chat_type", "chat_id", "username", "link"), [
    ("personal_chat", 777, "", ""),
    ("bot_chat", 93372553, "", ""),
    ("saved_messages", 4242, "", ""),
    ("replies", 1271266957, "", ""),
    ("private_group", 555001, "", ""),  # basic groups have no message links
    ("private_supergroup", 1234567890, "", "https://t.me/c/1234567890/5"),
    ("public_supergroup", 1234567890, "", "https://t.me/c/1234567890/5"),
    ("public_supergroup", 1234567890, "@hate_group", "https://t.me/hate_group/5"),
    ("private_channel", 1357924680, "", "https://t.me/c/1357924680/5"),
    ("public_channel", 1357924680, "northern_truth", "https://t.me/northern_truth/5"),
])
def test_every_chat_type_gets_the_link_telegram_gives_it(tmp_path, chat_type, chat_id, username, link):
    msg = ex.tdesktop_message(5, T0, **{"from": "Harasser", "from_id": "user777"}, text="hi")
    with importers.parse("telegram", _write(tmp_path / "tg", _chat([msg], chat_type, chat_id)),
                         username=username) as p:
        m = p.messages[0]
        assert (m.link, m.recorded["chat_type"], m.thread) == (link, chat_type, str(chat_id))
        assert m.thread_name == ("" if chat_type in ("saved_messages", "replies") else "Campaign")


def test_full_account_export_with_left_chats_and_the_owners_own_messages(tmp_path):
    mine = ex.tdesktop_message(2, T0, **{"from": "Leila", "from_id": "user4242"}, text="leave me alone")
    theirs = ex.tdesktop_message(3, T0, **{"from": "Harasser", "from_id": "user777"}, text="no")
    left = ex.tdesktop_message(9, T0, **{"from": "Hate channel", "from_id": "channel1357924680"}, text="old post")
    doc = {"about": "Here is the data you requested.",
           "personal_information": {"user_id": 4242, "first_name": "Leila", "last_name": "", "phone_number": "+49"},
           "chats": {"about": "This page lists all chats from this export.",
                     "list": [_chat([mine, theirs], "personal_chat", 777, "Harasser")]},
           "left_chats": {"about": "This page lists all supergroups and channels from this export that you've left.",
                          "list": [_chat([left], "public_channel", 1357924680, "Hate channel")]}}
    with importers.parse("telegram", _write(tmp_path / "tg", doc)) as p:
        m = {x.id: x for x in p.messages}
        assert set(m) == {"777:2", "777:3", "1357924680:9"}
        assert m["777:2"].recorded.get("own_message") is True and "own_message" not in m["777:3"].recorded
        assert m["1357924680:9"].link == "https://t.me/c/1357924680/9"
        assert m["1357924680:9"].author.numeric_id == "channel1357924680"


ENTITIES = [
    "Look ", {"type": "bold", "text": "here"}, " ", {"type": "italic", "text": "now"}, " ",
    {"type": "link", "text": "https://example.org/a"}, " ",
    {"type": "text_link", "text": "map", "href": "https://maps.example/her-house"}, " ",
    {"type": "mention", "text": "@troll"}, " ", {"type": "mention_name", "text": "Leila", "user_id": 4242}, " ",
    {"type": "hashtag", "text": "#expose"}, " ", {"type": "bot_command", "text": "/start"}, " ",
    {"type": "email", "text": "her@example.org"}, " ", {"type": "phone", "text": "+49 170 1234567"}, " ",
    {"type": "code", "text": "x=1"}, " ", {"type": "pre", "text": "block", "language": "python"}, " ",
    {"type": "strikethrough", "text": "gone"}, " ", {"type": "underline", "text": "u"}, " ",
    {"type": "spoiler", "text": "secret"}, " ", {"type": "custom_emoji", "text": "🔥", "document_id": "stickers/e.webp"},
    " ", {"type": "blockquote", "text": "quoted", "collapsed": False}, " ",
    {"type": "bank_card", "text": "4111 1111 1111 1111"}, " ", {"type": "cashtag", "text": "$USD"},
]


def test_text_pieces_of_every_entity_type_join_and_hidden_targets_are_kept(tmp_path):
    m = _one(tmp_path, text=ENTITIES)
    assert m.text == "".join(p if isinstance(p, str) else p["text"] for p in ENTITIES)
    assert "her@example.org" in m.text and "4111 1111 1111 1111" in m.text and "secret" in m.text
    assert m.recorded["links"] == [{"text": "map", "href": "https://maps.example/her-house"}]
    assert m.recorded["mentions"] == [{"text": "Leila", "user_id": 4242}]


def test_text_entities_alone_are_read_when_text_is_missing(tmp_path):
    msg = ex.tdesktop_message(5, T0, **{"from": "Harasser", "from_id": "user777"}, text=["a ", {"type": "bold",
                              "text": "b"}])
    del msg["text"]
    with importers.parse("telegram", _write(tmp_path / "tg", _chat([msg]))) as p:
        assert p.messages[0].text == "a b"


@pytest.mark.parametrize(("from_id", "numeric"), [("user777", "777"), ("channel1357924680", "channel1357924680"),
                                                  ("chat555001", "chat555001"), (777, "777")])
def test_author_ids_keep_their_kind(tmp_path, from_id, numeric):
    assert _one(tmp_path, from_id=from_id, text="x").author.numeric_id == numeric


def test_a_deleted_account_has_no_name_but_keeps_its_id(tmp_path):
    m = _one(tmp_path, **{"from": None}, text="still here")
    assert (m.author.display_name, m.author.numeric_id, m.text) == ("", "777", "still here")


def test_channel_post_signature_forward_saved_from_via_bot_and_reply_elsewhere(tmp_path):
    edited = ex.tdesktop_stamp(T0 + timedelta(minutes=3), "edited")
    m = _one(tmp_path, **{"from": "Hate channel", "from_id": "channel1357924680", "author": "Admin Samir",
                          "forwarded_from": None, "forwarded_from_id": "user888", "saved_from": "Other chat",
                          "reply_to_message_id": 41, "reply_to_peer_id": "channel99", "via_bot": "@gif",
                          **edited}, text="repost")
    assert m.recorded["author"] == "Admin Samir" and m.recorded["saved_from"] == "Other chat"
    assert m.recorded["via_bot"] == "@gif" and m.recorded["reply_to_peer_id"] == "channel99"
    assert (m.reply_to, m.forwarded_from, m.forwarded_from_id) == ("channel99:41", "", "888")
    assert "forwarded" in m.kinds and m.edited == "2023-07-04T10:33:15+03:00"


@pytest.mark.parametrize(("fields", "kind", "present"), [
    ({"photo": "photos/photo_1@04-07-2023_10-30-15.jpg", "width": 1280, "height": 960}, "photo", True),
    ({"photo": NOT_INCLUDED}, "photo", False),
    ({"file": "video_files/v.mp4", "thumbnail": "video_files/v.mp4_thumb.jpg", "media_type": "video_file",
      "mime_type": "video/mp4", "duration_seconds": 12, "width": 640, "height": 360}, "video", True),
    ({"file": TOO_BIG, "media_type": "video_file", "mime_type": "video/mp4"}, "video", False),
    ({"file": "voice_messages/audio_1@04-07-2023_10-30-15.ogg", "media_type": "voice_message",
      "mime_type": "audio/ogg", "duration_seconds": 4}, "voice", True),
    ({"file": "files/song.mp3", "media_type": "audio_file", "performer": "P", "title": "T",
      "mime_type": "audio/mpeg"}, "voice", True),
    ({"file": "video_files/a.gif.mp4", "media_type": "animation", "mime_type": "video/mp4"}, "video", True),
    ({"file": "stickers/sticker.webp", "media_type": "sticker", "sticker_emoji": "😈"}, "photo", True),
    ({"file": "round_video_messages/r.mp4", "media_type": "video_message", "mime_type": "video/mp4"}, "video", True),
    ({"file": "files/leak.pdf", "mime_type": "application/pdf", "file_name": "leak.pdf"}, "file", True),
    ({"file": UNAVAILABLE, "mime_type": "application/pdf"}, "file", False),
])
def test_media_kinds_and_files_left_out(tmp_path, fields, kind, present):
    m = _one(tmp_path, **fields, text="caption")
    assert (m.kind, m.text, len(m.attachments)) == (kind, "caption", 1)
    assert (m.attachments[0].kind, m.attachments[0].present) == (kind, present)
    assert m.attachments[0].name == (fields.get("file") or fields.get("photo") if present else "")
    for key in ("media_type", "mime_type", "duration_seconds", "thumbnail", "sticker_emoji", "file_name"):
        if key in fields:
            assert m.recorded[key] == fields[key]


def test_self_destructing_photo_live_location_without_a_point_and_a_venue(tmp_path):
    m = _one(tmp_path, photo=NOT_INCLUDED, self_destruct_period_seconds=10)
    assert m.recorded["self_destruct_period_seconds"] == 10 and not m.attachments[0].present
    live = _one(tmp_path / "b", location_information=None, live_location_period_seconds=900)
    assert live.kind == "location" and live.text.startswith("Live location shared for 15 min")
    venue = _one(tmp_path / "c", place_name="Citadel", address="Aleppo",
                 location_information={"latitude": 36.199, "longitude": 37.1627})
    assert venue.text == "Location shared: 36.199000, 37.162700 (Citadel, Aleppo)"


def test_contact_poll_game_and_invoice_in_words(tmp_path):
    contact = _one(tmp_path, contact_information={"first_name": "Rana", "last_name": "", "phone_number": "+49 1"},
                   contact_vcard=NOT_INCLUDED)
    assert contact.kind == "contact" and contact.text == "Contact shared: Rana, +49 1"
    assert not contact.attachments[0].present
    poll = _one(tmp_path / "b", poll={"question": "Where does she live?", "closed": False, "total_voters": 3,
                                      "answers": [{"text": "Berlin", "voters": 2, "chosen": False},
                                                  {"text": "Paris", "voters": 1, "chosen": True}]})
    assert poll.text == "Where does she live?\n- Berlin (2)\n- Paris (1)"
    assert poll.recorded["poll"] == {"closed": False, "total_voters": 3}
    game = _one(tmp_path / "c", game_title="Hunt", game_description="find her", game_link="https://t.me/bot?game=h")
    assert game.text == "Hunt\nfind her\nhttps://t.me/bot?game=h"
    invoice = _one(tmp_path / "d", invoice_information={"title": "Dox pack", "description": "her data",
                                                        "amount": 500, "currency": "USD"})
    assert invoice.text == "Dox pack\nher data\n500 USD"


def test_reactions_and_inline_buttons_are_recorded(tmp_path):
    # As SerializeMessage writes buttons: a callback's data base64url-encoded in dataBase64 (its
    # "data" empty), a login button's forward_text, a button_id when the bot set one.
    m = _one(tmp_path, text="vote", inline_bot_buttons=[[{"type": "url", "text": "See her", "data": "https://x.example/"},
                                                         {"type": "callback", "text": "Like", "dataBase64": "AQ",
                                                          "data": ""}],
                                                        [{"type": "auth", "text": "Log in", "data": "https://l.example/",
                                                          "forward_text": "Join us", "button_id": 7}]],
             reactions=[{"type": "emoji", "count": 2, "emoji": "👍",
                         "recent": [{"from": "Troll", "from_id": "user888", "date": "2023-07-04T10:31:00"}]},
                        {"type": "paid", "count": 1}])
    assert m.recorded["buttons"] == [{"type": "url", "text": "See her", "data": "https://x.example/"},
                                     {"type": "callback", "text": "Like", "dataBase64": "AQ"},
                                     {"type": "auth", "text": "Log in", "data": "https://l.example/",
                                      "forward_text": "Join us", "button_id": 7}]
    assert m.recorded["reactions"][0] == {"type": "emoji", "count": 2, "emoji": "👍", "recent": [
        {"from": "Troll", "from_id": "user888", "date": "2023-07-04T10:31:00"}]}
    assert m.recorded["reactions"][1] == {"type": "paid", "count": 1}


def _service(ident, **fields) -> dict:
    m = {"id": ident, "type": "service", **ex.tdesktop_stamp(T0 + timedelta(minutes=ident))}
    m.update(fields)
    m.setdefault("text", "")
    m["text_entities"] = []
    return m


def test_service_messages_in_words(tmp_path):
    actor = {"actor": "Admin", "actor_id": "user1001"}
    msgs = [
        _service(1, **actor, action="create_group", title="Campaign", members=["Admin", "Troll", None]),
        _service(2, **actor, action="invite_members", members=["Troll Two"]),
        _service(3, **actor, action="remove_members", members=["Leila"]),
        _service(4, **actor, action="pin_message", message_id=2),
        _service(5, **actor, action="edit_group_title", title="New name"),
        _service(6, **actor, action="phone_call", duration_seconds=95, discard_reason="hangup"),
        _service(7, **actor, information_text="Admin joined via invite link"),
        _service(8, action="send_payment", amount=500, currency="USD", invoice_message_id=4),
        _service(9, **actor, action="join_group_by_link", inviter="Troll"),
    ]
    with importers.parse("telegram", _write(tmp_path / "tg", _chat(msgs))) as p:
        m = {x.id.rpartition(":")[2]: x for x in p.messages}
    assert all(x.kind == "service" for x in m.values())
    assert m["1"].text == "create_group: Campaign, Admin, Troll, deleted account"
    assert m["1"].recorded["members"] == ["Admin", "Troll", "deleted account"]
    assert (m["2"].text, m["3"].text) == ("invite_members: Troll Two", "remove_members: Leila")
    assert m["4"].text == "pin_message: message 2" and m["4"].recorded["refers_to_message"] == 2
    assert m["4"].reply_to == ""  # a pin points at a message; it does not reply to it
    assert m["5"].text == "edit_group_title: New name"
    assert m["6"].text == "phone_call: 1:35, hangup"
    assert m["7"].text == "Admin joined via invite link"
    assert m["8"].text == "send_payment: message 4" and m["8"].author.numeric_id == ""
    assert m["9"].text == "join_group_by_link: Troll"
    assert m["2"].author.numeric_id == "1001" and m["2"].recorded["action"] == "invite_members"


def test_unsupported_messages_are_counted_not_fatal(tmp_path):
    msgs = [ex.tdesktop_message(1, T0, **{"from": "A", "from_id": "user1"}, text="a"),
            {"id": 2, "type": "unsupported"}]
    with importers.parse("telegram", _write(tmp_path / "tg", _chat(msgs))) as p:
        assert [m.id for m in p.messages] == ["1234567890:1"]
        assert any("1 messages could not be read" in n for n in p.notes)


def test_control_characters_escaped_the_telegram_way_are_read(tmp_path):
    m = _one(tmp_path, text="line\x0bbreak \\x41 stays")
    assert (tmp_path / "tg" / "result.json").read_bytes().count(b"\\x0B") == 2  # text and text_entities
    assert m.text == "line\x0bbreak \\x41 stays"


def test_the_instant_comes_from_date_unixtime_and_the_zone_from_the_difference(tmp_path):
    summer = ex.tdesktop_message(1, datetime(2023, 7, 4, 10, 30, 15), offset=timedelta(hours=2), text="s")
    winter = ex.tdesktop_message(2, datetime(2023, 1, 4, 10, 30, 15), offset=timedelta(hours=1), text="w")
    tehran = ex.tdesktop_message(3, datetime(2023, 1, 4, 10, 30, 15), offset=timedelta(hours=3, minutes=30), text="t")
    drift = ex.tdesktop_message(4, datetime(2023, 1, 4, 10, 30, 15), offset=timedelta(hours=1), text="d")
    drift["date"] = "2023-01-04T10:30:17"  # two seconds off: the server's instant wins
    old = {"id": 5, "type": "message", "date": "2019-06-04T00:01:59", "from": "A", "from_id": 1, "text": "old"}
    with importers.parse("telegram", _write(tmp_path / "tg", _chat([summer, winter, tehran, drift, old]))) as p:
        when = [m.when for m in p.messages]
        assert when == ["2023-07-04T10:30:15+02:00", "2023-01-04T10:30:15+01:00", "2023-01-04T10:30:15+03:30",
                        "2023-01-04T10:30:15+01:00", "2019-06-04T00:01:59"]
        assert p.timezone == "UTC+01:00, UTC+02:00, UTC+03:30"


@pytest.mark.parametrize(("change", "where", "what"), [
    (lambda m: m.update(date_unixtime="soon"), "message 5", "'date_unixtime'"),
    (lambda m: m.update(date_unixtime="1"), "message 5", "more than 14 hours apart"),
    (lambda m: m.update(edited="yesterday"), "message 5", "'edited'"),
    (lambda m: m.update(text=[{"type": "bold", "text": 5}]), "message 5, text", "neither text nor a text object"),
    (lambda m: m.update(contact_information={"first_name": 7}), "contact_information.first_name", "neither"),
    (lambda m: m.update(poll={"question": 7}), "poll.question", "neither text nor a list"),
])
def test_malformed_fields_are_named(tmp_path, change, where, what):
    msg = ex.tdesktop_message(5, T0, **{"from": "Harasser", "from_id": "user777"}, text="x")
    change(msg)
    with pytest.raises(MalformedExport) as err:
        importers.parse("telegram", _write(tmp_path / "tg", _chat([msg])))
    assert where in str(err.value) and what in str(err.value), str(err.value)


def test_hostile_sizes_stay_bounded(tmp_path):
    many = [{"type": "text_link", "text": "x", "href": f"https://e.example/{i}"} for i in range(5000)]
    m = _one(tmp_path, text=many, reactions=[{"type": "emoji", "count": 1, "emoji": "x"}] * 5000,
             inline_bot_buttons=[[{"type": "url", "text": "b", "data": "https://e.example/"}] * 50] * 50)
    assert len(m.recorded["links"]) == len(m.recorded["reactions"]) == len(m.recorded["buttons"]) == 200
    assert len(json.dumps(m.recorded)) < 100_000


def test_huge_reaction_strings_are_cut_as_button_strings_are(tmp_path):
    # A forged export once kept every reaction's emoji and reactor's name whole: 200 reactions of
    # 100,000 characters each made 20 MB of metadata for one message.
    big = "\u2764" * 100_000
    m = _one(tmp_path, text="x", reactions=[{"type": "emoji", "count": 1, "emoji": big, "recent": [
        {"from": big, "from_id": "user1", "date": big}]}] * 200)
    assert len(m.recorded["reactions"]) == 200
    assert {len(r["emoji"]) for r in m.recorded["reactions"]} == {2048}
    assert m.recorded["reactions"][0]["recent"][0] == {"from": big[:2048], "from_id": "user1", "date": big[:2048]}
    assert len(json.dumps(m.recorded, ensure_ascii=False)) < 3 * 200 * 2048 + 100_000


def test_an_entity_without_its_text_is_read_as_empty_text_and_its_target_kept(tmp_path):
    # found by the fuzzer: a text_link object with an href and no "text" crashed the import
    m = _one(tmp_path, text=["see ", {"type": "text_link", "href": "https://e.example/x"}, {"type": "mention_name",
                                                                                        "user_id": 42}])
    assert m.text == "see "
    assert m.recorded["links"] == [{"text": "", "href": "https://e.example/x"}]
