"""Folders of screenshots and photos as phones and computers name and tag them: the time from
EXIF (with its offset), else the file name (Android, MIUI, macOS, Windows, WhatsApp, Arabic and
Persian digits), else the file; device kept but never in a dossier; nested folders; other
files; links refused."""

from __future__ import annotations

import io
import json
import os
from datetime import datetime

import pytest
from PIL import Image
from pypdf import PdfReader

from app.core import importers
from app.core.errors import MalformedExport
from app.core.export import dossier
from app.core.export.content import ExportOptions
from app.core.importers import commit, filters
from app.core.importers.commit import ImportTarget


def picture(path, *, when="", offset="", make="", model="", fmt="JPEG"):
    exif = Image.Exif()
    if make:
        exif[0x010F] = make
    if model:
        exif[0x0110] = model
    if when:
        exif.get_ifd(0x8769)[0x9003] = when
    if offset:
        exif.get_ifd(0x8769)[0x9011] = offset
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (24, 16), "blue").save(path, format=fmt, exif=exif)
    return path


NAMED = {
    "Screenshot_20230704-103015_Telegram.jpg": "2023-07-04T10:30:15",
    "Screenshot_2023-07-04-11-30-15-123_com.whatsapp.jpg": "2023-07-04T11:30:15",
    "Screenshot 2023-07-04 at 12.30.15.png": "2023-07-04T12:30:15",
    "Screen Shot 2023-07-04 at 1.30.15 PM.png": "2023-07-04T13:30:15",
    "IMG_20230704_143015.jpg": "2023-07-04T14:30:15",
    "WhatsApp Image 2023-07-04 at 15.30.15.jpeg": "2023-07-04T15:30:15",
    "WhatsApp Image 2023-07-04 at 4.30.15\u202fPM (1).jpeg": "2023-07-04T16:30:15",
    "notes 2023-07-04.png": "",  # a day without a time: the file's time
    "لقطة شاشة ٢٠٢٣-٠٧-٠٤ في ١٧.٣٠.١٥.png": "2023-07-04T17:30:15",
    "اسکرین‌شات ۲۰۲۳-۰۷-۰۵ ساعت ۰۸.۰۰.۰۰.png": "2023-07-05T08:00:00",
}
MTIME = datetime(2024, 1, 2, 3, 4, 5).timestamp()


def test_time_from_exif_with_offset_else_the_name_else_the_file(tmp_path):
    folder = tmp_path / "shots"
    picture(folder / "photo.jpg", when="2023:07:04 10:30:15", offset="+03:00", make="samsung", model="SM-S911B")
    picture(folder / "unset_clock.jpg", when="1970:01:01 00:00:00", make="Apple", model="Apple iPhone 12")
    for name in NAMED:
        picture(folder / name, fmt="PNG" if name.endswith(".png") else "JPEG")
    for f in folder.iterdir():
        os.utime(f, (MTIME, MTIME))
    with importers.parse("folder", folder) as p:
        by = {m.id: m for m in p.messages}
    assert by["photo.jpg"].when == "2023-07-04T10:30:15+03:00" and by["photo.jpg"].recorded == {
        "time_from": "picture", "device": "samsung SM-S911B"}
    unset = by["unset_clock.jpg"]
    assert unset.recorded["time_from"] == "file" and unset.recorded["device"] == "Apple iPhone 12"
    assert unset.recorded["picture_time"].startswith("1970")
    for name, when in NAMED.items():
        m = by[name]
        expected = when or datetime.fromtimestamp(MTIME).isoformat()
        assert (m.when, m.recorded["time_from"]) == (expected, "file name" if when else "file"), name


def test_nested_folders_other_files_and_links(tmp_path, vault):
    root = tmp_path / "evidence"
    picture(root / "2023-07-04" / "a.jpg", when="2023:07:04 10:00:00")
    picture(root / "2023-07-05" / "deep" / "b.jpg", when="2023:07:05 10:00:00")
    (root / "2023-07-05" / "threat.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (root / "2023-07-05" / "call.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\0" * 64)
    (root / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (root / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0")
    outside = picture(tmp_path / "private" / "secret.jpg", when="2023:07:04 10:00:00")
    (root / "2023-07-04" / "secret.jpg").symlink_to(outside)
    (root / "linked-folder").symlink_to(outside.parent)
    with importers.parse("folder", root) as p:
        kinds = {m.id: (m.kind, m.thread) for m in p.messages}
        assert kinds == {"2023-07-04/a.jpg": ("photo", "2023-07-04"), "2023-07-05/deep/b.jpg": ("photo",
                                                                                              "2023-07-05/deep"),
                         "2023-07-05/threat.pdf": ("file", "2023-07-05"), "2023-07-05/call.mp4": ("video", "2023-07-05")}
        assert p.notes == ["2 links in the folder were not followed: they could lead outside it."]
        per = {split: len(commit.import_messages(vault, p, filters.select(p), ImportTarget(split=split)).incident_ids)
               for split in ("one", "per-day", "per-file", "per-thread")}
    assert per["one"] == 1 and per["per-file"] == 4 and per["per-thread"] == 3 and per["per-day"] >= 2
    (tmp_path / "link").symlink_to(root)
    with pytest.raises(MalformedExport):
        importers.parse("folder", tmp_path / "link")


def test_the_device_stays_in_the_journal_and_out_of_the_dossier(tmp_path, vault):
    picture(tmp_path / "s" / "IMG_20230704_103015.jpg", make="Xiaomi", model="Redmi Note 12 Pro")
    with importers.parse("folder", tmp_path / "s") as p:
        result = commit.import_messages(vault, p, filters.select(p), ImportTarget())
    ev = vault.journal.evidence.get(result.evidence_ids[0])
    assert ev.metadata["import"]["recorded"]["device"] == "Xiaomi Redmi Note 12 Pro"
    built = dossier.build(vault, ExportOptions("lawyer", result.incident_ids, json=True))
    embedded = PdfReader(io.BytesIO(built.pdf)).attachments["dossier.json"][0]
    pages = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(built.pdf)).pages)
    assert "Redmi" not in json.dumps(json.loads(embedded), ensure_ascii=False) and "Redmi" not in pages
    assert "2023-07-04" in json.dumps(json.loads(embedded))
