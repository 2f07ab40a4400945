"""The import window preselects the importer from the names in what she chose: downloads
laid out as the platforms and tools name them, zipped, unzipped and one folder down."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from app.core import importers
from app.core.errors import MalformedExport
from app.core.importers.guess import guess_format
from tests.core.importers import exports as ex
from tests.core.importers import meta_html_exports as hx
from tests.core.importers.meta_exports import write

PICTURES = [f"Screenshot_20230704-10{i:02d}15_Telegram.jpg" for i in range(30)]
LAYOUTS = {
    "x": ["data/tweets.js", "data/account.js", "data/manifest.js", "data/tweets_media/1676-a.jpg",
          "Your archive.html", "assets/js/app.js", "assets/images/logo.png"],
    "x, parts": ["data/tweets-part1.js", "data/tweets-part2.js", "data/direct-messages.js"],
    "x, old archive": ["data/tweet.js", "data/account.js"],
    "x, one folder down": ["twitter-2023-07-04/data/tweets.js", "twitter-2023-07-04/Your archive.html"],
    "meta, facebook 2024": ["your_facebook_activity/messages/inbox/harasser_123/message_1.json",
                            "your_facebook_activity/messages/inbox/harasser_123/photos/1.jpg", "start_here.html"],
    "meta, facebook older": ["messages/inbox/harasser_123/message_1.json", "messages/inbox/harasser_123/message_2.json"],
    "meta, instagram": ["your_instagram_activity/messages/inbox/troll_9/message_1.json",
                        *[f"media/posts/{i}.jpg" for i in range(40)]],
    "meta, facebook html 2024": ["your_facebook_activity/messages/inbox/harasser_123/message_1.html",
                                 "your_facebook_activity/messages/inbox/harasser_123/message_2.html",
                                 "your_facebook_activity/messages/inbox/harasser_123/photos/1.jpg",
                                 "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.html",
                                 "start_here.html", *[f"your_facebook_activity/posts/media/{i}.jpg" for i in range(40)]],
    "meta, facebook html older": ["messages/inbox/harasser_123/message_1.html", "messages/stickers_used/s.png",
                                  "index.html", "about_you/your_address_books.html"],
    "meta, instagram html": ["your_instagram_activity/messages/inbox/troll_9/message_1.html",
                             "your_instagram_activity/media/stories.html", "start_here.html",
                             *[f"media/posts/{i}.jpg" for i in range(40)]],
    "meta, one html conversation": ["message_1.html", "message_2.html", "photos/1.jpg", "videos/v.mp4"],
    "telegram": ["result.json", "photos/photo_1@04-07-2023_10-30-15.jpg", "files/a.pdf"],
    "telegram, html": ["messages.html", "messages2.html", "css/style.css", "js/script.js", "images/back.png",
                       *[f"photos/photo_{i}.jpg" for i in range(40)]],
    "telegram, one folder down": ["ChatExport_2023-07-04/result.json", "ChatExport_2023-07-04/photos/p.jpg"],
    "whatsapp, ios": ["_chat.txt", *[f"000000{i:02d}-PHOTO-2023-07-04-10-30-15.jpg" for i in range(40)]],
    "whatsapp, android": ["WhatsApp Chat with Harasser.txt", "IMG-20230704-WA0003.jpg"],
    "whatsapp, spanish": ["Chat de WhatsApp con Acosador.txt", *[f"IMG-20230704-WA00{i:02d}.jpg" for i in range(40)]],
    "whatsapp, arabic": ["دردشة WhatsApp مع المتحرش.txt", "IMG-20230704-WA0003.jpg"],
    "whatsapp, unnamed txt": ["chat.txt", "VID-20230704-WA0001.mp4"],
    "web, warc": ["page.warc.gz"],
    "web, wacz": ["datapackage.json", "datapackage-digest.json", "archive/data.warc.gz", "pages/pages.jsonl"],
    "web, page saved complete": ["Threat post.html", *[f"Threat post_files/{i}.png" for i in range(40)]],
    "web, mhtml": ["saved.mhtml"],
    "folder": [*PICTURES, "notes.txt"],
}


def _expected(layout: str) -> str:
    return layout.partition(",")[0]


def _write_folder(root: Path, names: list[str]) -> Path:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b"")
    return root


def _write_zip(path: Path, names: list[str]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name in names:
            zf.writestr(name, b"")
    return path


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_download_is_known_by_what_it_holds_unzipped(tmp_path, layout):
    assert guess_format(_write_folder(tmp_path / "download", LAYOUTS[layout])) == _expected(layout)


@pytest.mark.parametrize("layout", sorted(k for k in LAYOUTS if k != "folder"))
def test_a_download_is_known_by_what_it_holds_zipped_whatever_the_zip_is_called(tmp_path, layout):
    # platforms name their zips after the account and the day, never after the format
    zipped = _write_zip(tmp_path / "layla-2023-07-04-AbCdEf.zip", LAYOUTS[layout])
    assert guess_format(zipped) == _expected(layout)


@pytest.mark.parametrize(("name", "kind"), [
    ("result.json", "telegram"), ("messages3.html", "telegram"), ("message_1.json", "meta"),
    ("message_1.html", "meta"), ("message_12.html", "meta"), ("messages.html", "telegram"),
    ("tweets.js", "x"), ("direct-messages.js", "x"), ("WhatsApp Chat with Harasser.txt", "whatsapp"),
    ("_chat.txt", "whatsapp"), ("capture.warc", "web"), ("crawl.wacz", "web"), ("page.htm", "web"),
    ("saved.mht", "web"), ("Screenshot 2023-07-04 at 10.30.15.png", "folder"),
])
def test_a_single_file_is_known_by_its_name(tmp_path, name, kind):
    path = tmp_path / name
    path.write_bytes(b"")
    assert guess_format(path) == kind


def test_a_damaged_zip_goes_to_the_importer_that_says_what_is_wrong(tmp_path):
    path = tmp_path / "export.zip"
    path.write_bytes(b"PK\x03\x04 not really")
    assert guess_format(path) == "whatsapp"
    with pytest.raises(MalformedExport, match="zip"):
        importers.parse("whatsapp", path)


@pytest.mark.parametrize("build", ["telegram json", "telegram html", "whatsapp zip", "meta", "meta html",
                                   "meta html zip", "x"])
def test_the_guess_opens_exports_as_the_test_fixtures_write_them(tmp_path, build):
    loc = ex.LOCALES[0]
    path = {"telegram json": lambda: ex.telegram_sample(tmp_path / "tg"),
            "telegram html": lambda: ex.telegram_html(tmp_path / "tgh"),
            "whatsapp zip": lambda: ex.wa_export(tmp_path / "wa", loc, zipped=True),
            "meta": lambda: ex.meta_export(tmp_path / "meta"),
            "meta html": lambda: write(tmp_path / "mh", hx.facebook_files()),
            "meta html zip": lambda: write(tmp_path / "mhz", hx.instagram_files(), zipped="instagram-l-2023.zip"),
            "x": lambda: ex.x_export(tmp_path / "x")}[build]()
    kind = guess_format(path)
    assert kind == build.partition(" ")[0]
    with importers.parse(kind, path) as preview:
        assert preview.messages
