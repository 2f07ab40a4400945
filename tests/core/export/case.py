"""A realistic case for dossier tests: protected persons with Latin and Arabic aliases, text
full of contact details and places, a camera JPEG with GPS and a serial number in EXIF, and a
PNG with text chunks and bytes after IEND, imported through the real evidence path."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageCms, ImageDraw
from PIL.PngImagePlugin import PngInfo

from app.core import evidence
from app.core.models import Actor, Incident, Person, PlatformReport, ReportItem, Step
from app.core.vault import Vault

CAMERA_SERIAL = "SN-0429117733"
CAMERA_MODEL = "Canon EOS 80D"
PNG_SECRET = "home-of-layla-at-41.0082"
TRAILER = b"ACROPALYPSE-TRAILING-SECRET"
JPEG_NAME = "IMG_0042_layla-home.jpg"
PNG_NAME = "Screenshot_layla_haddad_chat.png"
GREEN = (0, 255, 0)

ARABIC_STORY = (
    "بدأت التهديدات في الصباح عندما نشرت القناة صورة لَيْلى حدّاد مع عنوان منزلها. "
    "ثم وصلت رسائل كثيرة تطلب منها التوقف عن العمل الصحفي وتذكر أسماء أفراد عائلتها. "
    "وفي المساء اتصل رجل مجهول وقال إن ليلى ستدفع الثمن إذا لم تغادر المدينة. "
    "خاتمة القصة أنها غيرت طريقها إلى العمل."
)
DESCRIPTION = (
    "LÁYLA HADDAD received a message naming Layla's brother. Lulu H. was told to stop. "
    "Call her on +90 532 123 45 67 or mail layla.h@example.org. She lives at Rue de la Paix 12, "
    "exact point 41.0082, 28.9784. وقالت لَيْلى حدّاد إن رقمها ٠٥٣٢١٢٣٤٥٦٧ وعنوانها شارع الحمرا رقم 12 ووليلى خائفة."
)
# What must never appear in a dossier where Layla did not consent (checked folded, both directions).
FORBIDDEN = ["Layla", "Haddad", "ليلى", "حداد", "Lulu", "layla.h@example.org", "905321234567", "5321234567",
             "٠٥٣٢١٢٣٤٥٦٧", "Rue de la Paix", "41.0082", "28.9784", "شارع الحمرا", CAMERA_SERIAL, CAMERA_MODEL,
             PNG_SECRET, TRAILER.decode(), JPEG_NAME, PNG_NAME, "36.2015", "Canon"]


@dataclass
class Case:
    layla: int
    ayse: int
    incidents: list[int]
    jpeg: int
    png: int
    originals: dict[int, bytes] = field(default_factory=dict)


def camera_jpeg() -> bytes:
    img = Image.new("RGB", (640, 480), (200, 180, 160))
    draw = ImageDraw.Draw(img)
    draw.rectangle([100, 100, 260, 220], fill=GREEN)  # the face the defender blacks out
    draw.rectangle([400, 300, 600, 420], fill=(20, 40, 200))
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = CAMERA_MODEL
    exif[0x013B] = "Layla Haddad"  # Artist
    exif[0x0112] = 1
    ifd = exif.get_ifd(0x8769)
    ifd[0xA431] = CAMERA_SERIAL  # BodySerialNumber
    ifd[0x9003] = "2026:03:14 10:22:01"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (36.0, 12.0, 5.5), "E", (37.0, 9.0, 40.1)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif, icc_profile=icc, quality=90,
             comment=b"owner Layla Haddad", xmp=b"<x:xmpmeta>Layla Haddad " + CAMERA_SERIAL.encode() + b"</x:xmpmeta>")
    return out.getvalue()


def chat_png() -> bytes:
    img = Image.new("RGBA", (480, 320), (255, 255, 255, 255))
    draw = ImageDraw.Draw(img)
    draw.rectangle([20, 20, 460, 60], fill=(30, 30, 30, 255))
    draw.rectangle([20, 200, 200, 260], fill=(*GREEN, 255))  # a phone number on screen
    info = PngInfo()
    info.add_text("Author", "Layla Haddad")
    info.add_text("Comment", PNG_SECRET)
    info.add_itxt("Description", "ليلى حداد " + PNG_SECRET)
    out = io.BytesIO()
    img.save(out, format="PNG", pnginfo=info)
    return out.getvalue() + TRAILER + b"\x00" * 64


def build_case(vault: Vault, folder: Path) -> Case:
    j = vault.journal
    layla = j.persons.add(Person(name="Layla Haddad", pseudonym="Defender K", aliases=["ليلى حداد", "Lulu H."],
                                 gender="woman", age="33", nationality="Lebanese", profession="journalist",
                                 human_rights_work="documents threats against women journalists in Beirut"))
    ayse = j.persons.add(Person(name="Ayşe Yılmaz", pseudonym="Defender T", aliases=["Ayse Yilmaz"],
                                gender="woman", age="45", nationality="Turkish", profession="lawyer",
                                human_rights_work="défense des droits des femmes à İzmir", consent_un=True))
    first = j.incidents.add(Incident(
        title="Threats against Layla Haddad", occurred_on="2026-03-14", occurred_time="10:22", approximate=True,
        location="Beirut, Rue de la Paix 12", platforms=["telegram"], kinds=["death_threat"],
        description=ARABIC_STORY, translation=DESCRIPTION, translation_language="en",
        current_situation="Layla still receives calls on 0532 123 45 67.", severity=5, status="ongoing",
        confidential=True))
    second = j.incidents.add(Incident(
        title="Ayşe Yılmaz named in posts", occurred_on="2026-04-02", platforms=["telegram"], kinds=["doxxing"],
        description="Posts about Ayşe Yılmaz and Ayse Yilmaz; çğışöü éèêç ñ. " + DESCRIPTION, severity=3))
    for inc in (first, second):
        j.incidents.link_person(inc, layla)
        j.incidents.link_person(inc, ayse)
    jpeg_path, png_path = folder / JPEG_NAME, folder / PNG_NAME
    jpeg_path.write_bytes(camera_jpeg())
    png_path.write_bytes(chat_png())
    jpeg = evidence.import_file(vault, first, jpeg_path, caption="Photo of Layla outside her home",
                                source_url="https://t.me/s/northern_truth/1207?single")
    png = evidence.import_file(vault, second, png_path, caption="Chat with Lulu H.")
    for ev, region in ((jpeg, [100 / 640, 100 / 480, 161 / 640, 121 / 480]), (png, [20 / 480, 200 / 320, 181 / 480, 61 / 320])):
        ev.redactions = [region]
        j.evidence.update(ev)
    actor = j.actors.add(Actor(platform="telegram", handle="@northern_truth", numeric_id="-1001783344120",
                               state_actor="non_state", motive="silence her", display_name="Northern Truth",
                               first_seen="2026-03-01", notes="Posts within minutes of @watchers"))
    helper = j.actors.add(Actor(platform="telegram", handle="@watchers", numeric_id="-1001655091877",
                                first_seen="2026-03-02"))
    for inc in (first, second):
        j.incidents.link_actor(inc, actor)
        j.incidents.link_actor(inc, helper)
    j.incidents.add_step(Step(incident_id=first, taken_on="2026-03-15", kind="police", body="Beirut police",
                              description="Complaint filed by Layla", response="No action yet"))
    j.reports.add(PlatformReport(platform="telegram", filed_on="2026-03-15", reference="TG-88213", status="no_response",
                                 incident_ids=[first], items=[
                                     ReportItem(url="https://t.me/s/northern_truth/1207?single", actor_id=actor,
                                                evidence_id=jpeg.id, posted_at="2026-03-14T09:58Z",
                                                captured_at="2026-03-14T10:22Z", rule="Threats of violence",
                                                content_translation="Your end is near, Layla"),
                                     ReportItem(url="t.me/c/1655091877/42", actor_id=helper, outcome="removed")]))
    return Case(layla, ayse, [first, second], jpeg.id, png.id,
                {jpeg.id: jpeg_path.read_bytes(), png.id: png_path.read_bytes()})


def add_organisation(vault: Vault, case: Case) -> int:
    """An organisation (no consent) whose name holds a stop word and whose Arabic alias holds a
    common noun ("المساواة", equality), named in the first incident beside those words alone."""
    j = vault.journal
    org = j.persons.add(Person(name="Equity and Empowerment", pseudonym="Organisation E",
                               aliases=["المساواة والتمكين"], role="organisation"))
    inc = j.incidents.get(case.incidents[0])
    inc.description += " Equity and Empowerment and المساواة والتمكين support her; المساواة matters."
    j.incidents.update(inc)
    j.incidents.link_person(case.incidents[0], org)
    return org
# Material from other platforms, which a Telegram report must not carry unless she adds it.
FAMILY_MESSAGE = "Her mother wrote on WhatsApp: come home to Tripoli"
FACEBOOK_CAPTION = "Cousin's Facebook post about the family"


@dataclass
class OtherPlatforms:
    whatsapp_incident: int
    facebook_evidence: int


def add_other_platforms(vault: Vault, case: Case, folder: Path) -> OtherPlatforms:
    """A WhatsApp incident (the family's message) and a Facebook screenshot filed under the
    first, Telegram, incident."""
    j = vault.journal
    family = j.incidents.add(Incident(title="Family message on WhatsApp", occurred_on="2026-03-20",
                                      platforms=["whatsapp"], kinds=["threat_to_family"], description=FAMILY_MESSAGE))
    j.incidents.link_person(family, case.layla)
    shot = folder / "facebook.png"
    shot.write_bytes(chat_png())
    fb = evidence.import_file(vault, case.incidents[0], shot, caption=FACEBOOK_CAPTION,
                              source_url="https://m.facebook.com/story.php?story_fbid=1234567890")
    return OtherPlatforms(family, fb.id)
