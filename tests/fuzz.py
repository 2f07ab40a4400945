"""Fuzzing of everything that parses outside input, one target per child process.

    python -m tests.fuzz TARGET EXAMPLES     prints "CASES <n> FAILURES <m>" and each failure

Each child runs with RLIMIT_AS (address space) capped and a per-case alarm, so an unbounded
allocation (MemoryError) or a hang is a failure, like any exception that is not a plain-words
SijilError. Inputs are hypothesis mutations (flips, cuts, splices, inserted bytes) of valid
seeds the program itself wrote, plus random bytes. Targets:
  image      sniff + decode + metadata + thumbnail + dossier rendition
  header     vault header parse + unwrap (test-strength KDF seeds)
  backup     restore of a backup file
  sealed     open-dossier on a sealed file
  dossier    verify of a dossier PDF, mutated then re-signed (so the checks past the signature run)
  telegram   a Telegram result.json (tdesktop's every kind of message in the seeds): parse, filter, summary
  tghtml     a Telegram HTML export's messages.html (beside a valid messages2.html): the same
  whatsapp   a WhatsApp chat .txt (every fixture locale, and groups with system lines and polls,
             in the seeds): parse, filter, summary
  wazip      a WhatsApp .zip with media: parse, then every attachment read (zip caps)
  warc       a WARC (wget, Browsertrix), plain and gzipped: records, digests, redirects, screenshots
  wacz       a WACZ whose datapackage.json, its digest or pages.jsonl is mutated
  savedpage  a page saved by a browser (SingleFile, Save Page WE) and Chrome's MHTML
  x          an X archive's data/tweets.js (with direct messages beside it)
  meta       a Meta message_1.json (mojibake, media, reactions)
  metahtml   a Meta HTML download's message_1.html (both layouts, several languages' times, media,
             shares, reactions) beside a valid message_2.html: one conversation and the whole download
  folder     a folder of pictures: EXIF times and offsets, devices
"""

from __future__ import annotations

import io
import resource
import shutil
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

MEMORY_LIMIT = 3 * 1024**3
CASE_SECONDS = 20
TARGETS = ("image", "header", "backup", "sealed", "dossier", "telegram", "tghtml", "whatsapp", "wazip", "warc",
           "wacz", "savedpage", "x", "meta", "metahtml", "folder")


def mutations(seeds: list[bytes]) -> st.SearchStrategy[bytes]:
    def mutate(seed: bytes, edits: list[tuple[int, int, int]], cut: int | None) -> bytes:
        data = bytearray(seed)
        for kind, at, value in edits:
            at = at % (len(data) + 1)
            if kind == 0 and at < len(data):
                data[at] ^= 1 << (value % 8)
            elif kind == 1:
                data[at:at] = bytes([value % 256]) * (1 + value % 7)
            elif kind == 2:
                del data[at:at + 1 + value % 64]
            else:  # splice: repeat a slice of the seed (lengths, offsets, chunk counts go wrong)
                data[at:at] = seed[value % len(seed):][:1 + value % 512]
        return bytes(data[:cut] if cut is not None else data)

    edit = st.tuples(st.integers(0, 3), st.integers(0, 1 << 30), st.integers(0, 1 << 16))
    mutated = st.builds(mutate, st.sampled_from(seeds), st.lists(edit, min_size=1, max_size=6),
                        st.none() | st.integers(0, 1 << 24))
    return st.one_of(mutated, mutated, mutated, st.binary(max_size=4096))


# Seeds and targets ---------------------------------------------------------------------------

def _image_seeds() -> list[bytes]:
    from PIL import Image
    out = []
    for fmt, mode in (("PNG", "RGB"), ("PNG", "I;16"), ("PNG", "P"), ("JPEG", "RGB"), ("GIF", "P"),
                      ("WEBP", "RGBA"), ("PNG", "LA")):
        buf = io.BytesIO()
        Image.new(mode, (40, 30), 120).save(buf, format=fmt)
        out.append(buf.getvalue())
    return out


def image_target() -> tuple[list[bytes], Callable[[bytes, Path], None]]:
    from app.core import evidence, images
    from app.core.redaction.images import render

    def run(data: bytes, _tmp: Path) -> None:
        kind, mime = evidence.sniff(data[:8192])
        if kind != "image":
            return
        img = images.open_image(data)
        images.read_metadata(img, images.trailing_bytes(data[-(1 << 20):], mime))
        images.thumbnail_png(img)
        render(data, [[0.1, 0.1, 0.5, 0.5]])
    return _image_seeds(), run


def _vault(tmp: Path):
    from app.core import evidence
    from app.core.models import Incident
    from app.core.vault import Vault
    v = Vault.create(tmp / "seed-vault", "fuzz passphrase", strength="test")
    v.journal.incidents.add(Incident(title="Threat", occurred_on="2026-03-14", description="A threat."))
    evidence.import_bytes(v, 1, _image_seeds()[0], name="a.png")
    return v


def header_target(tmp: Path):
    from app.core.vault import Header, read_header
    v = _vault(tmp)
    v.lock()
    seed = (tmp / "seed-vault" / "sijil-vault.json").read_bytes()
    read_header(tmp / "seed-vault")

    def run(data: bytes, _tmp: Path) -> None:
        header = Header.from_bytes(data)
        header.unwrap("fuzz passphrase")
    return [seed], run


def backup_target(tmp: Path):
    from app.core import backup
    v = _vault(tmp)
    backup.create_backup(v, tmp / "seed.sijil")
    v.lock()

    def run(data: bytes, work: Path) -> None:
        (work / "b.sijil").write_bytes(data)
        backup.restore_backup(work / "b.sijil", work / "restored", "fuzz passphrase").lock()
    return [(tmp / "seed.sijil").read_bytes()], run


def _dossier(tmp: Path, sealed: bool) -> tuple[bytes, bytes, object]:
    """A real lawyer's dossier (sealed or not), the lawyer's secret key, the signing key."""
    from app.core.export import dossier, seal
    from app.core.export.content import ExportOptions
    v = _vault(tmp)
    _secret, public, _fp = seal.keygen(tmp / "lawyer")
    out = tmp / ("seed.sealed" if sealed else "seed.pdf")
    dossier.export(v, ExportOptions("lawyer", [1]), out, seal.read_public_key(public) if sealed else None)
    signer = v.signing_key()
    v.lock()
    return out.read_bytes(), seal.read_secret_key(tmp / "lawyer" / "lawyer.key"), signer


def sealed_target(tmp: Path):
    from app.core.export import verify
    seed, key, _signer = _dossier(tmp, sealed=True)

    def run(data: bytes, work: Path) -> None:
        (work / "d.sealed").write_bytes(data)
        verify.open_dossier(work / "d.sealed", key, work / "out")
    return [seed], run


def dossier_target(tmp: Path):
    from app.core.export import signing, verify
    signed, _key, key = _dossier(tmp, sealed=False)
    at = signed.rfind(b"\n" + signing.MARKER)
    unsigned = signed[:at] + signed[signed.index(b"\nstartxref", at):]

    def run(data: bytes, _tmp: Path) -> None:
        try:
            resigned = signing.sign_pdf(data, key)  # as the signer herself: every later check runs
        except ValueError:
            resigned = data
        verify.verify_bytes(resigned)
    return [unsigned], run


def _preview_all(fmt: str, path: Path) -> None:
    from app.core import importers
    from app.core.importers import filters
    with importers.parse(fmt, path) as preview:
        picked = filters.select(preview, filters.MessageFilter(text="a", include_service=True))
        preview.summary(picked)
        for m in preview.messages:
            for att in m.attachments:
                if att.present:
                    preview.reader.read(att.name)


def telegram_target(tmp: Path):
    from tests.core.importers import exports
    seed = (exports.telegram_sample(tmp / "tg") / "result.json").read_bytes()

    def run(data: bytes, work: Path) -> None:
        (work / "result.json").write_bytes(data)
        _preview_all("telegram", work)
    return [seed, exports.telegram_sample(tmp / "tga", full_account=True).joinpath("result.json").read_bytes(),
            (exports.tdesktop_rich_json(tmp / "tgr") / "result.json").read_bytes()], run


def tghtml_target(tmp: Path):
    from tests.core.importers import exports
    folder = exports.tdesktop_rich_html(tmp / "tgh")
    seeds = [(folder / "messages.html").read_bytes(), (folder / "messages2.html").read_bytes()]

    def run(data: bytes, work: Path) -> None:
        shutil.copytree(folder / "photos", work / "photos")
        (work / "messages.html").write_bytes(data)
        (work / "messages2.html").write_bytes(seeds[1])
        _preview_all("telegram", work)
    return seeds, run


def whatsapp_target(tmp: Path):
    from tests.core.importers import exports
    seeds = [exports.wa_export(tmp / loc.name, loc).read_bytes() for loc in exports.LOCALES]
    seeds += [exports.wa_export(tmp / f"group-{loc.name}", loc, lines=exports.wa_group_lines(loc)).read_bytes()
              for loc in exports.LOCALES if loc.name in ("en-ios", "ar-android", "fa-ios", "tr-android")]

    def run(data: bytes, work: Path) -> None:
        (work / "chat.txt").write_bytes(data)
        _preview_all("whatsapp", work / "chat.txt")
    return seeds, run


def wazip_target(tmp: Path):
    from tests.core.importers import exports
    seeds = [exports.wa_export(tmp / loc.name, loc, zipped=True).read_bytes() for loc in exports.LOCALES[:4]]

    def run(data: bytes, work: Path) -> None:
        (work / "chat.zip").write_bytes(data)
        _preview_all("whatsapp", work / "chat.zip")
    return seeds, run


def warc_target(tmp: Path):
    import gzip

    from tests.core.importers import web_exports as wx
    # Mutated as records, then gzipped (whole or not at all): a mutation of the gzip stream
    # itself mostly stops at its checksum and reaches no record.
    seeds = [wx.wget_warc(tmp / "b.warc", gz=False).read_bytes(),
             gzip.decompress(wx.browsertrix_warc()),
             gzip.decompress(wx.browsertrix_warc(form="sha256-b32", shot_kinds=("screenshot",)))]

    def run(data: bytes, work: Path) -> None:
        plain = "c.arc" if data.startswith(b"filedesc:") else "c.warc"
        (work / plain).write_bytes(data)
        _preview_all("web", work / plain)
        (work / f"{plain}.gz").write_bytes(gzip.compress(data, compresslevel=1))
        _preview_all("web", work / f"{plain}.gz")
    return [*seeds, wx.arc_file()], run


def wacz_target(tmp: Path):
    import zipfile

    from tests.core.importers import web_exports as wx
    seed = wx.wacz(tmp / "a.wacz", wx.browsertrix_warc())
    with zipfile.ZipFile(seed) as z:
        members = {n: z.read(n) for n in z.namelist()}
    mutable = ("datapackage.json", "datapackage-digest.json", "pages/pages.jsonl")

    def run(data: bytes, work: Path) -> None:
        # the mutated bytes stand in for each JSON member in turn, inside a zip that opens
        for name in mutable:
            with zipfile.ZipFile(work / "c.wacz", "w") as z:
                for member, body in members.items():
                    z.writestr(member, data if member == name else body)
            _preview_all("web", work / "c.wacz")
    return [members[n] for n in mutable], run


def savedpage_target(tmp: Path):
    from tests.core.importers.test_web import _mhtml
    singlefile = (b"<!--\n Page saved with SingleFile \n url: https://x.example/p/1 \n saved date: Tue Jul 04 2023 "
                  b"10:30:15 GMT+0300 (x)\n-->\n<html><head><meta charset=\"windows-1256\"><title>t</title></head>"
                  b"</html>")
    savepage = (b'<html><head><meta name="savepage-url" content="https://x.example/"><meta name="savepage-date" '
                b'content="Wed Jul 05 2023 08:00:00 GMT-0500 (x)"><link rel="canonical" href="https://x.example/c">'
                b'</head></html>')
    seeds = [singlefile, savepage, _mhtml("تهديد")]

    def run(data: bytes, work: Path) -> None:
        name = "p.mhtml" if data.lstrip()[:5].lower() == b"from:" else "p.html"
        (work / name).write_bytes(data)
        (work / "p_files").mkdir(exist_ok=True)
        _preview_all("web", work / name)
    return seeds, run


def x_target(tmp: Path):
    from tests.core.importers import x_exports as xx
    files = xx.archive_files()
    seeds = [files["data/tweets.js"], files["data/tweets-part1.js"], files["data/direct-messages.js"]]

    def run(data: bytes, work: Path) -> None:
        for name, body in files.items():
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            (work / name).write_bytes(body)
        # the mutated bytes replace the file their seed came from; the others stay whole
        (work / "data" / ("direct-messages.js" if b"dmConversation" in data else "tweets.js")).write_bytes(data)
        _preview_all("x", work)
    return seeds, run


def meta_target(tmp: Path):
    from tests.core.importers import meta_exports as mx
    files = mx.facebook_files()
    seeds = [d for n, d in files.items() if n.endswith("message_1.json")]

    def run(data: bytes, work: Path) -> None:
        thread = work / mx.FB / "inbox" / "t_1"
        thread.mkdir(parents=True, exist_ok=True)
        (thread / "message_1.json").write_bytes(data)
        _preview_all("meta", thread)
        _preview_all("meta", work)
    return seeds, run


def metahtml_target(tmp: Path):
    from tests.core.importers import meta_html_exports as hx
    thread = f"{hx.FB}/inbox/harasser_1234567890"
    seeds = [hx.facebook_files(layout=layout, style=style)[f"{thread}/message_1.html"]
             for layout, style in (("new", "en"), ("old", "en-old"), ("section", "fr"), ("new", "ar"),
                                   ("old", "fa-solar"), ("new", "numeric"))]
    files = hx.facebook_files()

    def run(data: bytes, work: Path) -> None:
        for name, body in files.items():
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            (work / name).write_bytes(body)
        (work / thread / "message_1.html").write_bytes(data)
        _preview_all("meta", work / thread)
        _preview_all("meta", work)
    return seeds, run


def folder_target(tmp: Path):
    from PIL import Image
    seeds = []
    for offset, make in (("+03:00", "samsung"), ("-05:30", "Apple")):
        exif = Image.Exif()
        exif[0x010F], exif[0x0110] = make, "Model X"
        exif.get_ifd(0x8769)[0x9003], exif.get_ifd(0x8769)[0x9011] = "2023:07:04 10:30:15", offset
        buf = io.BytesIO()
        Image.new("RGB", (16, 16), "red").save(buf, format="JPEG", exif=exif)
        seeds.append(buf.getvalue())

    def run(data: bytes, work: Path) -> None:
        (work / "shots").mkdir()
        (work / "shots" / "Screenshot_20230704-103015_Telegram.jpg").write_bytes(data)
        (work / "shots" / "photo.jpg").write_bytes(data)
        _preview_all("folder", work / "shots")
    return seeds, run


# Running -------------------------------------------------------------------------------------

def _alarm(_sig, _frame):
    raise TimeoutError("a fuzz case ran longer than the limit")


def fuzz(target: str, examples: int) -> tuple[int, list[str]]:
    from app.core.errors import SijilError
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    signal.signal(signal.SIGALRM, _alarm)
    tmp = Path(tempfile.mkdtemp(prefix=f"sijil-fuzz-{target}-"))
    try:
        seeds, run = image_target() if target == "image" else globals()[f"{target}_target"](tmp)
        cases, failures = 0, []

        @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck), report_multiple_bugs=True)
        @given(mutations(seeds))
        def case(data: bytes) -> None:
            nonlocal cases
            cases += 1
            work = Path(tempfile.mkdtemp(dir=tmp))
            signal.alarm(CASE_SECONDS)
            try:
                run(data, work)
            except SijilError:
                pass
            except BaseException as exc:  # MemoryError, TimeoutError and every unplanned exception
                failures.append(f"{type(exc).__name__}: {exc}"[:300] + "\n" + traceback.format_exc(limit=-3))
            finally:
                signal.alarm(0)
                shutil.rmtree(work, ignore_errors=True)

        case()
        return cases, failures
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> int:
    target, examples = sys.argv[1], int(sys.argv[2])
    cases, failures = fuzz(target, examples)
    print(f"CASES {cases} FAILURES {len(failures)}")
    for failure in dict.fromkeys(failures):  # each distinct failure once
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
