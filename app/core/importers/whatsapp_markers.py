"""The words WhatsApp writes into an export, per language: clock words, attachment and
omitted-media markers, deleted and edited messages, locations, polls and system lines.

They come from the phones' own strings (iOS Localizable.strings, Android strings.xml, as
collected by public parsers such as whats_json and whatstk) for the languages of the people
this journal serves first: English, Arabic, Persian, Turkish, French, Spanish, German,
Portuguese, Italian, Russian, Indonesian, Dutch. A marker not listed here is read as text,
never dropped. Everything is compared after `fold`: case folded, marks and final dot removed.
"""

from __future__ import annotations

import functools
import re

# Direction marks and isolates phones put before dates, names and markers (and around numbers).
MARK_CHARS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
MARKS = re.compile(f"[{MARK_CHARS}]+")
# Whitespace and marks at the edges of a message: phones pad markers with them.
EDGE_CHARS = MARK_CHARS + " \t\r\n\f\v\u00a0\u202f\u2009\u200a\u2007\ufeff"

# Clock words: after the time ("10:30 PM", "10:30 م", "10:30 ب.ظ") or before it ("上午10:30",
# "오후 10:30", "ÖS 10:30"). Compared without spaces and dots, in lower case.
CLOCK_WORDS = ("a. m.", "p. m.", "a.m.", "p.m.", "am", "pm", "ص", "م", "ق.ظ", "ب.ظ", "ÖÖ", "ÖS", "vorm.",
               "nachm.", "π.μ.", "μ.μ.", "πμ", "μμ", "上午", "下午", "午前", "午後", "오전", "오후", "SA", "CH")
PM = {"pm", "م", "بظ", "ös", "nachm", "μμ", "下午", "午後", "오후", "ch"}
AM = {"am", "ص", "قظ", "öö", "vorm", "πμ", "上午", "午前", "오전", "sa"}


@functools.lru_cache(maxsize=256)
def clock_word(token: str) -> str:
    """"am" or "pm" for a clock word as written, "" when it is neither."""
    key = "".join(token.split()).replace(".", "").lower()
    return "pm" if key in PM else "am" if key in AM else ""


def fold(text: str) -> str:
    return MARKS.sub("", text).strip(EDGE_CHARS).rstrip(".。").strip().casefold()


# Android: "IMG-20230704-WA0003.jpg (file attached)" (the word in parentheses).
FILE_ATTACHED = {fold(w) for w in (
    "file attached", "archivo adjunto", "archivo adjuntado", "Datei angehängt", "fichier joint", "file allegato",
    "arquivo anexado", "ficheiro anexado", "dosya ekli", "файл добавлен", "file terlampir", "الملف مرفق",
    "فایل پیوست شد", "پیوست شد", "bestand bijgevoegd", "fișier atașat", "załączony plik")}
# iOS: "<attached: 00000012-PHOTO-2023-07-04-10-30-15.jpg>" (the word before the colon).
ANGLE_ATTACHED = {fold(w) for w in (
    "attached", "adjunto", "Anhang", "pièce jointe", "allegato", "anexo", "anexado", "ek", "eklendi",
    "прикреплено", "вложение", "terlampir", "lampiran", "المُرفق", "مرفق", "پیوست", "bijgevoegd")}
# Android, exported without media: the whole message is "<Media omitted>".
MEDIA_OMITTED = {fold(w) for w in (
    "<Media omitted>", "<Medien ausgeschlossen>", "<Medien weggelassen>", "<Multimedia omitido>",
    "<Archivo omitido>", "<Médias omis>", "<Fichier omis>", "<Media omesso>", "<Media omessi>",
    "<Mídia oculta>", "<Mídia omitida>", "<Ficheiro não revelado>", "<Medya dahil edilmedi>",
    "<Medya atlanmış>", "<Без медиафайлов>", "<Файл пропущен>", "<Media tidak disertakan>",
    "<تم استبعاد الوسائط>", "<رسانه حذف شد>", "<پيوست نما/آهنگ حذف شد>", "<Media weggelaten>")}
# iOS, exported without media: "image omitted", "sticker omitted"..., by kind of media.
_OMITTED_BY_KIND = {
    "photo": ("image omitted", "sticker omitted", "imagen omitida", "sticker omitido", "Bild weggelassen",
              "Sticker weggelassen", "image absente", "sticker omis", "imagem ocultada", "imagem não revelada",
              "figurinha omitida", "immagine omessa", "sticker non incluso", "görüntü dahil edilmedi",
              "Çıkartma dahil edilmedi", "изображение отсутствует", "стикер не добавлен",
              "gambar tidak disertakan", "stiker tidak disertakan", "لم يتم إدراج الصورة", "تم حذف الملصقات",
              "الصورة محذوفة", "تصویر حذف شد", "عکس حذف شد", "استیکر حذف شد", "afbeelding weggelaten"),
    "video": ("video omitted", "GIF omitted", "Video omitido", "vídeo omitido", "GIF omitido", "Video weggelassen",
              "GIF weggelassen", "vidéo absente", "GIF retiré", "vídeo não revelado", "GIF não revelada",
              "video omesso", "GIF esclusa", "video dahil edilmedi", "GIF dahil edilmedi", "видео отсутствует",
              "GIF отсутствует", "video tidak disertakan", "GIF tidak disertakan", "لم يتم إدراج الفيديوهات",
              "لم يتم إدراج صورة GIF", "ویدیو حذف شد", "GIF حذف شد", "video weggelaten"),
    "voice": ("audio omitted", "audio omitido", "Audio weggelassen", "audio omis", "áudio ocultado",
              "ficheiro de áudio não revelado", "audio omesso", "ses dahil edilmedi", "аудиофайл отсутствует",
              "audio tidak disertakan", "لم يتم إدراج المقاطع الصوتية", "صدا حذف شد", "audio weggelaten"),
    "file": ("document omitted", "documento omitido", "Dokument weggelassen", "document manquant",
             "documento não revelado", "documento omesso", "belge dahil edilmedi", "документ отсутствует",
             "dokumen tidak disertakan", "لم يتم إدراج المستند", "سند حذف شد", "document weggelaten"),
    "contact": ("Contact card omitted", "Tarjeta de contacto omitida", "Kontaktkarte ausgelassen",
                "Fiche contact manquante", "Cartão do contato omitido", "Contacto não revelado",
                "Scheda contatto omessa", "Kişi kartı dahil edilmedi", "Карточка контакта отсутствует",
                "Kartu kontak tidak disertakan", "لم يتم إدراج بطاقة جهة اتصال", "برگ مخاطب حذف شد"),
}
OMITTED = {fold(w): kind for kind, words in _OMITTED_BY_KIND.items() for w in words}
_OMITTED_LAST = {key.rpartition(" ")[2] for key in OMITTED}

DELETED = {fold(w) for w in (
    "This message was deleted", "You deleted this message", "This message was deleted by an admin",
    "You deleted this message as admin", "Se eliminó este mensaje", "Eliminaste este mensaje",
    "Este mensaje fue eliminado", "Diese Nachricht wurde gelöscht", "Du hast diese Nachricht gelöscht",
    "Ce message a été supprimé", "Vous avez supprimé ce message", "Esta mensagem foi apagada", "Mensagem apagada",
    "Apagou esta mensagem", "Você apagou esta mensagem", "Questo messaggio è stato eliminato",
    "Hai eliminato questo messaggio", "Bu mesaj silindi", "Bu mesajı sildiniz", "Данное сообщение удалено",
    "Это сообщение удалено", "Вы удалили данное сообщение", "Вы удалили это сообщение", "Pesan ini dihapus",
    "Pesan ini telah dihapus", "Anda menghapus pesan ini", "Anda telah menghapus pesan ini",
    "تم حذف هذه الرسالة", "لقد حذفت هذه الرسالة", "لقد حذَفت هذه الرسالة", "أنت حذفت هذه الرسالة",
    "این پیام حذف شد", "این پیام حذف شده است", "شما این پیام را حذف کردید", "Dit bericht is verwijderd",
    "U hebt dit bericht verwijderd")}
EDITED = tuple(fold(w) for w in (
    "<This message was edited>", "<Diese Nachricht wurde bearbeitet>", "<Se editó este mensaje.>",
    "<Se editó este mensaje>", "<Ce message a été modifié>", "<Mensagem editada>", "<Esta mensagem foi editada>",
    "<Questo messaggio è stato modificato>", "<Bu mesaj düzenlendi>", "<Сообщение изменено>",
    "<Pesan ini telah diedit>", "<Pesan diedit>", "<تم تعديل هذه الرسالة>", "<این پیام ویرایش شد>",
    "<Dit bericht is bewerkt>"))

# "location: https://maps.google.com/?q=52.52,13.40" (Android, lower case), "Location: …" (iOS).
LOCATION = re.compile(
    r"^(?:location|standort|ubicación|localisation|localização|posizione|konum|местоположение|lokasi|"
    r"الموقع|موقعیت|مکان|locatie)\s?:?\s?(https?://\S{1,2000})$", re.IGNORECASE)
LIVE_LOCATION = {fold(w) for w in (
    "live location shared", "Live-Standort wird geteilt", "ubicación en tiempo real compartida",
    "Localisation en direct partagée", "localização atual compartilhada", "posizione attuale condivisa",
    "Mevcut konum paylaşıldı", "Геоданные отправлены", "Lokasi terkini dibagikan", "تمت مشاركة الموقع المباشر",
    "مکان زنده به اشتراک گذاشته شد", "live locatie gedeeld")}
# A map link alone, or after a place's name: "Pimlico Gardens (London): https://foursquare.com/v/…".
MAP_LINK = re.compile(r"^(?:[^\n]{1,200}?:\s)?(https://(?:maps\.google\.com/\?q=|maps\.apple\.com/\?|"
                      r"foursquare\.com/)\S{1,2000})$")

# "POLL:\nQuestion\nOPTION: yes (2 votes)" on both phones (iOS puts a mark before each line).
POLL = {fold(w) for w in ("POLL:", "ENCUESTA:", "UMFRAGE:", "SONDAGE:", "ENQUETE:", "SONDAGGIO:", "ANKET:",
                          "ОПРОС:", "POLING:", "استطلاع:", "نظرسنجی:", "PEILING:")}
POLL_OPTION = re.compile(r"^(?:OPTION|OPCIÓN|OPTION|OPÇÃO|OPZIONE|SEÇENEK|ВАРИАНТ|OPSI|خيار|گزینه|OPTIE)\s?:\s?"
                         r"(.{0,2000}?)\s?\((\d{1,9})[^()\d]{0,30}\)$", re.IGNORECASE)

# System lines: no person wrote them. Android writes most of them without "Name: "; iOS writes
# them as from the chat (the group, or the other person) with a mark before the text. Some
# hold a colon of their own (a subject "Plan: B"), so they are recognised by their wording.
_NOTICES = (  # sentences no one types: system lines even without the mark iOS puts before them
    r"messages and calls are end-to-end encrypted", r"messages to this group are now secured",
    r"your security code with ", r"you're now an admin",
    r"los mensajes y las llamadas están cifrados", r"cambió tu código de seguridad",
    r"as mensagens e as chamadas são protegidas", r"as mensagens e chamadas são encriptadas",
    r"seu código de segurança com", r"i messaggi e le chiamate sono crittografati", r"il tuo codice di sicurezza con",
    r"les messages et les appels sont chiffrés", r"votre code de sécurité avec",
    r"nachrichten und anrufe sind ende-zu-ende-verschlüsselt", r"deine sicherheitsnummer für",
    r"berichten en gesprekken worden end-to-end versleuteld", r"mesajlar ve aramalar uçtan uca şifrelidir",
    r"[^\n]{1,120}? ile aranızdaki güvenlik kodu değişti", r"сообщения и звонки защищены сквозным шифрованием",
    r"ваш код безопасности", r"pesan dan panggilan terenkripsi", r"الرسائل والمكالمات مشفرة",
    r"تغيّر رمز أمانك", r"تغير رمز الأمان", r"پیام‌?ها و تماس‌?ها", r"کد امنیتی شما با",
)
_EVENTS = (  # someone (or "you") did something to the group: a name, then one of these
    # English
    r"created group", r"created this group", r"changed the subject", r"changed this group's",
    r"changed the group description", r"deleted this group's icon", r"joined using this group's invite link",
    r"added", r"removed", r"left$", r"changed their phone number", r"changed to ", r"turned (?:on|off) disappearing",
    r"updated the message timer", r"turned (?:on|off) admin approval", r"pinned a message",
    # Spanish, Portuguese, Italian, French
    r"creó el grupo", r"cambió el asunto", r"cambió el nombre", r"añadió a", r"salió del grupo", r"eliminó a",
    r"se unió usando", r"criou o grupo", r"mudou o assunto", r"adicionou", r"saiu$", r"removeu", r"entrou usando",
    r"ha creato il gruppo", r"ha cambiato l'oggetto", r"ha aggiunto", r"è uscito$", r"ha rimosso",
    r"a créé le groupe", r"a modifié le sujet", r"a changé le sujet", r"a ajouté", r"est parti$", r"a retiré",
    r"s'est joint",
    # German, Dutch
    r"hat die gruppe .{0,120}erstellt", r"hat den betreff", r"hat .{1,120} hinzugefügt", r"hat die gruppe verlassen",
    r"hat .{1,120} entfernt", r"ist über den einladungslink", r"heeft groep", r"heeft het onderwerp",
    r"heeft .{1,120} toegevoegd", r"heeft de groep verlaten",
    # Turkish, Russian, Indonesian
    r"grubunu oluşturdu", r"grup konusunu", r"ekledi$", r"çıktı$", r"çıkardı$", r"создал\(а\)? группу",
    r"создал группу", r"изменил\(а\)? тему", r"добавил\(а\)? ", r"вышел\(а\)?$", r"удалил\(а\)? ",
    r"membuat grup", r"mengubah subjek", r"menambahkan", r"keluar$", r"mengeluarkan",
    # Arabic, Persian
    r"أنشأ المجموعة", r"أنشأت المجموعة", r"أنشأ مجموعة", r"أنشأت مجموعة", r"أضاف ", r"أضافت ", r"غادر$",
    r"غادرت$", r"أزال ", r"أزالت ", r"غيّر اسم المجموعة", r"غيّرت اسم المجموعة", r"غيّر موضوع", r"غيّرت موضوع",
    r"غيّر وصف المجموعة", r"غيّرت وصف المجموعة", r"انضم باستخدام رابط الدعوة", r"انضمت باستخدام رابط الدعوة",
    r"گروه .{1,120} را ایجاد کرد", r"را اضافه کرد", r"را اضافه کردید", r"اضافه کرد", r"خارج شد$", r"را حذف کرد",
    r"را تغییر داد", r"از طریق پیوند دعوت",
)


def _alternatives(patterns: tuple[str, ...], lead: str) -> re.Pattern:
    return re.compile(lead + "(?:" + "|".join(f"(?:{p})" for p in patterns) + ")", re.IGNORECASE)


# One search for " verb" (the engine jumps from space to space) rather than ".{1,120}? verb" tried
# at every position: a third of the time on the ordinary messages it is asked about.
_NOTICE, _EVENT = _alternatives(_NOTICES, "^"), _alternatives(_EVENTS, " ")
_NAME_MAX = 121


def is_system(text: str) -> bool:
    """Whether a line's text is one WhatsApp writes itself (a group event, the encryption notice)."""
    text = MARKS.sub("", text[:400]).strip()
    if _NOTICE.match(text):
        return True
    event = _EVENT.search(text)  # a name (or "you"), then the verb
    return bool(event) and 0 < event.start() <= _NAME_MAX


def is_notice(text: str) -> bool:
    """Whether the text is one of WhatsApp's own notices (encryption, security code)."""
    return bool(_NOTICE.match(MARKS.sub("", text[:400]).strip()))


@functools.lru_cache(maxsize=4096)
def is_system_name(name: str) -> bool:
    """is_system for what stands before the first colon: names repeat, so it is asked once each."""
    return is_system(name)


def omitted_kind(key: str) -> str:
    """The kind of media a folded "omitted" marker stands for ("photo" for "image omitted"), or ""."""
    if key in MEDIA_OMITTED:
        return "file"
    words = key.split(" ")
    if words[-1] not in _OMITTED_LAST:
        return ""
    # A document keeps its name before the marker: "Report.pdf • 3 pages document omitted".
    for n in range(len(words), 0, -1):
        kind = OMITTED.get(" ".join(words[-n:]))
        if kind:
            return kind
    return ""
