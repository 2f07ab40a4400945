"""A vault full of realistic, fictional data for trying the program (`sijil demo`).

Every person, account, link and number here is invented. Screenshots are drawn with
Pillow in memory and imported through the normal evidence path, so the demo exercises the
same code (encryption, thumbnails, metadata) as real use.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PIL import Image, ImageDraw

from app.core import evidence
from app.core.export.vocabulary import word
from app.core.models import (
    Actor,
    Assessment,
    Incident,
    Measure,
    Person,
    PlatformReport,
    ReportItem,
    Step,
)
from app.core.vault import Vault

DEMO_PASSPHRASE = "demo journal passphrase"

_PERSONS = [
    Person(name="Rania Khalil", pseudonym="Defender A", aliases=["رانيا خليل", "Rania Kh."],
           gender="woman", age="34", nationality="Syrian", profession="journalist",
           human_rights_work="documents detention of women in northern Syria",
           consent_un=True, consent_platform=True,
           un_aware_letter="yes", un_name_to_addressee="yes", un_public_report="initials"),
    Person(name="Elif Demir", pseudonym="Defender B", aliases=["Av. Elif Demir"], gender="woman",
           age="41", nationality="Turkish", profession="lawyer",
           human_rights_work="represents survivors of gender-based violence", consent_un=True),
    Person(name="Mariana López Ríos", pseudonym="Defender C", aliases=["Mari López"], gender="woman",
           age="29", nationality="Colombian", profession="community leader",
           human_rights_work="land and environmental defender in Cauca", consent_un=True,
           consent_platform=True, consent_public=True),
    Person(name="Shirin Ahmadi", pseudonym="Defender D", aliases=["شیرین احمدی"], gender="woman",
           age="37", nationality="Iranian", profession="teacher",
           human_rights_work="campaigns against compulsory hijab laws"),
    Person(name="Omar Khalil", pseudonym="Relative A1", aliases=["عمر خليل"], role="relative",
           notes="Rania's brother; named in threats"),
]

_ACTORS = [
    Actor(platform="telegram", handle="@northern_truth_channel", display_name="Northern Truth",
          numeric_id="-1001783344120", follower_count=48200, state_actor="unknown",
          motive="silence reporting on detention", profile_url="https://t.me/northern_truth_channel"),
    Actor(platform="telegram", handle="@watchers_of_honour", display_name="حراس الشرف",
          numeric_id="-1001655091877", follower_count=12900, state_actor="non_state",
          motive="punish women journalists"),
    Actor(platform="facebook", handle="truth.seekers.aleppo", display_name="Truth Seekers",
          numeric_id="100089337120455", follower_count=8700, state_actor="unknown",
          motive="smear campaign"),
    Actor(platform="x", handle="@vatan_sesi_77", display_name="Vatan Sesi", numeric_id="1579923311002",
          follower_count=3100, state_actor="unknown", motive="discredit her cases"),
    Actor(platform="x", handle="@adalet_bekcisi", display_name="Adalet Bekçisi", numeric_id="1622330098117",
          follower_count=950, state_actor="unknown", motive="coordinated harassment"),
    Actor(platform="whatsapp", handle="+57 3xx (withheld)", display_name="Unknown number",
          state_actor="non_state", motive="stop opposition to mining concession", kind="person"),
    Actor(kind="group", display_name="Armed group operating near the reserve", state_actor="non_state",
          motive="control of land", platform="in_person"),
    Actor(platform="instagram", handle="@hijab_police_watch", display_name="Morality Watch",
          numeric_id="51889201331", follower_count=22000, state_actor="state",
          motive="intimidate activists", notes="Posts match wording of official statements"),
]

_STORIES = [
    # (person index, actor indices, platform, kinds, title, description, translation, severity, followup)
    (0, [0, 1], "telegram", ["death_threat", "threat_to_family"], "Death threat posted on Telegram channel",
     "نشرت القناة صورتي مع عبارة «نهايتك قريبة» وذكرت اسم أخي عمر وعنوان عمله.",
     "The channel posted my photo with the words 'your end is near' and named my brother Omar and his workplace.", 5, False),
    (0, [0], "telegram", ["doxxing"], "Home neighbourhood published",
     "نُشر اسم الحي الذي أسكن فيه مع صورة لمدخل البناء.",
     "The name of the neighbourhood where I live was published with a photo of the building entrance.", 4, False),
    (0, [2], "facebook", ["defamation", "disinformation"], "Smear post calls her a foreign agent",
     "منشور يزعم أنني أتلقى أموالاً من جهات أجنبية، تمت مشاركته أكثر من ٣٠٠ مرة.",
     "A post claims I receive money from foreign entities; shared more than 300 times.", 3, False),
    (0, [1], "telegram", ["offline_confrontation", "stalking"], "Man photographed her outside the office",
     "رجل صوّرني أمام المكتب بعد يومين من التهديد على تيليغرام.",
     "A man photographed me in front of the office two days after the Telegram threat.", 5, True),
    (1, [3, 4], "x", ["hate_speech", "defamation"], "Coordinated posts after court hearing",
     "Duruşmadan sonra aynı metni paylaşan 40'tan fazla hesap: 'Bu avukat aileyi yıkıyor.'",
     "More than 40 accounts posted the same text after the hearing: 'This lawyer destroys families.'", 3, False),
    (1, [4], "x", ["deepfake", "sexual_harassment"], "Manipulated intimate image circulated",
     "Yüzüm başka bir fotoğrafa yerleştirilmiş; özel mesajla meslektaşlarıma gönderilmiş.",
     "My face was placed on another photo and sent to my colleagues by private message.", 4, False),
    (1, [3], "email", ["threat_of_violence"], "Threatening email to the law office",
     "Büroya gelen e-postada 'duruşma salonundan çıkamayacaksın' yazıyordu.",
     "The email to the office said 'you will not leave the courtroom'.", 4, False),
    (2, [5], "whatsapp", ["death_threat"], "WhatsApp voice note with death threat",
     "Nota de voz: «Deje de hablar de la mina o la vamos a callar para siempre».",
     "Voice note: 'Stop talking about the mine or we will silence you forever.'", 5, False),
    (2, [6], "in_person", ["offline_confrontation", "threat_of_violence"], "Armed men at the community meeting",
     "Tres hombres armados entraron a la reunión y preguntaron por la lideresa.",
     "Three armed men entered the meeting and asked for the woman leader.", 5, True),
    (2, [5], "sms", ["threat_to_family"], "SMS naming her daughter's school",
     "Mensaje con el nombre del colegio de mi hija y la hora de salida.",
     "Message with the name of my daughter's school and the time classes end.", 5, False),
    (3, [7], "instagram", ["hate_speech", "impersonation"], "Fake account using her name",
     "حسابی جعلی با نام من پیام‌هایی علیه حجاب منتشر می‌کند تا مرا متهم کنند.",
     "A fake account using my name posts messages against the hijab to incriminate me.", 3, False),
    (3, [7], "email", ["hacking", "surveillance"], "Phishing link and login alerts",
     "ایمیلی با لینک جعلی ورود و سپس هشدار ورود از دستگاه ناشناس.",
     "An email with a fake login link, then a login alert from an unknown device.", 4, False),
    (0, [1], "in_person", ["threat_to_family", "offline_confrontation"], "Two men threatened her brother at his work",
     "جاء رجلان إلى مكان عمل أخي عمر وقالا له: قل لأختك أن تتوقف عن الكتابة وإلا ستدفع العائلة الثمن.",
     "Two men came to my brother Omar's workplace and told him: tell your sister to stop writing or the "
     "family will pay.", 5, True),
]

# Smaller, repeated attacks that fill the months between the serious incidents.
_FOLLOW_UPS = [
    (0, 1, "telegram", ["hate_speech"], "Insulting comments under her report",
     "تعليقات مسيئة تصفني بالخائنة تحت تقريري الأخير.", "Abusive comments calling me a traitor under my latest report."),
    (0, 2, "facebook", ["disinformation"], "Edited video shared to discredit her",
     "مقطع فيديو معدّل يظهرني وكأنني أهاجم المعتقلات.", "An edited video makes it look as if I attack the detainees."),
    (1, 3, "x", ["doxxing"], "Office address posted with a threat",
     "Büro adresim 'yakında ziyaret edeceğiz' notuyla paylaşıldı.", "My office address was posted with 'we will visit soon'."),
    (1, 4, "x", ["impersonation"], "Account impersonating her law firm",
     "Büromun adını kullanan sahte hesap müvekkillere mesaj atıyor.", "A fake account using my firm's name messages clients."),
    (2, 5, "whatsapp", ["threat_of_violence"], "Messages to the community group",
     "Mensajes en el grupo comunitario: «la lideresa está marcada».", "Messages in the community group: 'the leader is marked'."),
    (3, 7, "instagram", ["sexual_harassment"], "Sexualised comments on her photo",
     "نظرات جنسی زیر عکس من که توسط ده‌ها حساب تکرار شد.", "Sexualised comments under my photo, repeated by dozens of accounts."),
]

_CHAT_COLOURS = {"telegram": "#e7f0f9", "facebook": "#f0f2f5", "x": "#f5f8fa", "whatsapp": "#e5ddd5",
                 "instagram": "#fafafa", "email": "#ffffff", "sms": "#f2f2f7", "in_person": "#eeeeee"}


def _screenshot(platform: str, handle: str, lines: list[str], seed: int) -> bytes:
    """A fictional, obviously synthetic chat screenshot."""
    rng = random.Random(seed)
    img = Image.new("RGB", (720, 480), _CHAT_COLOURS.get(platform, "#ffffff"))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, 720, 56), fill="#2b5278" if platform == "telegram" else "#3b5998")
    draw.text((20, 18), f"{handle}  ·  {word(platform, 'en')}", fill="white")
    y = 80
    for line in lines:
        width = 60 + 7 * len(line)
        draw.rounded_rectangle((20, y, min(700, 20 + width), y + 44), radius=12, fill="white", outline="#cccccc")
        draw.text((34, y + 14), line[:90], fill="#222222")
        y += 60 + rng.randint(0, 20)
    draw.text((520, 450), "SAMPLE - fictional", fill="#999999")
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def _photo_with_gps(seed: int) -> bytes:
    """A JPEG 'photo' carrying camera EXIF and (fictional) GPS, as phones produce."""
    rng = random.Random(seed)
    img = Image.new("RGB", (640, 480), (rng.randint(60, 120), rng.randint(60, 120), rng.randint(60, 120)))
    draw = ImageDraw.Draw(img)
    for _ in range(12):
        x, y = rng.randint(0, 600), rng.randint(0, 440)
        draw.rectangle((x, y, x + rng.randint(20, 120), y + rng.randint(20, 80)), fill=(rng.randint(0, 255),) * 3)
    exif = Image.Exif()
    exif[0x010F] = "SampleCam"          # Make
    exif[0x0110] = "Model X1"           # Model
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (36.0, 12.0, 30.0)
    gps[3], gps[4] = "E", (37.0, 9.0, 15.0)
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif, quality=85)
    return out.getvalue()


def create_demo(path: Path, passphrase: str = DEMO_PASSPHRASE, strength: str = "normal",
                progress: Callable[[int, int], None] | None = None) -> Vault:
    """Create a new vault at `path` filled with fictional cases; returns it unlocked."""
    vault = Vault.create(path, passphrase, strength)
    j = vault.journal
    person_ids = [j.persons.add(p) for p in _PERSONS]
    actor_ids = [j.actors.add(a) for a in _ACTORS]
    start = date.today() - timedelta(days=300)
    incident_ids = []
    total = len(_STORIES)
    for n, (who, actors, platform, kinds, title, text, translation, severity, followup) in enumerate(_STORIES):
        when = start + timedelta(days=n * 23 + (who * 5))
        iid = j.incidents.add(Incident(
            title=title, occurred_on=when.isoformat(), occurred_time="21:40" if n % 3 else "",
            approximate=n % 4 == 0, location=["Gaziantep", "Istanbul", "Popayán, Cauca", "Tehran"][who],
            platforms=[platform], kinds=kinds, description=text, translation=translation,
            translation_language="en", severity=severity, status="ongoing" if severity >= 5 else "open",
            offline_followup=followup, confidential=n == 1, tags=["demo"],
            current_situation="Threats continue; she has changed her route to work." if severity >= 4 else "",
        ))
        incident_ids.append(iid)
        j.incidents.link_person(iid, person_ids[who])
        if who == 0 and "threat_to_family" in kinds:
            j.incidents.link_person(iid, person_ids[4])
        for a in actors:
            j.incidents.link_actor(iid, actor_ids[a])
        handle = _ACTORS[actors[0]].handle or _ACTORS[actors[0]].display_name
        shot = _screenshot(platform, handle, [translation[:80], "(original message kept in the journal)"], n)
        evidence.import_bytes(vault, iid, shot, name=f"screenshot-{n}.png",
                              source_url=f"https://t.me/{handle.lstrip('@')}/{4100 + n}" if platform == "telegram" else "",
                              caption="Written account of what was said" if platform == "in_person"
                              else f"Screenshot of the {word(platform, 'en')} message")
        if n in (3, 8):
            evidence.import_bytes(vault, iid, _photo_with_gps(n), name="IMG_2041.jpg", caption="Photo taken on the day")
        if progress:
            progress(n + 1, total)

    for k in range(18):
        who, actor, platform, kinds, title, text, translation = _FOLLOW_UPS[k % len(_FOLLOW_UPS)]
        when = start + timedelta(days=7 + k * 16)
        iid = j.incidents.add(Incident(
            title=title, occurred_on=when.isoformat(), approximate=k % 5 == 0,
            location=["Gaziantep", "Istanbul", "Popayán, Cauca", "Tehran"][who], platforms=[platform],
            kinds=kinds, description=text, translation=translation, translation_language="en",
            severity=2 + k % 2, status="closed" if k < 6 else "open", tags=["demo", "pattern"],
        ))
        j.incidents.link_person(iid, person_ids[who])
        j.incidents.link_actor(iid, actor_ids[actor])

    j.incidents.add_step(Step(incident_ids[0], (start + timedelta(days=3)).isoformat(), kind="police",
                              body="Gaziantep police", description="Filed a complaint with screenshots.",
                              response="Told to delete her social media accounts."))
    j.incidents.add_step(Step(incident_ids[7], (start + timedelta(days=170)).isoformat(), kind="prosecutor",
                              body="Fiscalía General de la Nación", description="Denuncia penal por amenazas.",
                              response="Case number assigned; no protection measures yet.",
                              response_on=(start + timedelta(days=200)).isoformat()))
    j.incidents.add_step(Step(incident_ids[8], (start + timedelta(days=190)).isoformat(), kind="national_institution",
                              body="Unidad Nacional de Protección", description="Requested protection scheme."))

    # Seven reported to Telegram: two posts removed, one channel closed, four never answered.
    telegram_items = [ReportItem(url=f"https://t.me/northern_truth_channel/{4100 + k}", actor_id=actor_ids[k % 2],
                                 posted_at=(start + timedelta(days=k)).isoformat(), rule="Violent threats",
                                 outcome="removed" if k in (0, 3) else "no_response") for k in range(7)]
    telegram_items[5].url, telegram_items[5].outcome = "https://t.me/watchers_of_honour", "channel_closed"
    j.reports.add(PlatformReport(platform="telegram", filed_on=(start + timedelta(days=5)).isoformat(),
                                 channel="in_app", reference="", status="partly_removed",
                                 incident_ids=incident_ids[:2], items=telegram_items))
    j.reports.add(PlatformReport(platform="facebook", filed_on=(start + timedelta(days=50)).isoformat(),
                                 channel="form", reference="FB-CASE-5512093", status="refused",
                                 response_on=(start + timedelta(days=58)).isoformat(),
                                 response_text="We reviewed the post and found it doesn't go against our Community Standards.",
                                 incident_ids=[incident_ids[2]],
                                 items=[ReportItem(url="https://facebook.com/truth.seekers.aleppo/posts/771203",
                                                   actor_id=actor_ids[2], outcome="no_violation")]))
    j.reports.add(PlatformReport(platform="x", filed_on=(date.today() - timedelta(days=45)).isoformat(),
                                 channel="form", reference="X-0193-2207", status="pending",
                                 incident_ids=incident_ids[4:6],
                                 items=[ReportItem(url=f"https://x.com/vatan_sesi_77/status/17990{k}", actor_id=actor_ids[3])
                                        for k in range(4)]))
    j.reports.add(PlatformReport(platform="whatsapp", filed_on=(date.today() - timedelta(days=8)).isoformat(),
                                 channel="in_app", status="pending", incident_ids=[incident_ids[7]]))

    j.assessments.add(Assessment(assessed_on=(start + timedelta(days=10)).isoformat(), likelihood=3, impact=4,
                                 indicators=["specific_threat", "personal_data_exposed"],
                                 notes="Threats online only so far.", next_review=(start + timedelta(days=40)).isoformat(),
                                 measures=[Measure("Lock down social media privacy settings", "done")]))
    j.assessments.add(Assessment(assessed_on=(date.today() - timedelta(days=20)).isoformat(), likelihood=4, impact=5,
                                 indicators=["specific_threat", "personal_data_exposed", "offline_contact",
                                             "escalation", "coordinated_accounts", "threats_to_family"],
                                 notes="Online threats were followed by a man photographing her at the office.",
                                 next_review=(date.today() + timedelta(days=10)).isoformat(),
                                 measures=[Measure("Change route and times to the office", "in_progress"),
                                           Measure("Temporary relocation plan with the network", "planned"),
                                           Measure("Brief family on safety protocol", "done")]))
    return vault
