"""The time a phone or computer wrote into a picture's file name, when the picture itself
carries none (screenshots rarely have EXIF):

  Screenshot_20230704-103015_Telegram.jpg       Android (Samsung, Pixel)
  Screenshot_2023-07-04-10-30-15-123_com.x.jpg  MIUI
  Screenshot 2023-07-04 at 10.30.15.png         macOS (and "Screen Shot ... at 1.30.15 PM")
  Screenshot 2023-07-04 103015.png              Windows Snipping Tool
  IMG_20230704_103015.jpg, PXL_20230704_103015123.jpg, VID_20230704_103015.mp4
  WhatsApp Image 2023-07-04 at 10.30.15.jpeg    (and "... 10.30.15 AM (1).jpeg")
  لقطة شاشة ٢٠٢٣-٠٧-٠٤ في ١٠.٣٠.١٥.png           any script's digits

The time is the device's local time: no offset is stated, none is invented.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

_STAMP = re.compile(
    r"(?<!\d)((?:19|20)\d\d)([-_.]?)(\d\d)\2(\d\d)"          # date, one separator throughout
    r"(?:[ _\-T]|\s*[^\W\d_]{1,12}\s*|\s*[^\w\s]\s*){1,3}?"    # " at ", "_", "-", " في ", " à "
    r"(?<!\d)(\d\d?)([-_.:]?)(\d\d)\6(\d\d)(?:\d{1,3})?(?!\d)"  # time (macOS: "1.30.15 PM"), milliseconds
    r"(?:[\s\u202f]*([AaPp])\.?[Mm]\.?)?")


def _latin_digits(text: str) -> str:
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def time_from_name(name: str) -> str:
    """ISO 8601 without an offset ("2023-07-04T10:30:15"), or "" when the name holds no time."""
    stem = _latin_digits(unicodedata.normalize("NFC", name.rpartition("/")[2]))
    for found in _STAMP.finditer(stem):
        year, _s, month, day, hour, _t, minute, second, half = found.groups()
        h = int(hour)
        if len(hour) == 1 and not _t:
            continue  # "9301" is no time
        if half:
            if not 1 <= h <= 12:
                continue
            h = h % 12 + (12 if half.lower() == "p" else 0)
        try:
            return datetime(int(year), int(month), int(day), h, int(minute), int(second)).isoformat()
        except ValueError:
            continue
    return ""
