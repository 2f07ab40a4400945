"""Hostile exports: whatever an attacker puts in a "chat export" she is sent, the importer
refuses it with a plain message or bounds it, reads nothing outside the export, and leaves
the journal as it was."""

from __future__ import annotations

import contextlib
import json
import os
import zipfile
from datetime import datetime

import pytest

from app.core import importers
from app.core.errors import FileRejected, MalformedExport, SijilError
from app.core.importers import commit, filters, sources, telegram_html
from app.core.importers.commit import ImportTarget
from tests.core.importers import exports as ex
from tests.core.importers.test_import import state

START = datetime(2023, 7, 4, 10, 0)


def write_result(folder, doc) -> object:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "result.json").write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return folder


@pytest.mark.parametrize("doc", [
    "[" * 200_000,
    '{"messages": ' + "[" * 200_000,
    '{"name": "x", "type": "personal_chat", "id": 1, "messages": [{"id": 1, "date": "2023-07-04T10:00:00", '
    '"text": ' + "[" * 100_000 + "]" * 100_000 + "}]}",
], ids=["array", "messages", "text"])
def test_deeply_nested_json_is_refused(tmp_path, doc):
    with pytest.raises(MalformedExport):
        importers.parse("telegram", write_result(tmp_path / "tg", doc))


@pytest.mark.parametrize(("field", "value", "named"), [
    ("text", "x" * (sources.MAX_FIELD_CHARS + 1), "text"),
    ("date", "9999-01-01T00:00:00", "date"),
    ("date", "0001-01-01T00:00:00", "date"),
    ("date_unixtime", "99999999999999999999", "date_unixtime"),
    ("date_unixtime", "1", "date_unixtime"),     # 1970: hours away from `date`
    ("id", "twelve", "id"),
    ("id", True, "id"),
    ("from", {"a": 1}, "from"),
    ("text", [{"type": "bold", "text": ["x"]}], "text"),
])
def test_bad_fields_name_the_message_and_field(tmp_path, field, value, named):
    m = ex.telegram_message(2, START)
    m[field] = value
    with pytest.raises(MalformedExport) as err:
        importers.parse("telegram", ex.telegram_export(tmp_path / "tg", [m]))
    assert named in err.value.message and ("message" in err.value.message)


def test_media_paths_outside_the_export_are_not_read(vault, tmp_path):
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(ex.photo_bytes(99))
    folder = tmp_path / "export"
    msgs = [ex.telegram_message(2, START, photo="../secret.jpg"),
            ex.telegram_message(3, START, photo=str(secret)),
            ex.telegram_message(4, START, photo="photos/link.jpg")]
    ex.telegram_export(folder, msgs)
    (folder / "photos").mkdir()
    os.symlink(secret, folder / "photos" / "link.jpg")
    os.symlink(tmp_path, folder / "up")
    with importers.parse("telegram", folder) as p:
        result = commit.import_messages(vault, p, filters.select(p), ImportTarget())
    kinds = {vault.journal.evidence.get(i).kind for i in result.evidence_ids}
    assert kinds == {"text"}  # each message kept as text, its "photo" refused
    assert all(vault.journal.evidence.get(i).sha256 != sources.sha256(secret.read_bytes())
               for i in result.evidence_ids)
    assert sources.FolderReader(folder).names() == ["result.json"]  # links not listed, not followed


def test_a_linked_result_json_is_refused(tmp_path):
    real = ex.telegram_sample(tmp_path / "real")
    (tmp_path / "fake").mkdir()
    os.symlink(real / "result.json", tmp_path / "fake" / "result.json")
    with pytest.raises(FileRejected):
        importers.parse("telegram", tmp_path / "fake")


def _zip(path, members: dict[str, bytes], symlinks: dict[str, str] | None = None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
        for name, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (0o120777 << 16)
            z.writestr(info, target)
    return path


def test_zip_bomb_chat_is_refused(tmp_path):
    path = _zip(tmp_path / "bomb.zip", {"_chat.txt": b"\n" * (40 << 20)})
    with pytest.raises(FileRejected, match="zip bomb"):
        importers.parse("whatsapp", path)


def test_zip_bomb_media_is_not_read_and_the_import_goes_on(vault, tmp_path):
    chat = ex.wa_text(ex.LOCALES[1], [ex.WaLine(START, "A", "IMG-1.jpg (file attached)")]).encode()
    path = _zip(tmp_path / "c.zip", {"chat.txt": chat, "IMG-1.jpg": b"\0" * (40 << 20)})
    with importers.parse("whatsapp", path) as p:
        result = commit.import_messages(vault, p, filters.select(p), ImportTarget())
    ev = vault.journal.evidence.get(result.evidence_ids[0])
    assert ev.kind == "text" and ev.metadata["import"]["missing_attachments"] == ["IMG-1.jpg"]


def test_zip_total_budget_bounds_many_small_members(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_ZIP_TOTAL_BYTES", 1000)
    path = _zip(tmp_path / "c.zip", {"chat.txt": b"x" * 600, "b.jpg": b"y" * 600})
    reader = sources.ZipReader(path)
    reader.read("chat.txt")
    with pytest.raises(FileRejected):
        reader.read("b.jpg")
    reader.close()


def test_zip_members_reaching_outside_and_links_are_ignored(tmp_path):
    chat = ex.wa_text(ex.LOCALES[1], [ex.WaLine(START, "A", "evil.jpg (file attached)")]).encode()
    path = _zip(tmp_path / "c.zip", {"chat.txt": chat, "../evil.jpg": b"x", "/abs.jpg": b"y"},
                symlinks={"evil.jpg": "/etc/passwd"})
    reader = sources.ZipReader(path)
    assert reader.names() == ["chat.txt"]
    assert not reader.exists("evil.jpg") and not reader.exists("../evil.jpg")
    reader.close()
    with importers.parse("whatsapp", path) as p:
        assert p.messages[0].attachments[0].present is False
    assert not (tmp_path / "evil.jpg").exists()


def test_a_damaged_zip_is_malformed(tmp_path):
    (tmp_path / "c.zip").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(MalformedExport):
        importers.parse("whatsapp", tmp_path / "c.zip")


@pytest.mark.parametrize("lines", [200_001])
def test_a_message_with_absurdly_many_lines_is_refused(tmp_path, lines):
    (tmp_path / "chat.txt").write_text("04/07/2023, 10:30 - A: x\n" + "y\n" * lines, encoding="utf-8")
    with pytest.raises(MalformedExport, match="line 1"):
        importers.parse("whatsapp", tmp_path / "chat.txt")


def test_malformed_input_leaves_the_journal_unchanged(vault, tmp_path):
    before = state(vault)
    bad = ex.telegram_message(2, START)
    bad["date"] = "yesterday"
    for parse in (lambda: importers.parse("telegram", ex.telegram_export(tmp_path / "a", [bad])),
                  lambda: importers.parse("whatsapp", _zip(tmp_path / "b.zip", {"x.txt": b"hello"})),
                  lambda: importers.parse("meta", write_result(tmp_path / "m", "{}").parent)):
        with pytest.raises(SijilError):
            parse()
    assert state(vault) == before


def test_fifo_in_place_of_the_export_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "chat.txt")
    with pytest.raises(FileRejected):
        importers.parse("whatsapp", tmp_path / "chat.txt")


# Web archives, X archives, Meta downloads, folders ------------------------------------------------

def test_a_gzip_bomb_inside_a_warc_is_refused(tmp_path):
    import gzip

    from tests.core.importers import web_exports as wx
    page = wx.http_response("200 OK", [("Content-Type", "text/html")], b"<title>x</title>" + b" " * (80 << 20))
    record = wx.record("response", "https://x.example/", "2023-07-04T07:30:15Z", page,
                       content_type="application/http; msgtype=response")
    (tmp_path / "bomb.warc.gz").write_bytes(gzip.compress(record, compresslevel=9))
    assert (tmp_path / "bomb.warc.gz").stat().st_size < 200_000
    with pytest.raises(FileRejected, match="zip bomb"):
        importers.parse("web", tmp_path / "bomb.warc.gz")


def test_a_page_larger_than_the_cap_is_refused(tmp_path, monkeypatch):
    from app.core.importers import web
    from tests.core.importers import web_exports as wx
    monkeypatch.setattr(web, "MAX_MEMBER_BYTES", 1000)
    page = b"<title>x</title>" + b"x" * 2000
    body = wx.http_response("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                            __import__("gzip").compress(page))
    (tmp_path / "c.warc").write_bytes(wx.record("response", "https://x.example/", "2023-07-04T07:30:15Z", body,
                                                content_type="application/http; msgtype=response"))
    with pytest.raises(FileRejected, match="larger than"):
        importers.parse("web", tmp_path / "c.warc")


def test_wacz_bomb_and_members_reaching_outside_are_not_read(tmp_path):
    from tests.core.importers import web_exports as wx
    bomb = _zip(tmp_path / "bomb.wacz", {"archive/data.warc.gz": b"\0" * (40 << 20)})
    with pytest.raises(FileRejected, match="zip bomb"):
        importers.parse("web", bomb)
    warc = wx.browsertrix_warc(shot_kinds=())
    path = _zip(tmp_path / "c.wacz", {"archive/data.warc.gz": warc, "../archive/evil.warc.gz": warc},
                symlinks={"archive/link.warc.gz": "/etc/passwd"})
    with importers.parse("web", path) as p:
        assert [m.recorded["wacz_member"] for m in p.messages] == ["archive/data.warc.gz"]


@pytest.mark.parametrize("where", ["datapackage.json", "pages/pages.jsonl", "pageinfo"])
def test_deep_json_in_a_wacz_is_refused_or_ignored(tmp_path, where):
    from tests.core.importers import web_exports as wx
    deep = "[" * 100_000
    if where == "pageinfo":
        raw = wx.record("resource", "urn:pageinfo:https://x.example/p/1", "2023-07-04T07:30:15Z", deep.encode(),
                        content_type="application/json")
        with importers.parse("web", wx.wacz(tmp_path / "c.wacz", wx.browsertrix_warc() + wx.gz_members([raw]))) as p:
            assert len(p.messages) == 1
        return
    path = wx.wacz(tmp_path / "c.wacz", wx.browsertrix_warc())
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members[where] = (b'{"format": "json-pages-1.0"}\n' if where.endswith("jsonl") else b"") + deep.encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, d in members.items():
            z.writestr(n, d)
    with pytest.raises(MalformedExport):
        importers.parse("web", path)


def test_deeply_nested_mhtml_is_refused_in_words(tmp_path):
    parts = "".join(f'Content-Type: multipart/related; boundary="b{i}"\r\n\r\n--b{i}\r\n' for i in range(5000))
    (tmp_path / "p.mhtml").write_text("Snapshot-Content-Location: https://x.example/\r\n" + parts)
    with pytest.raises(SijilError):
        importers.parse("web", tmp_path / "p.mhtml")


def test_x_archive_deep_json_huge_text_and_linked_media(tmp_path):
    from tests.core.importers import x_exports as xx
    (tmp_path / "a" / "data").mkdir(parents=True)
    (tmp_path / "a" / "data" / "tweets.js").write_text("window.YTD.tweets.part0 = " + "[" * 100_000)
    with pytest.raises(MalformedExport, match="nested"):
        importers.parse("x", tmp_path / "a")
    huge = xx.tweet(xx.T0, "x" * (sources.MAX_FIELD_CHARS + 1))
    (tmp_path / "a" / "data" / "tweets.js").write_bytes(xx.js("tweets", [{"tweet": huge}]))
    with pytest.raises(MalformedExport, match="full_text"):
        importers.parse("x", tmp_path / "a")
    root = xx.x_archive(tmp_path / "b")
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(ex.photo_bytes(77))
    media = root / "data" / "tweets_media"
    photo = next(media.glob("*.jpg"))
    photo.unlink()
    photo.symlink_to(secret)
    with importers.parse("x", root) as p:
        look = next(m for m in p.messages if m.text.startswith("Look"))
        assert [a.present for a in look.attachments] == [False]  # the link is not the post's photo
        assert not p.reader.exists(f"data/tweets_media/{photo.name}")


def test_x_archive_zip_bomb_is_refused(tmp_path):
    path = _zip(tmp_path / "twitter.zip", {"data/tweets.js": b"window.YTD.tweets.part0 = [" + b" " * (40 << 20) + b"]"})
    with pytest.raises(FileRejected, match="zip bomb"):
        importers.parse("x", path)


def test_meta_uris_reaching_outside_and_linked_media_are_not_read(vault, tmp_path):
    from tests.core.importers import meta_exports as mx
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(ex.photo_bytes(78))
    thread = tmp_path / "dl" / "messages" / "inbox" / "t_1"
    (thread / "photos").mkdir(parents=True)
    (thread / "photos" / "link.jpg").symlink_to(secret)
    (thread / "message_1.json").write_bytes(mx._doc("t", ["a"], [
        {"sender_name": "a", "timestamp_ms": mx.T0, "photos": [{"uri": "../../../../secret.jpg"}]},
        {"sender_name": "a", "timestamp_ms": mx.T0 + 1, "photos": [{"uri": str(secret)}]},
        {"sender_name": "a", "timestamp_ms": mx.T0 + 2, "photos": [{"uri": "messages/inbox/t_1/photos/link.jpg"}]},
    ], "inbox/t_1"))
    for path in (thread, tmp_path / "dl"):
        with importers.parse("meta", path) as p:
            result = commit.import_messages(vault, p, filters.select(p), ImportTarget())
        assert {vault.journal.evidence.get(i).kind for i in result.evidence_ids} == {"text"}


def test_meta_deep_json_and_zip_members_outside(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "message_1.json").write_text('{"messages": ' + "[" * 100_000)
    with pytest.raises(MalformedExport, match="nested"):
        importers.parse("meta", tmp_path / "t")
    doc = json.dumps({"participants": [], "messages": [{"sender_name": "a", "timestamp_ms": 1688553015000,
                                                        "content": "hi"}]}).encode()
    path = _zip(tmp_path / "fb.zip", {"../messages/inbox/evil/message_1.json": doc,
                                      "messages/inbox/ok/message_1.json": doc})
    with importers.parse("meta", path) as p:
        assert {m.thread for m in p.messages} == {"ok"}


def test_folder_with_a_linked_subfolder_and_a_fifo_reads_neither(tmp_path):
    from PIL import Image
    root = tmp_path / "shots"
    root.mkdir()
    Image.new("RGB", (8, 8)).save(root / "a.png")
    (tmp_path / "elsewhere").mkdir()
    Image.new("RGB", (8, 8)).save(tmp_path / "elsewhere" / "b.png")
    (root / "sub").symlink_to(tmp_path / "elsewhere")
    os.mkfifo(root / "pipe.png")
    with importers.parse("folder", root) as p:
        assert [m.id for m in p.messages] == ["a.png"]


def test_a_record_with_a_wrong_length_puts_no_page_content_on_stderr(tmp_path, capsys):
    from tests.core.importers import web_exports as wx
    page = wx.http_response("200 OK", [("Content-Type", "text/html")], b"<title>t</title>She lives at 12 Rue X")
    good = wx.record("response", "https://x.example/", "2023-07-04T07:30:15Z", page,
                     content_type="application/http; msgtype=response")
    short = good.replace(f"Content-Length: {len(page)}".encode(), f"Content-Length: {len(page) - 12}".encode())
    (tmp_path / "c.warc").write_bytes(short + good)
    with contextlib.suppress(SijilError):
        importers.parse("web", tmp_path / "c.warc").close()
    assert "Rue X" not in capsys.readouterr().err


# Telegram HTML exports -----------------------------------------------------------------------

def _html_export(folder, body: str, pages: int = 1):
    folder.mkdir(parents=True, exist_ok=True)
    row = ex.tdesktop_html_message(2, START, body)
    for n in range(1, pages + 1):
        (folder / ("messages.html" if n == 1 else f"messages{n}.html")).write_text(
            ex.tdesktop_html_page("Campaign", row.replace('id="message2"', f'id="message{n + 1}"')),
            encoding="utf-8")
    return folder


def test_html_media_links_outside_the_export_are_not_read(vault, tmp_path):
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(ex.photo_bytes(98))
    links = "".join(f'<div class="media_wrap clearfix"><a class="photo_wrap clearfix pull_left" href="{href}">'
                    '</a></div>' for href in ("../secret.jpg", str(secret), "photos/link.jpg", "photos/../../secret.jpg"))
    folder = _html_export(tmp_path / "export", links + '<div class="text">look</div>')
    (folder / "photos").mkdir()
    os.symlink(secret, folder / "photos" / "link.jpg")
    with importers.parse("telegram", folder) as p:
        assert len(p.messages[0].attachments) == 4
        result = commit.import_messages(vault, p, filters.select(p), ImportTarget())
    evidence = [vault.journal.evidence.get(i) for i in result.evidence_ids]
    assert {e.kind for e in evidence} == {"text"}
    assert all(e.sha256 != sources.sha256(secret.read_bytes()) for e in evidence)


def test_a_linked_html_page_is_refused(tmp_path):
    folder = _html_export(tmp_path / "export", '<div class="text">x</div>')
    elsewhere = _html_export(tmp_path / "elsewhere", '<div class="text">planted</div>')
    os.symlink(elsewhere / "messages.html", folder / "messages2.html")
    with pytest.raises(FileRejected):
        importers.parse("telegram", folder)


@pytest.mark.parametrize(("body", "what"), [
    ("<div>" * 5000 + "</div>" * 5000, "nested too deeply"),
    ('<div class="text">' + "x" * 30_010 + "</div>", "longer than"),
    ('<div class="text">' + "x<br>" * 20_000 + "</div>", "longer than"),
], ids=["deep", "huge text", "huge text of line breaks"])
def test_hostile_html_is_refused_with_the_page_named(tmp_path, monkeypatch, body, what):
    # A smaller cap for the test's sake (the real one needs 500,000 tags; the count is kept as
    # the text grows, so the cost stays linear).
    monkeypatch.setattr(telegram_html, "MAX_FIELD_CHARS", 30_000)
    with pytest.raises(MalformedExport) as err:
        importers.parse("telegram", _html_export(tmp_path / "export", body))
    assert what in str(err.value) and "messages.html" in str(err.value)


def test_a_service_message_with_a_thousand_members_is_bounded(tmp_path):
    m = {"id": 1, "type": "service", "date": "2023-07-04T10:00:00", "date_unixtime": "1688454000",
         "actor": "Admin", "actor_id": "user1", "action": "invite_members", "members": ["Troll"] * 100_000,
         "text": "", "text_entities": []}
    with importers.parse("telegram", ex.telegram_export(tmp_path / "tg", [m])) as p:
        assert len(p.messages[0].recorded["members"]) == 200


# Meta's HTML download ------------------------------------------------------------------------

def _meta_page(tmp_path, body: str, name: str = "message_1.html"):
    folder = tmp_path / "dl" / "messages" / "inbox" / "t_1"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f'<html><head><title>t</title></head><body><div class="_a706">{body}</div></body>'
                               "</html>", encoding="utf-8")
    return folder


def _meta_box(content: str, when: str = "Jul 04, 2023 10:30:15 am") -> str:
    return (f'<div class="pam _3-95 _2ph- _a6-g uiBoxWhite noborder"><h2 class="_3-95 _2pim _a6-h _a6-i">a</h2>'
            f'<div class="_3-95 _a6-p"><div><div></div><div>{content}</div></div></div>'
            f'<div class="_3-94 _a6-o">{when}</div></div>')


def test_meta_html_links_outside_the_export_and_linked_media_are_not_read(vault, tmp_path):
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(ex.photo_bytes(79))
    links = "".join(f'<div><a href="{h}"><img src="{h}" /></a></div>' for h in (
        "../../../../secret.jpg", str(secret), f"file://{secret}", "messages/inbox/t_1/photos/link.jpg",
        "photos/../../../../../secret.jpg", "//evil.example/x.jpg"))
    folder = _meta_page(tmp_path, _meta_box("look" + links))
    (folder / "photos").mkdir()
    (folder / "photos" / "link.jpg").symlink_to(secret)
    for path in (folder, tmp_path / "dl"):
        with importers.parse("meta", path) as p:
            assert [a.name for m in p.messages for a in m.attachments] == ["messages/inbox/t_1/photos/link.jpg"]
            result = commit.import_messages(vault, p, filters.select(p), ImportTarget())
        evidence = [vault.journal.evidence.get(i) for i in result.evidence_ids]
        assert {e.kind for e in evidence} == {"text"}
        assert all(e.sha256 != sources.sha256(secret.read_bytes()) for e in evidence)


def test_a_linked_meta_html_page_is_refused_or_not_read(tmp_path):
    folder = _meta_page(tmp_path, _meta_box("mine"))
    planted = _meta_page(tmp_path / "elsewhere", _meta_box("planted"))
    os.symlink(planted / "message_1.html", folder / "message_2.html")
    with pytest.raises(FileRejected):
        importers.parse("meta", folder)
    with importers.parse("meta", tmp_path / "dl") as p:  # the download's walk does not follow links
        assert [m.text for m in p.messages] == ["mine"]


@pytest.mark.parametrize(("body", "what"), [
    ("<div>" * 5000 + "</div>" * 5000, "nested too deeply"),
    ("<span>" * 5000, "nested too deeply"),
    (_meta_box("x" * 30_010), "longer than"),
    (_meta_box("x<br>" * 20_000), "longer than"),
    (_meta_box("hi", when="Jul " + "4" * 300 + ", 2023 10:30"), "time"),
], ids=["deep divs", "unclosed spans", "huge text", "huge text of line breaks", "huge time"])
def test_hostile_meta_html_is_refused_with_the_page_named(tmp_path, monkeypatch, body, what):
    from app.core.importers import meta_html_page
    monkeypatch.setattr(meta_html_page, "MAX_FIELD_CHARS", 30_000)  # the real cap needs 1 MB per case
    with pytest.raises(MalformedExport) as err:
        importers.parse("meta", _meta_page(tmp_path, body))
    assert what in str(err.value) and "message_1.html" in str(err.value)


def test_meta_html_floods_are_bounded_and_linear(tmp_path):
    import time
    flood = (_meta_box("".join(f'<img src="photos/{i}.jpg" />' for i in range(5000)))
             + _meta_box("y" + "<div></div>" * 50_000 + "<b>" + "</i>" * 200_000)
             + f'<div class="_a6-g"><ul class="_a6-q">{"<li>😡x</li>" * 5000}</ul>'
               '<div class="_a6-o">Jul 04, 2023 10:30:15 am</div></div>'
             + "<title>" + "t<b></b>" * 100_000 + "</title>")
    start = time.perf_counter()
    with importers.parse("meta", _meta_page(tmp_path, flood)) as p:
        elapsed = time.perf_counter() - start
        media, text, reactions = sorted(p.messages, key=lambda m: (len(m.attachments), m.text), reverse=True)
        assert len(media.attachments) == 500 and text.text == "y"
        assert len(reactions.recorded["reactions"]) == 500
    assert elapsed < 10  # stray end tags and empty blocks cost no rescans


def test_meta_html_zip_members_outside_are_ignored(tmp_path):
    page = ('<html><body>' + _meta_box("hi") + '</body></html>').encode()
    path = _zip(tmp_path / "fb.zip", {"../messages/inbox/evil/message_1.html": page,
                                      "messages/inbox/ok/message_1.html": page})
    with importers.parse("meta", path) as p:
        assert {m.thread for m in p.messages} == {"ok"}
