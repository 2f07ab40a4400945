"""Telegram exports with shared contacts and places, as Telegram Desktop writes them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tests.core.importers import exports as ex

VCARD = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rana Haddad\r\nTEL;TYPE=CELL:+49 170 5550123\r\n"
         b"NOTE:safe house contact\r\nEND:VCARD\r\n")
START = datetime(2023, 7, 4, 10, 0)


def json_export(folder: Path) -> Path:
    contact = ex.telegram_message(2, START, text="")
    contact["contact_information"] = {"first_name": "Rana", "last_name": "Haddad", "phone_number": "+49 170 5550123"}
    contact["contact_vcard"] = "contacts/contact_1.vcard"
    point = ex.telegram_message(3, START, text="")
    point["location_information"] = {"latitude": 36.202105, "longitude": 37.134260}
    live = ex.telegram_message(4, START, text="we see you")
    live["location_information"] = {"latitude": -33.8688, "longitude": 151.2093}
    live["live_location_period_seconds"] = 900
    venue = ex.telegram_message(5, START, text="")
    venue.update(location_information={"latitude": 36.199, "longitude": 37.1627}, place_name="Citadel of Aleppo",
                 address="Al-Qalaa, Aleppo")
    missing = ex.telegram_message(6, START, text="")
    missing["contact_information"] = {"first_name": "Omar", "last_name": "", "phone_number": "0049 171 2223344"}
    missing["contact_vcard"] = "(File not included. Change data exporting settings to download.)"
    return ex.telegram_export(folder, [contact, point, live, venue, missing, ex.telegram_message(7, START)],
                              photos={"contacts/contact_1.vcard": VCARD})


def _media(href: str, icon: str, title: str, status: str) -> str:
    opening = f'<a class="media clearfix pull_left block_link" href="{href}">' if href else \
        '<div class="media clearfix pull_left">'
    return f'''
   <div class="media_wrap clearfix">
    {opening}
     <div class="fill pull_left {icon}">
     </div>
     <div class="body">
      <div class="title bold">
{title}
      </div>
      <div class="status details">
{status}
      </div>
     </div>
    {"</a>" if href else "</div>"}
   </div>'''


def html_export(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "contacts").mkdir(exist_ok=True)
    (folder / "contacts" / "contact_1.vcard").write_bytes(VCARD)
    maps = "https://maps.google.com/maps?q=36.202105,37.13426&amp;ll=36.202105,37.13426&amp;z=16"
    bodies = {
        2: _media("contacts/contact_1.vcard", "media_contact", "Rana Haddad", "+49 170 5550123"),
        3: _media(maps, "media_location", "Location", "36.202105, 37.13426"),
        4: _media("https://maps.google.com/maps?q=36.199,37.1627&amp;ll=36.199,37.1627&amp;z=16", "media_venue",
                  "Citadel of Aleppo", "Al-Qalaa, Aleppo"),
        5: _media("", "media_contact", "Omar", "0049 171 2223344") + '\n   <div class="text">call him</div>',
        6: '<div class="text">just text</div>',
    }
    rows = "".join(f'''
 <div class="message default clearfix" id="message{i}">
  <div class="body">
   <div class="pull_right date details" title="04.07.2023 10:0{i}:00 UTC+03:00">10:0{i}</div>
   <div class="from_name">Harasser</div>{body}
  </div>
 </div>''' for i, body in bodies.items())
    (folder / "messages.html").write_text(f'''<!DOCTYPE html><html><head><meta charset="utf-8"/></head><body>
<div class="page_wrap"><div class="page_header"><div class="content"><div class="text bold">Campaign group</div>
</div></div><div class="page_body chat_page"><div class="history">{rows}
</div></div></div></body></html>''', encoding="utf-8")
    return folder
