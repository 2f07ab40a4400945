"""Telegram Desktop exports, written the way it writes them (JSON for one chat and for the
whole account, HTML over several pages), imported and exported as a lawyer's dossier: the
PDF cites the same link, message id, author id and time (with its offset) as the export."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from pypdf import PdfReader

from app.core import importers
from app.core.export import dossier
from app.core.export.content import ExportOptions
from app.core.importers import commit, filters
from app.core.importers.commit import ImportTarget
from tests.core.importers import exports as ex

OFFSET = timedelta(hours=3)


def _stamp(local: datetime) -> dict:
    return {"date": local.isoformat(), "date_unixtime": str(int((local - OFFSET).replace(tzinfo=UTC).timestamp()))}


def _message(ident: int, local: datetime, **fields) -> dict:
    """A message as Telegram Desktop 4.x writes it: id, type, date, date_unixtime, then the rest."""
    m = {"id": ident, "type": "message", **_stamp(local)}
    m.update(fields)
    text = m.setdefault("text", "")
    pieces = text if isinstance(text, list) else [text] if text else []
    m["text_entities"] = [p if isinstance(p, dict) else {"type": "plain", "text": p} for p in pieces]
    return m


T0 = datetime(2023, 7, 4, 10, 30, 15)


def _chat(chat_type: str, chat_id: int, name: str) -> dict:
    edited = _stamp(T0 + timedelta(minutes=9))
    return {"name": name, "type": chat_type, "id": chat_id, "messages": [
        {"id": 1, "type": "service", **_stamp(T0), "actor": "Admin", "actor_id": "user1001",
         "action": "create_channel" if "channel" in chat_type else "create_group", "title": name, "text": "",
         "text_entities": []},
        _message(2, T0 + timedelta(minutes=2), **{"from": "Harasser", "from_id": "user777"},
                 text=["We know ", {"type": "bold", "text": "where"}, " you live ",
                       {"type": "text_link", "text": "map", "href": "https://example.org/x"}]),
        _message(3, T0 + timedelta(minutes=3), **{"from": "Harasser", "from_id": "user777",
                 "forwarded_from": "Hate channel", "forwarded_from_id": "channel1357924680"}, text="repost"),
        _message(4, T0 + timedelta(minutes=4), **{"from": "Troll Two", "from_id": "user888", "reply_to_message_id": 2,
                 "edited": edited["date"], "edited_unixtime": edited["date_unixtime"]}, text="we are watching"),
    ]}


def _pages(built) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(built.pdf)).pages)


def _import_and_export(vault, path, **options):
    with importers.parse("telegram", path, **options) as preview:
        result = commit.import_messages(vault, preview, filters.select(preview), ImportTarget(split="per-thread"))
    built = dossier.build(vault, ExportOptions("lawyer", result.incident_ids, json=True))
    embedded = json.loads(PdfReader(io.BytesIO(built.pdf)).attachments["dossier.json"][0])
    return result, _pages(built), json.dumps(embedded, ensure_ascii=False)


def _cited(pages: str, content: str, *needles: str) -> None:
    for needle in needles:
        assert needle in pages, needle
        assert needle in content, needle


@pytest.mark.parametrize("chat_type, chat_id, username, link", [
    ("public_channel", 1357924680, "northern_truth", "https://t.me/northern_truth/"),
    ("private_supergroup", -1001234567890, "", "https://t.me/c/1234567890/"),
    ("private_channel", 1234567890, "", "https://t.me/c/1234567890/"),
])
def test_single_chat_json_is_cited_as_exported(vault, tmp_path, chat_type, chat_id, username, link):
    (tmp_path / "result.json").write_text(json.dumps(_chat(chat_type, chat_id, "Campaign"), ensure_ascii=False,
                                                     indent=1), encoding="utf-8")
    _result, pages, content = _import_and_export(vault, tmp_path, username=username)
    _cited(pages, content, f"{link}2", f"{link}4", "Telegram message 2", "Harasser (id 777)",
           "2023-07-04T10:32:15+03:00", "Troll Two (id 888)", "reply to message 2", "edited 2023-07-04T10:39:15+03:00",
           "forwarded from Hate channel (id channel1357924680)")
    assert "We know where you live map" in content  # entity objects joined to the text
    actors = {a.numeric_id: a for a in vault.journal.actors.list()}
    assert set(actors) == {"777", "888", "channel1357924680"}  # the service message's actor is not an author
    assert actors["channel1357924680"].display_name == "Hate channel"
    assert actors["channel1357924680"].first_seen == actors["channel1357924680"].last_seen == "2023-07-04"


def test_full_account_json_reads_every_chat_and_deduplicates_forwarded_accounts(vault, tmp_path):
    chats = [_chat("public_channel", 1357924680, "Hate channel"), _chat("private_supergroup", 1234567890, "Group"),
             _chat("personal_chat", 777, "Harasser")]
    later = _message(9, datetime(2023, 8, 1, 9, 0, 0), **{"from": "Someone", "from_id": "user999",
                     "forwarded_from": "Hate channel", "forwarded_from_id": "channel1357924680"}, text="again")
    chats[1]["messages"].append(later)
    doc = {"about": "Here is the data you requested.", "personal_information": {"user_id": 4242},
           "chats": {"about": "This page lists all chats from this export.", "list": chats},
           "left_chats": {"about": "", "list": []}}
    (tmp_path / "result.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    result, pages, content = _import_and_export(vault, tmp_path)
    assert len(result.incident_ids) == 3
    # Without a username a full-account export links channels and supergroups by their id;
    # personal chats have no message links.
    _cited(pages, content, "https://t.me/c/1357924680/3", "https://t.me/c/1234567890/9",
           "2023-08-01T09:00:00+03:00", "forwarded from Hate channel (id channel1357924680)")
    assert "t.me/c/777" not in content
    hate = [a for a in vault.journal.actors.list() if a.numeric_id == "channel1357924680"]
    assert len(hate) == 1 and (hate[0].first_seen, hate[0].last_seen) == ("2023-07-04", "2023-08-01")


def _html_page(chat: str, messages: str) -> str:
    return ex.tdesktop_html_page(chat, ex.tdesktop_html_message(1, None, "4 July 2023") + messages)


def test_html_pages_with_joined_forwarded_and_reply_blocks(vault, tmp_path):
    t = T0
    first = "".join([
        ex.tdesktop_html_message(2, t + timedelta(minutes=2), '   <div class="text">\nWe know <strong>where</strong> you live\n'
                      '   </div>', author="Harasser"),
        ex.tdesktop_html_message(3, t + timedelta(minutes=3), '   <div class="text">\nand your car\n   </div>', author=None),
    ])
    second = "".join([
        ex.tdesktop_html_message(4, t + timedelta(minutes=4), '''   <div class="forwarded body">
    <div class="from_name">
Hate channel<span class="date details" title="03.07.2023 21:00:00 UTC+03:00"> 03.07.2023 21:00:00</span>
    </div>
    <div class="text">
reposted lie
    </div>
   </div>''', author="Troll Two"),
        ex.tdesktop_html_message(5, t + timedelta(minutes=5), '''   <div class="reply_to details">
In reply to <a href="#go_to_message2" onclick="return GoToMessage(2)">this message</a>
   </div>
   <div class="text">
we are watching
   </div>''', author="Troll Two", buttons=[[{"type": "url", "text": "Her address", "data": "https://dox.example/l"}]],
                                 reactions=[{"type": "emoji", "count": 12, "emoji": "😂", "recent": ["Troll Two"]}]),
    ])
    (tmp_path / "messages.html").write_text(_html_page("Campaign", first), encoding="utf-8")
    (tmp_path / "messages2.html").write_text(_html_page("Campaign", second), encoding="utf-8")
    result, pages, content = _import_and_export(vault, tmp_path, username="northern_truth")
    _cited(pages, content, "https://t.me/northern_truth/3", "Telegram message 3", "from Harasser",
           "2023-07-04T10:33:15+03:00", "forwarded from Hate channel", "reply to message 2",
           "https://t.me/northern_truth/5")
    facts = {ev.metadata["import"]["message_id"]: ev.metadata["import"]
             for ev in vault.journal.evidence.of_incident(result.incident_ids[0]) if "message_id" in ev.metadata["import"]}
    assert facts["3"]["author"]["display_name"] == "Harasser"  # joined: the author of the message before
    # Kept in the journal as the JSON import keeps them; like every recorded fact, not in the dossier.
    assert facts["5"]["recorded"]["buttons"] == [{"type": "url", "text": "Her address", "data": "https://dox.example/l"}]
    assert facts["5"]["recorded"]["reactions"] == [{"type": "emoji", "count": 12, "emoji": "😂",
                                                    "recent": [{"from": "Troll Two"}]}]
    assert "dox.example" not in content and "dox.example" not in pages
    assert "We know where you live" in content and "reposted lie" in content
    assert {a.display_name for a in vault.journal.actors.list()} == {"Harasser", "Troll Two", "Hate channel"}


def test_a_tdesktop_chat_of_every_kind_keeps_its_facts_in_the_journal_and_the_dossier(vault, tmp_path):
    from tests.core.importers import exports as ex
    folder = ex.tdesktop_rich_json(tmp_path / "tg")
    result, pages, content = _import_and_export(vault, folder)
    _cited(pages, content, "https://t.me/c/1234567890/5", "2023-07-04T10:30:15+03:00",
           "Hate channel (id channel1357924680)", "forwarded from Other (id channel99)", "reply to message 2")
    facts = {ev.metadata["import"]["message_id"]: ev for ev in vault.journal.evidence.of_incident(result.incident_ids[0])
             if "message_id" in ev.metadata["import"]}  # the export file itself is evidence too
    recorded = {k: ev.metadata["import"].get("recorded", {}) for k, ev in facts.items()}
    assert recorded["1234567890:2"]["links"] == [{"text": "this", "href": "https://e.example"}]
    assert recorded["1234567890:5"]["buttons"][0]["data"] == "https://e.example"
    assert recorded["1234567890:5"]["author"] == "Samir"
    assert recorded["1234567890:4"]["media_type"] == "voice_message"
    photo = facts["1234567890:3"]
    assert photo.kind == "image"
    assert "1234567890:8" not in facts  # the unsupported message
