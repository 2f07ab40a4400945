"""Contact details and places in free text: phones, e-mails, links, coordinates, addresses.

`find(text)` returns the spans to remove, each with its kind, on the original text (no
folding, so positions are exact). Order matters: links are recognised first and parsed with
urllib (a WhatsApp link is a phone number, a map link is a place), then masked so their
digits and dots are not read again as phones or coordinates. Phone numbers are libphonenumber's
(`phonenumbers.PhoneNumberMatcher`, VALID leniency) in every region Sijil's languages are
spoken in: a national "0532 123 45 67" is only a number once a region says so, and VALID keeps
dates, years, amounts and ids out.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, unquote, urlsplit

import phonenumbers

KIND_PHONE = "phone"
KIND_EMAIL = "email"
KIND_ADDRESS = "address"
KIND_COORDINATES = "coordinates"

Span = tuple[int, int, str]  # start, end, kind

# Where en, fr, es, tr, ar and fa are spoken (and where defenders' contacts often live):
# a national number is recognised if it is valid in any of them. International numbers
# (+ or 00) are recognised everywhere.
REGIONS = (
    "TR", "FR", "BE", "CH", "ES", "MX", "CO", "AR", "VE", "PE", "CL", "GB", "US", "CA", "IE",
    "EG", "SA", "LB", "SY", "IQ", "JO", "PS", "MA", "DZ", "TN", "LY", "SD", "YE", "AE", "QA",
    "KW", "BH", "OM", "IR", "AF", "DE", "NL", "SE",
)
_MIN_PHONE_DIGITS = 6
_DATE = re.compile(r"^\(?(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}[./-]\d{1,2}[./-]\d{1,2})\)?$")
# "2026-03-14 10" before ":30" (libphonenumber rejects that only in ASCII digits).
_DATE_AND_HOUR = re.compile(r"^(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}[./-]\d{1,2}[./-]\d{1,2})[\sT]+\d{1,2}$")
_MINUTES = re.compile(r"^:\d")
# Amounts: "2.300.000 TL", "$ 1 250 000", "٥٠٠٠٠٠٠ ليرة".
_CURRENCIES = (r"[$€£₺﷼]|tl|try|lira|liras|usd|eur|euros?|dollars?|dólares|pesos?|mxn|dinars?|dirhams?|riyals?|"
               r"lbp|egp|sar|aed|irr|afn|francs?|ليرة|ليرات|دولار|يورو|ريال|درهم|دينار|جنيه|تومان|ریال|افغانی|lirası")
_CURRENCY_BEFORE = re.compile(rf"(?i)(?:{_CURRENCIES})\s?$")
_CURRENCY_AFTER = re.compile(rf"(?i)^\s?(?:{_CURRENCIES})(?!\w)")
_CONTEXT = 4
_DIGIT_RUN = re.compile(r"[+＋(]?\d[\d\s().\-‐‑–/]*\d\)?")
_DECIMAL = re.compile(r"^\d+[.,٫]\d+$")
_PHONE_WORD = re.compile(
    r"(?i)(?:\btel|tél|phone|\bcall|number|\bnum|mobile|\bmob|\bcell|\bgsm|whatsapp|\bwa\b|viber|signal|telegram|"
    r"\bsms|numara|telefon|\bcep\b|arayın|teléfono|telefono|móvil|celular|número|portable|appel|"
    r"رقم|هاتف|جوال|موبايل|واتساب|واتس|تلفن|شماره|موبایل|همراه|واتساپ)[^\d]{0,14}$")
_COMPACT_DATE = re.compile(r"^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$")

# A link candidate: a scheme we know carries contacts or places, or a host name followed by a path.
_LINK = re.compile(
    r"(?i)(?<![\w@.])(?:(?:https?|geo|tel|sms|callto|facetime|mailto|viber|sgnl|signal|whatsapp|tg|"
    r"maps|comgooglemaps|yandexmaps|waze):\S+|(?:www\.)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[/#?]\S*)?)"
)
_TRAILING = ".,;:!?)]}>\"'»”’…"
# A link ends before Arabic punctuation, quotes and invisible direction or zero-width marks.
_LINK_END = re.compile(r"[\u060c\u061b\u061f\u06d4«»“”\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_NUMBER_GROUP = re.compile(r"(?: ?[.\-] ?|[ \u00a0\u202f\u200e\u200f\u202a-\u202e\u2066-\u2069])(\d{1,12})")  # one more group of a number after a link
_PHONE_SCHEMES = {"tel", "sms", "callto", "facetime"}
_MAP_SCHEMES = {"geo", "maps", "comgooglemaps", "yandexmaps", "waze"}
_PHONE_KEYS = {"phone", "number", "tel", "mobile", "msisdn", "phone_number", "phonenumber"}
_MAP_HOSTS = re.compile(
    r"^(?:maps\.google\.[a-z.]+|maps\.app\.goo\.gl|goo\.gl|maps\.apple\.com|maps\.apple|(?:maps\.)?yandex\.[a-z.]+|"
    r"(?:[a-z]+\.)?openstreetmap\.org|osm\.org|bing\.com|(?:[a-z]+\.)?here\.com|2gis\.[a-z.]+|"
    r"(?:www\.)?waze\.com|mapcarta\.com|wikimapia\.org|(?:www\.)?google\.[a-z.]+)$"
)
_PHONE_IN_LINK = re.compile(r"^\+?[\d\s().-]{7,}$")
_NUMBER = r"[-+]?\d{1,3}(?:[.٫]\d+)?"
_PAIR = re.compile(rf"(?<![\d.])({_NUMBER})\s*,\s*({_NUMBER})(?![\d.])")

# E-mails, plain and written to dodge harvesters: "name [at] domain [dot] org", "(at)", full-width.
# Spaces only around a bracketed or spaced-out sign: "by @troll. Then" is a handle and a sentence.
_AT = r"(?:[@＠﹫]|\s+[@＠﹫]\s+|\s*[\[({<]\s*(?:at|arroba|arobase)\s*[\])}>]\s*)"
_DOT = r"(?:[.．。｡]|\s+[.．]\s+|\s*[\[({<]\s*(?:dot|point|punto|nokta)\s*[\])}>]\s*|\s+(?:dot|point|punto|nokta)\s+)"
_LOCAL = r"[\w+-]+(?:[.．][\w+-]+)*"
_LABEL = r"[^\W_](?:(?:[^\W_]|-)*[^\W_])?"
# A domain has a letter in its first label and no file extension for a top level: Telegram's
# export names files "photo_12@14-03-2026_10-22-01.jpg".
_DOMAIN_START = r"(?=(?:[^\W_]|-)*[^\W\d_])"
_NOT_FILE = r"(?!(?:jpe?g|png|gif|webp|heic|mp4|mov|ogg|opus|oga|pdf|txt|html?|json|csv|zip)\b)"
_EMAIL = re.compile(rf"(?i){_LOCAL}{_AT}{_DOMAIN_START}{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}{_NOT_FILE}[^\W\d_]{{2,24}}\b")
# "layla at gmail dot com" / "layla at gmail.com": a bare "at" only with a spelled dot or a mail host.
_MAIL_HOSTS = r"(?:gmail|googlemail|hotmail|outlook|live|yahoo|icloud|proton(?:mail)?|yandex|mail|gmx|aol|tutanota)"
_EMAIL_SPOKEN = re.compile(
    rf"(?i)\b{_LOCAL}\s+(?:at|arroba|arobase)\s+(?:{_LABEL}\s+(?:dot|point|punto|nokta)\s+[^\W\d_]{{2,24}}\b"
    rf"|{_MAIL_HOSTS}(?:{_DOT}{_LABEL})+\b)"
)

_COORD_DECIMAL = re.compile(r"(?<![\d.])[-+]?\d{1,2}[.٫]\d{3,}(?:\s*°)?(?:\s*[NS])?\s*[,;/ ]\s*[-+]?\d{1,3}[.٫]\d{3,}"
                            r"(?:\s*°)?(?:\s*[EW])?(?!\.?\d)")
_DMS_ONE = (r"(?:[NSEW]\s*)?\d{1,3}\s*°\s*\d{1,2}(?:[.,]\d+)?\s*['′’]"
            r"(?:\s*\d{1,2}(?:[.,]\d+)?\s*[\"″”])?(?:\s*[NSEW](?![a-z]))?")
_COORD_DMS = re.compile(rf"{_DMS_ONE}(?:[\s,;/]+{_DMS_ONE})?")
# Place codes that are as exact as coordinates: Google Plus Codes ("8G4P+XX", "8G4PXX2X+X5")
# and what3words ("///filled.count.soap").
_PLUS_CODE = re.compile(r"(?<![\w+])[23456789CFGHJMPQRVWX]{4,8}\+[23456789CFGHJMPQRVWX]{0,3}(?![\w+])")
_WHAT3WORDS = re.compile(r"///[^\W\d_]+\.[^\W\d_]+\.[^\W\d_]+")
_COORD_LABELLED = re.compile(r"(?i)\blat(?:itude)?\s*[:=]?\s*[-+]?\d{1,2}[.,٫]\d+\s*[,;/]?\s*"
                             r"(?:lon|lng|long(?:itude)?)\s*[:=]?\s*[-+]?\d{1,3}[.,٫]\d+")
# A pair of numbers is a place, however coarse ("36.2, 37.1"), when a word says so just before
# it: "Location shared: …", "konum", "موقع"; without the word "2.5, 3.1" may be anything.
_PLACE_WORD = re.compile(
    r"(?i)(?:location|position|coord(?:inate)?s?|gps|lat(?:itude)?\s*/\s*lon(?:gitude)?|konum|koordinat(?:lar)?|"
    r"ubicaci[oó]n|posici[oó]n|coordenadas|localisation|emplacement|موقع|الموقع|إحداثيات|احداثيات|موقعیت|مکان|"
    r"مختصات)[^\d\n]{0,30}(?:\d{1,4}[^\d\n.٫]{1,12})?"  # "Live location shared for 15 min: …"
    r"(?<![\d.])([-+]?\d{1,2}(?:[.٫]\d+)?)°?\s*(?:[,;/،]\s*|\s+)([-+]?\d{1,3}(?:[.٫]\d+)?)°?(?![\d.٫])")

# Street addresses, any case. Three shapes: "12 Baker Street" (number, a few words, street
# word), "12 rue de la Paix" / "Calle Mayor 5" / "Atatürk caddesi no 5" (street word and a
# number around its name), and Arabic/Persian "شارع الحمرا رقم 12" / "خیابان ولیعصر پلاک ۵".
_STREET_TR = r"sokak|sok\.|sk\.|sokağı|cadde|caddesi|cad\.|cd\.|mahallesi|mah\.|bulvarı|apartmanı|apt\."
_STREET_AFTER = (r"street|st\.|road|rd\.|avenue|ave\.|boulevard|blvd\.?|lane|drive|close|crescent|terrace|"
                 + _STREET_TR)
# Not "route", "place" or "road": "the route took 3 hours" is no address.
_STREET_BEFORE = (r"rue|avenue|av\.|boulevard|bd|chemin|impasse|allée|quai|calle|c/|avenida|avda\.?|"
                  r"carrera|paseo|plaza|camino|callejón|pasaje")
_NUMBER_MARK = r"(?:no\.?|n°|nº|numéro|número|num\.?|#)"
_UNIT = r"(?:[,/\s]+(?:no|kat|daire|d|apt|flat|piso|puerta|étage|bis|ter)\.?\s*:?\s*\d{1,4}[a-z]?)*"
# Words that never belong to a street's name: keep "2 hours on the street" out (but "14 Kasr
# el Nil Street" and "5 de la Cruz street" are names).
_NOT_NAME = (r"(?!(?:the|a|an|on|in|at|of|to|from|by|for|and|or|with|into|near|every|hours?|minutes?|days?|"
             r"weeks?|months?|years?|times?|people|men|women|police|cars?|bir|ve|ile)\b)")
_WORD = r"[^\W\d_][\w'’.-]*"
_HOUSE = r"\d{1,5}(?:\s?[-–]\s?\d{1,5})?[a-z]?"  # "12", "12b", "12-14"
_FLOOR = r"(?:[,\s]+\d{1,2}\s*[º°ª]\s*(?:izq(?:da|uierda)?|dcha|der(?:echa)?|[a-d]\b)?)?"  # "3º izq"
_BUILDING = r"(?:,?\s*(?:building|bldg\.?|block|house)\s*\d{1,5}[a-z]?)"
_ADDRESS_LATIN = re.compile(
    rf"(?i)\b{_HOUSE}(?:\s*(?:bis|ter))?,?\s+(?:{_STREET_BEFORE})(?!\w)(?:\s+{_WORD}){{1,4}}{_FLOOR}"
    rf"|\b{_HOUSE},?\s+(?:{_NOT_NAME}{_WORD}\s+){{0,3}}(?:{_STREET_AFTER})(?!\w){_UNIT}"
    rf"|\b(?:{_STREET_BEFORE})(?!\w)(?:\s+{_WORD}){{1,4}}?,?\s+(?:{_NUMBER_MARK}\s*:?\s*)?{_HOUSE}\b{_UNIT}{_FLOOR}"
    rf"|\b(?:(?:{_NOT_NAME}{_WORD}\s+){{1,2}}(?:{_STREET_TR})(?!\w)[,\s]*)+(?:{_NUMBER_MARK}\s*:?\s*)?{_HOUSE}\b{_UNIT}"
    rf"|\b(?:{_NOT_NAME}{_WORD}\s+){{1,3}}(?:street|road|avenue|lane|drive|boulevard)(?!\w){_BUILDING}"
    # Colombia and others: "Calle 5 # 32-16", "Cra. 7 No. 32-16".
    rf"|\b(?:calle|cl\.?|carrera|cra\.?|kr\.?|avenida|av\.?|diagonal|dg\.?|transversal|tv\.?)\s*\d{{1,3}}\s*[a-z]?"
    rf"\s*(?:#|no\.?|n°|nº)\s*\d{{1,3}}\s*[a-z]?\s*[-–]\s*\d{{1,3}}"
)
_ADDRESS_ARABIC = re.compile(
    r"(?:شارع|طريق|جادة|زقاق|حي|عمارة|بناية|مبنى|خيابان|خیابان|کوچه|كوچه|بلوار|میدان|ميدان|بن‌بست)\s+"
    r"(?:\S+\s+){0,4}?(?:(?:رقم|پلاک|پلاك|ساختمان|بناء)\s*)?\d{1,5}"
    r"(?:[،,\s]+(?:الطابق|طابق|شقة|منزل|بيت|طبقه|واحد|پلاک|پلاك)\s*\d{1,4})*"
    r"|(?:رقم|پلاک|پلاك)\s*\d{1,5}"
)


def find(text: str) -> list[Span]:
    """Every contact detail or place in `text`, as (start, end, kind)."""
    spans: list[Span] = []
    masked = list(text)
    for m in _LINK.finditer(text):
        token = _LINK_END.split(m.group(0), maxsplit=1)[0].rstrip(_TRAILING)
        if "." not in token and ":" not in token:
            continue
        start, end = m.start(), m.start() + len(token)
        kind = link_kind(token)
        tail_end = _phone_tail(text, token, end) if token[-1:].isdigit() else None
        if tail_end is not None:
            kind, end = KIND_PHONE, tail_end  # "tel:0532 111 22 33", "t.me/+90 532 111 22 33"
        if kind:
            spans.append((start, end, kind))
        if kind or "/" in token or ":" in token:  # a link: its digits are not phones or places
            masked[start:end] = " " * (end - start)
    rest = "".join(masked)
    for regex, kind in ((_EMAIL, KIND_EMAIL), (_EMAIL_SPOKEN, KIND_EMAIL), (_COORD_DECIMAL, KIND_COORDINATES),
                        (_COORD_DMS, KIND_COORDINATES), (_COORD_LABELLED, KIND_COORDINATES), (_PLUS_CODE, KIND_COORDINATES),
                        (_WHAT3WORDS, KIND_COORDINATES), (_ADDRESS_LATIN, KIND_ADDRESS),
                        (_ADDRESS_ARABIC, KIND_ADDRESS)):
        spans += [(m.start(), m.end(), kind) for m in regex.finditer(rest)]
    spans += [(m.start(1), m.end(2), KIND_COORDINATES) for m in _PLACE_WORD.finditer(rest)
              if _valid(*m.groups()) and any(c in m.group(1) + m.group(2) for c in ".٫")]  # "location 12, 15 people" is not
    spans += [(s, e, KIND_PHONE) for s, e in phone_spans(rest)]
    return spans


def _phone_tail(text: str, token: str, end: int) -> int | None:
    """Where a link that is a phone number ends when its number goes on in groups after it
    ("wa.me/+33 612345678"): after the most groups that still make a phone, or None."""
    groups: list[tuple[str, int]] = []  # (digits, where the group ends)
    while len(groups) < 8 and (m := _NUMBER_GROUP.match(text, groups[-1][1] if groups else end)):
        groups.append((m.group(1), m.end()))
    for k in range(len(groups), 0, -1):
        if link_kind(token + "".join(d for d, _e in groups[:k])) == KIND_PHONE:
            return groups[k - 1][1]
    return None


def phone_spans(text: str) -> list[tuple[int, int]]:
    """Phone numbers libphonenumber finds valid in any of `REGIONS` (or anywhere, written with +/00)."""
    if sum(ch.isdigit() for ch in text) < _MIN_PHONE_DIGITS:
        return []
    # Thin, narrow and other spaces, direction marks and zero-width characters separate digit
    # groups as a space does; libphonenumber knows only a few. One character for one keeps positions.
    plain = "".join(" " if ch.isspace() or unicodedata.category(ch) == "Cf" else ch for ch in text)
    found: set[tuple[int, int]] = set()
    # The matcher is run on each run of digits and separators, with a little context either side
    # (it rejects "2026-03-14 10" before ":30"), not on the whole text, and not on runs that can
    # only be dates, decimals, case numbers or amounts: 40 regions over prose cost ~40 ms a paragraph.
    for candidate in _DIGIT_RUN.finditer(plain):
        run, start, end = candidate.group(0).strip(), candidate.start(), candidate.end()
        if sum(ch.isdigit() for ch in run) < _MIN_PHONE_DIGITS + 1 or _never_phone(
                run, plain[max(0, start - 24):start], plain[end:end + 16]):
            continue
        left = max(0, start - _CONTEXT)
        piece = plain[left:end + _CONTEXT]
        run_start = start + candidate.group(0).index(run[0])
        for region in (None, *REGIONS):
            for match in phonenumbers.PhoneNumberMatcher(piece, region, leniency=phonenumbers.Leniency.VALID):
                m_start, m_end = left + match.start, left + match.end
                if _written_as_phone(match, plain[max(0, m_start - 24):m_start], plain[m_end:m_end + 16]):
                    found.add((m_start, m_end))
            if any(a <= run_start and b >= run_start + len(run) for a, b in found):
                break  # the whole run is one number already: other regions cannot add to it
        bare = run.strip("()")
        bare_start = run_start + run.index(bare) if bare else run_start
        if _bare_international(bare) and not any(a <= bare_start < b for a, b in found):
            found.add((bare_start, bare_start + len(bare)))
    return sorted(found)


def _bare_international(run: str) -> bool:
    """A number written with its country code but without + or 00, as WhatsApp names an
    account and wa.me links carry it ("491701234567", "٩٠٥٣٢١١١٢٢٣٣"): 11 to 15 digits in one
    piece that are a valid mobile number once read as international. Shorter ids and 16+
    digit post ids stay."""
    if not run.isdigit() or not 11 <= len(run) <= 15:
        return False
    try:
        number = phonenumbers.parse("+" + "".join(str(int(ch)) for ch in run), None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in (
        phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)


def _never_phone(raw: str, before: str, after: str) -> bool:
    """Dates, times, decimals, amounts, and (without + or 0) case numbers: whatever region."""
    digits = "".join(str(int(ch)) for ch in raw if ch.isdigit())
    if _DATE.match(raw) or _DATE_AND_HOUR.match(raw) or (len(digits) == 8 and _COMPACT_DATE.match(digits)) \
            or _MINUTES.match(after) or _CURRENCY_BEFORE.search(before) or _CURRENCY_AFTER.match(after):
        return True
    return not raw.startswith(("+", "＋", "(")) and not digits.startswith("0") and "/" in raw


def _written_as_phone(match: phonenumbers.PhoneNumberMatch, before: str, after: str) -> bool:
    """Some regions (Tunisia, Qatar, Peru, Spain, Mexico...) dial national numbers without a
    leading 0, so a date, an amount, a decimal, a year/number or an id can be "valid" there.
    Dates, times and amounts never count; otherwise a number counts when it is written the way
    people write phones: with + or 0; not as a case number; after a word such as "phone", "رقم"
    or "شماره"; grouped (not as one decimal); or as a 10-digit mobile."""
    raw = match.raw_string
    digits = "".join(str(int(ch)) for ch in raw if ch.isdigit())
    if len(digits) < _MIN_PHONE_DIGITS + 1 or _never_phone(raw, before, after):
        return False
    if raw.startswith("+") or digits.startswith("0"):
        return True
    if _PHONE_WORD.search(before):
        return True
    if _DECIMAL.match(raw):  # "3312.3000"
        return False
    if any(sep in raw for sep in " .-()"):
        return True
    return len(digits) >= 10 and phonenumbers.number_type(match.number) == phonenumbers.PhoneNumberType.MOBILE


def is_phone(value: str) -> bool:
    """A whole value (a link's path, a query parameter) that is a phone number."""
    value = unquote(value).strip()
    if not _PHONE_IN_LINK.match(value):
        return False
    # wa.me/905321112233 and t.me/+905321112233 carry the country code without "+".
    candidate = value if value.startswith("+") else "+" + value
    return bool(phone_spans(candidate)) or bool(phone_spans(value))


def link_kind(link: str) -> str | None:
    """What a link gives away: a phone number, an e-mail, a place, or nothing (None)."""
    raw = link if re.match(r"(?i)^[a-z][a-z0-9+.-]*:", link) and not re.match(r"(?i)^[\w.-]+\.[a-z]{2,}[:/]", link) \
        else "https://" + link
    try:
        parts = urlsplit(raw)
    except ValueError:
        return None
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower().removeprefix("www.")
    query = [(k.lower(), v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    path = unquote(parts.path)
    if scheme in _PHONE_SCHEMES:
        return KIND_PHONE
    if scheme == "mailto":
        return KIND_EMAIL
    if scheme in _MAP_SCHEMES:
        return KIND_COORDINATES
    if host == "wa.me" and is_phone(path.strip("/")):
        return KIND_PHONE
    if host in ("t.me", "telegram.me", "telegram.dog") and path.startswith("/+") and is_phone(path[1:]):
        return KIND_PHONE
    if host == "signal.me" or scheme in ("sgnl", "signal"):
        fragment = unquote(parts.fragment)
        if fragment.startswith("p/") and is_phone(fragment[2:]):
            return KIND_PHONE
    if any(k in _PHONE_KEYS and is_phone(v) for k, v in query):
        return KIND_PHONE
    if _is_map(host, path) or coordinates(parts.path, query, unquote(parts.fragment)) is not None:
        return KIND_COORDINATES
    return None


def _is_map(host: str, path: str) -> bool:
    if not _MAP_HOSTS.match(host):
        return False
    if host.startswith(("google.", "bing.", "goo.gl", "yandex.")):
        return path.startswith("/maps") or host.startswith("maps.")
    return True


def coordinates(path: str, query: list[tuple[str, str]], fragment: str) -> tuple[float, float] | None:
    """A latitude/longitude pair a link carries: Google's /@lat,lng and ?q=lat,lng, Apple's
    ?ll= and ?q=, Yandex's ?ll=lon,lat and ?pt=, OpenStreetMap's #map=z/lat/lon and
    ?mlat=&mlon=, geo-like ?lat=&lon= and any other query value that is a pair."""
    values = dict(query)
    for lat_key, lon_key in (("mlat", "mlon"), ("lat", "lon"), ("lat", "lng"), ("latitude", "longitude")):
        if lat_key in values and lon_key in values:
            pair = _valid(values[lat_key], values[lon_key])
            if pair:
                return pair
    osm = re.search(r"map=\d+(?:\.\d+)?/([-\d.]+)/([-\d.]+)", fragment)
    if osm and _valid(*osm.groups()):
        return _valid(*osm.groups())
    for text in (unquote(path), *(v for _k, v in query), fragment):
        for m in _PAIR.finditer(text.replace("~", ",")):
            pair = _valid(*m.groups()) or _valid(m.group(2), m.group(1))  # Yandex writes lon,lat
            if pair and ("." in m.group(1) or "." in m.group(2)):
                return pair
    return None


def _valid(lat: str, lon: str) -> tuple[float, float] | None:
    try:
        a, b = float(lat.replace("٫", ".")), float(lon.replace("٫", "."))
    except ValueError:
        return None
    return (a, b) if -90 <= a <= 90 and -180 <= b <= 180 else None
