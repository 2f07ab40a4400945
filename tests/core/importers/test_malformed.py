"""Broken exports: a plain message naming the line or the field, and a journal left exactly as
it was (rows of every table, blob files on disk). A chat text one folder down a zip is found."""

from __future__ import annotations

import json
import zipfile
from datetime import datetime

import pytest

from app.core import importers
from app.core.errors import MalformedExport
from app.core.importers import commit, filters
from app.core.importers.commit import ImportTarget
from tests.core.importers import exports as ex
from tests.core.importers.test_import import state


def _blob_files(vault_path):
    return sorted(p.relative_to(vault_path) for p in vault_path.rglob("*") if p.is_file() and "blob" in str(p))


def _telegram_with(tmp_path, change) -> str:
    folder = ex.telegram_sample(tmp_path / "tg")
    doc = json.loads((folder / "result.json").read_text(encoding="utf-8"))
    change(doc)
    (folder / "result.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return folder


def _set(index: int, key: str, value):
    def change(doc):
        doc["messages"][index][key] = value
    return change


def _truncated(tmp_path):
    folder = ex.telegram_sample(tmp_path / "tg")
    data = (folder / "result.json").read_bytes()
    (folder / "result.json").write_bytes(data[: len(data) * 2 // 3])
    return "telegram", folder


def _zip(tmp_path, members: dict[str, bytes]):
    path = tmp_path / "WhatsApp Chat - Harasser.zip"
    tmp_path.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return "whatsapp", path


CASES = {
    "truncated json": (_truncated, ("result.json, line ",), "JSON is broken"),
    "date is a number": (lambda t: ("telegram", _telegram_with(t, _set(2, "date", 1688455815))),
                         ("message 3",), "'date'"),
    "text is a number": (lambda t: ("telegram", _telegram_with(t, _set(3, "text", 42))), ("message 4", "text"),
                         "neither text nor a list"),
    "from_id is an object": (lambda t: ("telegram", _telegram_with(t, _set(1, "from_id", {"user": 777}))),
                             ("message 2", "from_id"), "account id"),
    "forwarded_from_id is a list": (lambda t: ("telegram", _telegram_with(t, _set(4, "forwarded_from_id", [1]))),
                                    ("message 5", "forwarded_from_id"), "account id"),
    "id is text": (lambda t: ("telegram", _telegram_with(t, _set(0, "id", "one"))), ("message 0",), "'id'"),
    "zip without a chat": (lambda t: _zip(t / "z", {"IMG-1.jpg": ex.photo_bytes(1), "__MACOSX/._chat.txt": b"x"}),
                           ("WhatsApp Chat - Harasser.zip",), "no chat text"),
    "chat line is not a message": (lambda t: _zip(t / "z", {"_chat.txt": b"hello\n[04/07/2023, 10:30:15] A: b\n"}),
                                   ("_chat.txt, line 1",), "does not start like a WhatsApp message"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_broken_export_names_where_and_changes_nothing(vault, vault_path, tmp_path, case):
    make, where, what = CASES[case]
    fmt, path = make(tmp_path)
    before = state(vault), _blob_files(vault_path)
    with pytest.raises(MalformedExport) as err, importers.parse(fmt, path) as preview:
        commit.import_messages(vault, preview, filters.select(preview), ImportTarget())
    message = str(err.value)
    assert all(w in message for w in where), message
    assert what in message and "Nothing was changed" in message and "Traceback" not in message
    assert (state(vault), _blob_files(vault_path)) == before


def test_a_chat_one_folder_down_the_zip_is_found_with_its_media(vault, tmp_path):
    loc = next(x for x in ex.LOCALES if x.name == "en-ios")
    t = datetime(2023, 7, 14, 9, 5, 7)
    body = ex.wa_text(loc, [ex.WaLine(t, "Harasser", "<attached: IMG-20230714-WA0001.jpg>"),
                            ex.WaLine(t, "Harasser", "see")]).encode("utf-8")
    _fmt, path = _zip(tmp_path, {"__MACOSX/WhatsApp Chat - Harasser/._chat.txt": b"\x00\x05",
                                 "WhatsApp Chat - Harasser/_chat.txt": body,
                                 "WhatsApp Chat - Harasser/IMG-20230714-WA0001.jpg": ex.photo_bytes(4)})
    with importers.parse("whatsapp", path) as preview:
        assert [m.text for m in preview.messages] == ["", "see"]
        result = commit.import_messages(vault, preview, filters.select(preview), ImportTarget())
    images = [e for e in vault.journal.evidence.of_incident(result.incident_ids[0]) if e.kind == "image"]
    assert len(images) == 1 and "missing_attachments" not in images[0].metadata["import"]
