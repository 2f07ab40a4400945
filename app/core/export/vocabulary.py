"""Vocabulary codes (kinds, platforms, statuses...) as words in the dossier's language.

The codes are defined in app/core/models.py; every code has an entry here (a test checks),
so a French or Spanish dossier never shows English words or raw codes.
"""

from __future__ import annotations

from app.core.export.labels import column

_WORDS: dict[str, tuple[str, str, str]] = {
    # Platforms (proper nouns stay as they are).
    "telegram": ("Telegram", "Telegram", "Telegram"),
    "facebook": ("Facebook", "Facebook", "Facebook"),
    "instagram": ("Instagram", "Instagram", "Instagram"),
    "whatsapp": ("WhatsApp", "WhatsApp", "WhatsApp"),
    "x": ("X (Twitter)", "X (Twitter)", "X (Twitter)"),
    "tiktok": ("TikTok", "TikTok", "TikTok"),
    "youtube": ("YouTube", "YouTube", "YouTube"),
    "email": ("e-mail", "courriel", "correo electrónico"),
    "sms": ("SMS", "SMS", "SMS"),
    "phone": ("phone call", "appel téléphonique", "llamada telefónica"),
    "in_person": ("in person", "en personne", "en persona"),
    "other": ("other", "autre", "otro"),
    # Kinds of incident.
    "death_threat": ("death threat", "menace de mort", "amenaza de muerte"),
    "threat_of_violence": ("threat of violence", "menace de violence", "amenaza de violencia"),
    "sexual_harassment": ("sexual harassment", "harcèlement sexuel", "acoso sexual"),
    "intimate_images": ("non-consensual intimate images", "images intimes non consenties",
                        "imágenes íntimas no consentidas"),
    "deepfake": ("deepfake", "hypertrucage (deepfake)", "ultrafalso (deepfake)"),
    "doxxing": ("doxxing (personal data exposed)", "divulgation de données personnelles (doxxing)",
                "divulgación de datos personales (doxxing)"),
    "stalking": ("stalking", "traque", "acecho"),
    "defamation": ("defamation or smear", "diffamation ou dénigrement", "difamación o desprestigio"),
    "disinformation": ("disinformation campaign", "campagne de désinformation", "campaña de desinformación"),
    "hate_speech": ("hate speech or incitement", "discours de haine ou incitation", "discurso de odio o incitación"),
    "impersonation": ("impersonation", "usurpation d'identité", "suplantación de identidad"),
    "hacking": ("hacking or account takeover", "piratage ou prise de contrôle de compte",
                "hackeo o toma de control de la cuenta"),
    "surveillance": ("surveillance or spyware", "surveillance ou logiciel espion", "vigilancia o software espía"),
    "threat_to_family": ("threat to family", "menace contre la famille", "amenaza a la familia"),
    "offline_confrontation": ("offline confrontation", "confrontation physique", "confrontación presencial"),
    # Kinds of evidence file.
    "image": ("image", "image", "imagen"),
    "pdf": ("PDF", "PDF", "PDF"),
    "video": ("video", "vidéo", "vídeo"),
    "audio": ("audio", "audio", "audio"),
    "text": ("text", "texte", "texto"),
    # Incident statuses.
    "open": ("open", "ouvert", "abierto"),
    "ongoing": ("ongoing", "en cours", "en curso"),
    "resolved": ("resolved", "résolu", "resuelto"),
    "closed": ("closed", "clos", "cerrado"),
    # Report statuses and item outcomes.
    "pending": ("pending", "en attente", "pendiente"),
    "removed": ("removed", "supprimé", "eliminado"),
    "partly_removed": ("partly removed", "partiellement supprimé", "eliminado en parte"),
    "refused": ("refused", "refusé", "rechazado"),
    "no_response": ("no response", "sans réponse", "sin respuesta"),
    "appealed": ("appealed", "contesté", "apelado"),
    "restricted": ("restricted", "restreint", "restringido"),
    "kept": ("kept online", "maintenu en ligne", "mantenido en línea"),
    "channel_closed": ("channel closed", "chaîne fermée", "canal cerrado"),
    "account_suspended": ("account suspended", "compte suspendu", "cuenta suspendida"),
    "age_gated": ("age-gated", "soumis à une limite d'âge", "con restricción de edad"),
    "geo_blocked": ("geo-blocked", "bloqué dans certains pays", "bloqueado por país"),
    "no_violation": ("no violation found", "aucune infraction constatée", "ninguna infracción constatada"),
    "appeal_pending": ("appeal pending", "recours en cours", "apelación pendiente"),
    "appeal_won": ("appeal won", "recours gagné", "apelación ganada"),
    "appeal_lost": ("appeal lost", "recours perdu", "apelación perdida"),
    # Reporting channels.
    "in_app": ("in the app", "dans l'application", "en la aplicación"),
    "form": ("web form", "formulaire en ligne", "formulario web"),
    "trusted_partner": ("trusted partner", "partenaire de confiance", "socio de confianza"),
    # Steps taken with authorities and other mechanisms.
    "police": ("police", "police", "policía"),
    "prosecutor": ("prosecutor", "parquet", "fiscalía"),
    "court": ("court", "tribunal", "tribunal"),
    "national_institution": ("national institution", "institution nationale", "institución nacional"),
    "un_mechanism": ("UN mechanism", "mécanisme de l'ONU", "mecanismo de la ONU"),
    "regional_mechanism": ("regional mechanism", "mécanisme régional", "mecanismo regional"),
    "ngo": ("NGO", "ONG", "ONG"),
    # State or non-state actors.
    "state": ("state", "étatique", "estatal"),
    "non_state": ("non-state", "non étatique", "no estatal"),
    "unknown": ("unknown", "inconnu", "desconocido"),
}


def word(code: str, language: str) -> str:
    """The code in `language`; an unknown code is shown readably rather than dropped."""
    entry = _WORDS.get(code)
    if entry is None:
        return code.replace("_", " ")
    return entry[column(language)]


def known_codes() -> set[str]:
    return set(_WORDS)
