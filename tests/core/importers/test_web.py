"""Archived web pages as the real tools write them: wget's WARC (redirect, revisit, sha1
base32 digests checked), Browsertrix and ArchiveWeb.page WARCs (sha256 digests, pageinfo,
screenshots shown as pictures), WACZ (every listed hash checked, pages.jsonl), pages saved by
a browser (SingleFile, Save Page WE, MHTML, Web Page complete), in any charset; nothing fetched."""

from __future__ import annotations

import hashlib
import socket
import zipfile

import pytest

from app.core import importers
from app.core.errors import MalformedExport
from app.core.importers import commit, filters, html_text
from app.core.importers.commit import ImportTarget
from tests.core.importers import exports as ex
from tests.core.importers import web_exports as wx


@pytest.mark.parametrize("gz", [True, False])
def test_wget_warc_follows_the_redirect_checks_digests_and_records_the_revisit(tmp_path, gz):
    path = wx.wget_warc(tmp_path / ("capture.warc.gz" if gz else "capture.warc"), gz=gz)
    with importers.parse("web", path) as p:
        [page] = p.messages  # request, 301, revisit, metadata and wget.log are not pages
        assert page.link == "https://forum.example/t/42" and page.when == "2023-07-04T07:30:15+00:00"
        assert page.text == "Thread 42 & doxxing — سنجدك"
        r = page.recorded
        assert r["warc_digest_check"] == "verified" and r["warc_payload_digest"] == wx.digest(wx.PAGE, "sha1-b32")
        assert r["redirected_from"] == ["http://forum.example/t/42"]
        assert r["revisits"][0]["date"] == "2023-07-04T07:40:00+00:00"
        assert r["warcinfo"]["software"].startswith("Wget/1.21.3") and r["warc_ip_address"] == "192.0.2.7"
        assert p.notes == [] and p.sources[0].name == path.name
        assert p.reader.read(page.attachments[0].name)[0] == wx.PAGE


def test_bytes_changed_after_capture_fail_the_digest_check_and_say_so(tmp_path):
    with importers.parse("web", wx.wget_warc(tmp_path / "c.warc.gz", tamper=True)) as p:
        assert p.messages[0].recorded["warc_digest_check"] == "failed"
        assert "record 4" in p.notes[0] and "altered" in p.notes[0]


@pytest.mark.parametrize("form", ["sha256-hex", "sha256-b32", "sha1-b32"])
def test_browsertrix_warc_digests_in_every_form_and_its_screenshot_is_a_picture(vault, tmp_path, form):
    (tmp_path / "crawl.warc.gz").write_bytes(wx.browsertrix_warc(form=form, shot_kinds=("thumbnail", "view")))
    with importers.parse("web", tmp_path / "crawl.warc.gz") as p:
        [page] = p.messages
        assert page.recorded["warc_digest_check"] == "verified"
        assert page.recorded["screenshot"] == "urn:view:https://x.example/p/1"  # the view, not the thumbnail
        assert page.recorded["page_id"] == "5e7d8a9b-1c2d-4e5f-8a9b-0c1d2e3f4a5b"
        assert page.recorded["warcinfo"]["software"].startswith("Browsertrix-Crawler")
        result = commit.import_messages(vault, p, [0], ImportTarget())
    items = [vault.journal.evidence.get(i) for i in result.evidence_ids]
    shot = next(e for e in items if e.kind == "image")
    assert shot.source_url == "https://x.example/p/1" and shot.captured_at.startswith("2023-07-04T07:30:15")
    assert shot.metadata["import"]["recorded"]["warc_payload_digest"].startswith(form.split("-")[0] + ":")


def test_archiveweb_page_wacz_checks_every_listed_hash_and_keeps_only_its_pages(tmp_path):
    frame = wx.record("response", "https://ads.example/frame", "2023-07-04T07:30:16Z",
                      wx.http_response("200 OK", [("Content-Type", "text/html")], b"<title>ad</title>"),
                      content_type="application/http; msgtype=response", payload=b"<title>ad</title>")
    warc = wx.browsertrix_warc(software="ArchiveWeb.page 0.11.3", shot_kinds=("screenshot",),
                               html=wx.PAGE.replace(b"<title>Thread 42 &amp; doxxing \xe2\x80\x94 "
                                                    b"\xd8\xb3\xd9\x86\xd8\xac\xd8\xaf\xd9\x83</title>", b""))
    warc += wx.gz_members([frame])
    with importers.parse("web", wx.wacz(tmp_path / "capture.wacz", warc)) as p:
        [page] = p.messages  # the ad frame is not one of the pages the WACZ lists
        r = page.recorded
        assert page.text == "Post 1" and r["wacz_page_ts"] == "2023-07-04T07:30:15.123Z"  # title from pages.jsonl
        assert r["wacz_hash_check"] == "verified" and r["wacz_package_check"] == "verified"
        assert r["wacz_software"] == "ArchiveWeb.page 0.11.3" and p.notes == []
        assert [a.kind for a in page.attachments] == ["page", "photo"]


@pytest.mark.parametrize("broken", ["archive/data.warc.gz", "pages/pages.jsonl", "indexes/index.cdx"])
def test_a_wacz_file_that_does_not_match_its_datapackage_is_said(tmp_path, broken):
    with importers.parse("web", wx.wacz(tmp_path / "c.wacz", wx.browsertrix_warc(), break_hash=broken)) as p:
        assert any(broken in note for note in p.notes)
        assert p.messages[0].recorded["wacz_hash_check"] == ("failed" if broken.startswith("archive") else "verified")


def test_a_wacz_whose_datapackage_was_edited_is_said(tmp_path):
    path = wx.wacz(tmp_path / "c.wacz", wx.browsertrix_warc())
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members["datapackage.json"] = members["datapackage.json"].replace(b"Capture", b"Forged")
    with zipfile.ZipFile(path, "w") as z:
        for n, d in members.items():
            z.writestr(n, d)
    with importers.parse("web", path) as p:
        assert p.messages[0].recorded["wacz_package_check"] == "failed" and "datapackage.json" in p.notes[0]


@pytest.mark.parametrize(("charset", "text"), [("windows-1256", "تهديد بالقتل"), ("koi8-r", "угроза"),
                                               ("shift_jis", "脅迫"), ("iso-8859-1", "Menace à Zoë")])
def test_a_page_in_its_own_charset_has_its_title_read(tmp_path, charset, text):
    html = f"<html><head><title>{text}</title></head><body>x</body></html>".encode(charset)
    (tmp_path / "c.warc.gz").write_bytes(wx.browsertrix_warc(html=html, charset=charset, shot_kinds=()))
    with importers.parse("web", tmp_path / "c.warc.gz") as p:
        assert p.messages[0].text == text
    # without a header: the page's <meta charset>, or a BOM
    meta = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'.encode()
    assert html_text.title(meta + html) == text
    assert html_text.title("\ufeff<title>تهديد</title>".encode("utf-16-le")) == "تهديد"


def test_singlefile_page_keeps_its_url_and_saved_time_with_offset(tmp_path):
    (tmp_path / "Post (7_4_2023 10_30_15 AM).html").write_text(
        "<!DOCTYPE html> <html lang=\"ar\"><!--\n Page saved with SingleFile \n url: https://x.example/p/1 \n"
        " saved date: Tue Jul 04 2023 10:30:15 GMT+0300 (Arabia Standard Time)\n-->"
        "<head><meta charset=\"utf-8\"><title>تهديد</title></head></html>", encoding="utf-8")
    with importers.parse("web", tmp_path / "Post (7_4_2023 10_30_15 AM).html") as p:
        m = p.messages[0]
        assert (m.link, m.text, m.when) == ("https://x.example/p/1", "تهديد", "2023-07-04T10:30:15+03:00")
        assert m.recorded["saver"] == "SingleFile" and m.recorded["time_from"] == "saved page" and p.notes == []


def test_save_page_we_meta_tags(tmp_path):
    (tmp_path / "p.html").write_text(
        '<html><head><meta charset="UTF-8"><title>Post</title>'
        '<meta name="savepage-url" content="https://x.example/p/2?a=1&amp;b=2">'
        '<meta name="savepage-title" content="Post"><meta name="savepage-pubdate" content="Unknown">'
        '<meta name="savepage-from" content="https://x.example/p/2?a=1&amp;b=2">'
        '<meta name="savepage-date" content="Wed Jul 05 2023 08:00:00 GMT-0500 (Central Daylight Time)">'
        '<meta name="savepage-state" content="Standard Items;"></head><body></body></html>', encoding="utf-8")
    with importers.parse("web", tmp_path / "p.html") as p:
        m = p.messages[0]
        assert (m.link, m.when, m.recorded["saver"]) == ("https://x.example/p/2?a=1&b=2", "2023-07-05T08:00:00-05:00",
                                                         "Save Page WE")


def _mhtml(title: str) -> bytes:
    """As Chrome writes "Save as... Webpage, Single File": From <Saved by Blink>, the page
    quoted-printable, each part with its Content-Location."""
    import quopri
    body = quopri.encodestring(f'<html><head><meta charset="utf-8"><title>{title}</title></head>'
                               f'<body>{"x" * 100}</body></html>'.encode())
    b = "----MultipartBoundary--8b5V3ozDgBpwIqYJpNtAVTGaz7h9o3ezcmCi0mxfEy----"
    return (f"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://x.example/p/3\r\n"
            f"Subject: =?utf-8?Q?=D8=AA=D9=87=D8=AF=D9=8A=D8=AF?=\r\nDate: Tue, 4 Jul 2023 10:30:15 +0300\r\n"
            f"MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"{b}\"\r\n"
            f"\r\n\r\n--{b}\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
            f"Content-Transfer-Encoding: quoted-printable\r\nContent-Location: https://x.example/p/3\r\n\r\n"
            ).encode() + body + (f"\r\n\r\n--{b}\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
                                 f"Content-Location: https://x.example/a.png\r\n\r\niVBORw0KGgo=\r\n\r\n--{b}--\r\n"
                                 ).encode()


def test_chrome_mhtml_has_its_location_date_and_title(tmp_path):
    (tmp_path / "p.mhtml").write_bytes(_mhtml("تهديد بالقتل"))
    with importers.parse("web", tmp_path / "p.mhtml") as p:
        m = p.messages[0]
        assert (m.link, m.when, m.text) == ("https://x.example/p/3", "2023-07-04T10:30:15+03:00", "تهديد بالقتل")
        assert m.recorded["saver"] == "Saved by Blink"
    (tmp_path / "q.mhtml").write_bytes(_mhtml("t").replace(b"<title>t</title>", b""))
    with importers.parse("web", tmp_path / "q.mhtml") as p:
        assert p.messages[0].text == "تهديد"  # the Subject when the page has no title


def test_web_page_complete_lists_its_files_folder_hashed(tmp_path, vault):
    (tmp_path / "Post.html").write_text('<!-- saved from url=(0024)https://x.example/p/4 -->\n<html><head>'
                                        '<title>Post</title></head><img src="./Post_files/a.jpg"></html>')
    (tmp_path / "Post_files").mkdir()
    (tmp_path / "Post_files" / "a.jpg").write_bytes(ex.photo_bytes(3))
    (tmp_path / "Post_files" / "link.css").symlink_to("/etc/passwd")
    with importers.parse("web", tmp_path / "Post.html") as p:
        m = p.messages[0]
        assert m.link == "https://x.example/p/4" and m.recorded["time_from"] == "file" and p.notes
        assert [f["name"] for f in m.recorded["page_files"]] == ["Post_files/a.jpg"]  # the link is not followed
        result = commit.import_messages(vault, p, [0], ImportTarget())
    ev = vault.journal.evidence.get(result.evidence_ids[0])
    assert ev.metadata["import"]["recorded"]["page_files"][0]["sha256"] == hashlib.sha256(ex.photo_bytes(3)).hexdigest()


@pytest.mark.parametrize(("name", "data", "what"), [
    ("c.warc.gz", b"\x1f\x8b\x08\x00garbage that is not gzip", "web page"),
    ("c.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort", ""),
    ("c.warc", b"GET / HTTP/1.1\r\n\r\n", "damaged"),
])
def test_a_damaged_warc_is_refused_in_words(tmp_path, name, data, what):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(MalformedExport) as err:
        importers.parse("web", tmp_path / name)
    assert what in err.value.message


@pytest.mark.parametrize("date", ["4 July 2023 07:30:15", "2023-07-04T07:30:15", "9999-07-04T07:30:15Z"])
def test_a_bad_warc_date_names_the_record(tmp_path, date):
    page = wx.http_response("200 OK", [("Content-Type", "text/html")], b"<title>t</title>")
    info = wx.record("warcinfo", "", "2023-07-04T07:30:15Z", b"software: x\r\n", content_type="application/warc-fields")
    bad = wx.record("response", "https://x.example/", date, page, content_type="application/http; msgtype=response")
    (tmp_path / "c.warc").write_bytes(info + bad)
    with pytest.raises(MalformedExport) as err:
        importers.parse("web", tmp_path / "c.warc")
    assert "WARC-Date" in err.value.message and "record 1" in err.value.message


def test_nothing_is_fetched_while_reading_or_importing(vault, tmp_path, monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("the network was used")
    for name in ("socket", "create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, refuse)
    paths = [wx.wget_warc(tmp_path / "a.warc.gz"), wx.wacz(tmp_path / "b.wacz", wx.browsertrix_warc())]
    (tmp_path / "c.mhtml").write_bytes(_mhtml("x"))
    for path in [*paths, tmp_path / "c.mhtml"]:
        with importers.parse("web", path) as p:
            assert commit.import_messages(vault, p, filters.select(p), ImportTarget()).evidence_ids


def test_the_dossier_cites_the_page_url_capture_time_record_and_digest(vault, tmp_path):
    import io

    from pypdf import PdfReader

    from app.core.export import dossier
    from app.core.export.content import ExportOptions
    with importers.parse("web", wx.wget_warc(tmp_path / "tampered.warc.gz", tamper=True)) as p:
        result = commit.import_messages(vault, p, [0], ImportTarget())
    built = dossier.build(vault, ExportOptions("lawyer", result.incident_ids, json=True))
    content = PdfReader(io.BytesIO(built.pdf)).attachments["dossier.json"][0].decode()
    pages = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(built.pdf)).pages)
    for cited in ("Web page https://forum.example/t/42", "2023-07-04T07:30:15+00:00", "urn:uuid:original",
                  wx.digest(wx.PAGE, "sha1-b32"), "does not match the archived bytes"):
        assert cited in content, cited
    assert "forum.example/t/42" in pages and "does not match" in pages


def test_a_chunked_gzip_encoded_response_is_decoded_and_its_digest_checked(tmp_path):
    """wget keeps the body as the server sent it: chunked, gzip-encoded; the payload digest is of
    those bytes, the page is read decoded."""
    import gzip
    packed = gzip.compress(wx.PAGE)
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(packed[i:i + 50]), packed[i:i + 50]) for i in range(0, len(packed), 50))
    chunked += b"0\r\n\r\n"
    body = wx.http_response("200 OK", [("Content-Type", "text/html; charset=UTF-8"), ("Content-Encoding", "gzip"),
                                       ("Transfer-Encoding", "chunked")], chunked)
    (tmp_path / "c.warc.gz").write_bytes(wx.gz_members([wx.record(
        "response", "https://forum.example/t/42", "2023-07-04T07:30:15Z", body,
        content_type="application/http;msgtype=response", payload=chunked)]))
    with importers.parse("web", tmp_path / "c.warc.gz") as p:
        [page] = p.messages
        assert page.recorded["warc_digest_check"] == "verified" and page.text.startswith("Thread 42 & doxxing")
        assert p.reader.read(page.attachments[0].name)[0] == wx.PAGE


def test_firefox_web_page_complete_finds_its_address_in_the_page(tmp_path):
    (tmp_path / "Post.html").write_text('<html><head><meta property="og:url" content="https://x.example/p/9">'
                                        '<title>Post</title></head></html>')
    (tmp_path / "Post_files").mkdir()
    (tmp_path / "Post_files" / "style.css").write_text("body{}")
    with importers.parse("web", tmp_path / "Post.html") as p:
        assert p.messages[0].link == "https://x.example/p/9" and len(p.messages[0].recorded["page_files"]) == 1


def test_a_target_uri_in_angle_brackets_as_the_warc_1_1_draft_wrote_it(tmp_path):
    page = wx.http_response("200 OK", [("Content-Type", "text/html")], b"<title>t</title>")
    (tmp_path / "c.warc").write_bytes(wx.record("response", "<https://x.example/a>", "2023-07-04T07:30:15Z", page,
                                                content_type="application/http; msgtype=response", version="1.1"))
    with importers.parse("web", tmp_path / "c.warc") as p:
        assert p.messages[0].link == "https://x.example/a"


def test_a_warc_gzipped_whole_after_capture_is_read_too(tmp_path):
    import gzip
    plain = wx.wget_warc(tmp_path / "c.warc", gz=False).read_bytes()
    (tmp_path / "c.warc.gz").write_bytes(gzip.compress(plain))  # `gzip c.warc`: one stream, not one per record
    with importers.parse("web", tmp_path / "c.warc.gz") as p:
        [page] = p.messages
        assert page.recorded["warc_digest_check"] == "verified" and page.recorded["revisits"]
        assert p.reader.names() == [page.attachments[0].name]


def test_an_arc_file_of_the_older_crawlers(tmp_path):
    (tmp_path / "c.arc").write_bytes(wx.arc_file())
    with importers.parse("web", tmp_path / "c.arc") as p:
        [m] = p.messages
        assert (m.link, m.when, m.text) == ("http://x.example/", "2023-07-04T07:30:15+00:00", "old capture")
        assert "warc_record_id" not in m.recorded and m.recorded["warc_digest_check"] == "not stated"
