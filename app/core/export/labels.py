"""Headings and field names of dossiers, in the document's language.

A dossier's language is chosen for its reader (the UN works in English, French and Spanish),
independently of the language of the app, so these labels are a table of their own rather
than gettext messages. Platform reports and lawyer's copies use the same table.
"""

from __future__ import annotations

LANGUAGES = ("en", "fr", "es")

_LABELS: dict[str, tuple[str, str, str]] = {
    # key: (English, French, Spanish)
    "un_title": ("Communication to the UN Special Procedures", "Communication aux Procédures spéciales de l'ONU",
                 "Comunicación a los Procedimientos Especiales de la ONU"),
    "urgent_appeal": ("Urgent appeal: the harm is ongoing or imminent",
                      "Appel urgent : l'atteinte est en cours ou imminente",
                      "Llamamiento urgente: el daño está en curso o es inminente"),
    "allegation_letter": ("Allegation letter", "Lettre d'allégation", "Carta de alegación"),
    "submitter": ("Submitter (confidential)", "Auteur de la communication (confidentiel)",
                  "Remitente (confidencial)"),
    "submitter_note": ("The identity of the submitter must be kept confidential and not shared with the State.",
                       "L'identité de l'auteur doit rester confidentielle et ne pas être communiquée à l'État.",
                       "La identidad del remitente debe mantenerse confidencial y no compartirse con el Estado."),
    "name": ("Name", "Nom", "Nombre"),
    "relation": ("Relation to the victim", "Lien avec la victime", "Relación con la víctima"),
    "victim": ("Victim", "Victime", "Víctima"),
    "gender": ("Gender", "Genre", "Género"),
    "age": ("Age", "Âge", "Edad"),
    "nationality": ("Nationality", "Nationalité", "Nacionalidad"),
    "profession": ("Profession", "Profession", "Profesión"),
    "hr_work": ("Human rights work and where", "Travail en faveur des droits humains et lieu",
                "Labor de derechos humanos y lugar"),
    "consent": ("Consent", "Consentement", "Consentimiento"),
    "consent_given": ("Consent to this communication given", "Consentement à cette communication donné",
                      "Consentimiento a esta comunicación otorgado"),
    "aware_letter": ("Aware that a letter may be sent to the State, company or other addressee",
                     "Informée qu'une lettre peut être adressée à l'État, à l'entreprise ou à un autre destinataire",
                     "Informada de que puede enviarse una carta al Estado, a la empresa u otro destinatario"),
    "name_to_addressee": ("Her name may be disclosed in the communication to the State, company or other addressee",
                          "Son nom peut être communiqué à l'État, à l'entreprise ou à l'autre destinataire",
                          "Su nombre puede revelarse en la comunicación al Estado, la empresa u otro destinatario"),
    "publish_as": ("Name in the public report to the Human Rights Council",
                   "Nom dans le rapport public au Conseil des droits de l'homme",
                   "Nombre en el informe público al Consejo de Derechos Humanos"),
    "consent_not_recorded": ("Not recorded: she appears by pseudonym only",
                             "Non enregistré : elle n'apparaît que sous un pseudonyme",
                             "No registrado: aparece solo con un seudónimo"),
    "not_answered": ("Not answered", "Pas de réponse", "Sin respuesta"),
    "full_name": ("Full name", "Nom complet", "Nombre completo"),
    "initials": ("Initials only", "Initiales seulement", "Solo iniciales"),
    "yes": ("Yes", "Oui", "Sí"),
    "no": ("No", "Non", "No"),
    "summary": ("Summary of the case", "Résumé de la situation", "Resumen del caso"),
    "addressees": ("Who the communication concerns", "Destinataires de la communication",
                   "A quién concierne la comunicación"),
    "mandates": ("Mandates addressed", "Mandats saisis", "Mandatos a los que se dirige"),
    "states_concerned": ("State(s) concerned", "État(s) concerné(s)", "Estado(s) concernido(s)"),
    "why_state": ("Why the State is concerned", "Pourquoi l'État est concerné", "Por qué concierne al Estado"),
    "companies_concerned": ("Companies concerned", "Entreprises concernées", "Empresas concernidas"),
    "why_company": ("Why the companies are concerned", "Pourquoi les entreprises sont concernées",
                    "Por qué conciernen a las empresas"),
    "contact": ("Contact", "Contact", "Contacto"),
    "hr_link": ("Link between the attacks and her human rights work",
                "Lien entre les attaques et son travail en faveur des droits humains",
                "Vínculo entre los ataques y su labor de derechos humanos"),
    "other_mechanisms": ("Sent to other UN or regional mechanisms", "Soumis à d'autres mécanismes de l'ONU ou régionaux",
                         "Enviado a otros mecanismos de la ONU o regionales"),
    "request": ("What she asks the mandate holders to do", "Ce qu'elle demande aux titulaires de mandat",
                "Lo que pide a las personas titulares de mandatos"),
    "channel_or_place": ("Platform or setting", "Plateforme ou cadre", "Plataforma o entorno"),
    "incidents": ("Incidents", "Incidents", "Incidentes"),
    "incident": ("Incident", "Incident", "Incidente"),
    "date": ("Date", "Date", "Fecha"),
    "approximate": ("approximate", "approximative", "aproximada"),
    "place": ("Place", "Lieu", "Lugar"),
    "kinds": ("Kind of violation", "Type de violation", "Tipo de violación"),
    "platform": ("Platform", "Plateforme", "Plataforma"),
    "description": ("Description (chronological)", "Description (chronologique)", "Descripción (cronológica)"),
    "original": ("Original text", "Texte original", "Texto original"),
    "translation": ("Translation", "Traduction", "Traducción"),
    "current_situation": ("Current situation", "Situation actuelle", "Situación actual"),
    "perpetrators": ("Alleged perpetrators", "Auteurs présumés", "Presuntos autores"),
    "state_actor": ("State or non-state", "Étatique ou non étatique", "Estatal o no estatal"),
    "state": ("State", "Étatique", "Estatal"),
    "non_state": ("Non-state", "Non étatique", "No estatal"),
    "unknown": ("Unknown", "Inconnu", "Desconocido"),
    "motive": ("Presumed motive", "Motif présumé", "Motivo presunto"),
    "link_to_victim": ("Link to the victim", "Lien avec la victime", "Vínculo con la víctima"),
    "steps": ("Steps taken with national authorities and other mechanisms",
              "Démarches auprès des autorités nationales et d'autres mécanismes",
              "Gestiones ante las autoridades nacionales y otros mecanismos"),
    "response": ("Response", "Réponse", "Respuesta"),
    "no_response": ("No response recorded", "Aucune réponse enregistrée", "Ninguna respuesta registrada"),
    "platform_reports": ("Reports to platforms and what the platforms did",
                         "Signalements aux plateformes et suites données",
                         "Denuncias a las plataformas y lo que hicieron"),
    "reference": ("Reference", "Référence", "Referencia"),
    "status": ("Status", "Statut", "Estado"),
    "evidence": ("Evidence", "Preuves", "Pruebas"),
    "confidential": ("CONFIDENTIAL", "CONFIDENTIEL", "CONFIDENCIAL"),
    "integrity": ("Integrity", "Intégrité", "Integridad"),
    "integrity_note": (
        "This dossier is signed. Check it with `sijil verify FILE --fingerprint FP`, where FP is the fingerprint "
        "the sender gave you in person or by phone: the fingerprint printed here proves nothing on its own, since "
        "a forger can print any. Any change to any byte of the file is detected.",
        "Ce dossier est signé. Vérifiez-le avec `sijil verify FICHIER --fingerprint EMPREINTE`, où EMPREINTE est "
        "celle que l'expéditrice vous a donnée en personne ou par téléphone : l'empreinte imprimée ici ne prouve "
        "rien à elle seule, un faussaire peut en imprimer n'importe laquelle. Toute modification d'un octet est "
        "détectée.",
        "Este expediente está firmado. Verifíquelo con `sijil verify ARCHIVO --fingerprint HUELLA`, donde HUELLA es "
        "la que la remitente le dio en persona o por teléfono: la huella impresa aquí no prueba nada por sí sola, "
        "un falsificador puede imprimir cualquiera. Se detecta cualquier cambio de un byte."),
    "template": ("Template", "Modèle", "Plantilla"),
    "exported_at": ("Exported (UTC)", "Exporté (UTC)", "Exportado (UTC)"),
    "key_fingerprint": ("Signing key fingerprint", "Empreinte de la clé de signature",
                        "Huella de la clave de firma"),
    "original_sha": ("SHA-256 of the original file", "SHA-256 du fichier original", "SHA-256 del archivo original"),
    "rendition_sha": ("SHA-256 of the image in this dossier", "SHA-256 de l'image dans ce dossier",
                      "SHA-256 de la imagen en este expediente"),
    "platform_title": ("Trust and safety report: {platform}", "Signalement confiance et sécurité : {platform}",
                       "Informe de confianza y seguridad: {platform}"),
    "dsa_title": ("Notice of illegal content under Article 16 of the Digital Services Act: {platform}",
                  "Notification de contenu illicite au titre de l'article 16 du règlement sur les services "
                  "numériques : {platform}",
                  "Notificación de contenido ilícito conforme al artículo 16 del Reglamento de Servicios "
                  "Digitales: {platform}"),
    "dsa_notifier": ("Notifier (Article 16(2)(c))", "Auteur de la notification (article 16, paragraphe 2, point c)",
                     "Notificante (artículo 16, apartado 2, letra c)"),
    "email": ("E-mail", "Courriel", "Correo electrónico"),
    "dsa_csam": ("The notifier's name and e-mail are left out: this notice concerns child sexual abuse material.",
                 "Le nom et le courriel de l'auteur sont omis : la notification concerne du matériel "
                 "pédopornographique.",
                 "Se omiten el nombre y el correo del notificante: la notificación se refiere a material de "
                 "abuso sexual infantil."),
    "dsa_elements": ("Each item below gives its exact electronic location (Article 16(2)(b)) and the reasons "
                     "the notifier considers it illegal (Article 16(2)(a)).",
                     "Chaque contenu ci-dessous indique son emplacement électronique exact (article 16, "
                     "paragraphe 2, point b) et les raisons pour lesquelles l'auteur le considère illicite "
                     "(point a).",
                     "Cada contenido indica su ubicación electrónica exacta (artículo 16, apartado 2, letra b) "
                     "y los motivos por los que el notificante lo considera ilícito (letra a)."),
    "dsa_good_faith": ("Statement (Article 16(2)(d)): I believe in good faith that the information and "
                       "allegations in this notice are accurate and complete.",
                       "Déclaration (article 16, paragraphe 2, point d) : je crois de bonne foi que les "
                       "informations et allégations de la présente notification sont exactes et complètes.",
                       "Declaración (artículo 16, apartado 2, letra d): creo de buena fe que la información y "
                       "las alegaciones de esta notificación son exactas y completas."),
    "dsa_obligations": ("The provider must confirm receipt of this notice without undue delay (Article 16(4)), "
                        "decide on it in a timely, diligent, non-arbitrary and objective manner, and notify its "
                        "decision with the possibilities of redress (Article 16(5) and (6)).",
                        "Le fournisseur doit accuser réception de cette notification dans les meilleurs délais "
                        "(article 16, paragraphe 4), statuer en temps opportun, de manière diligente, non "
                        "arbitraire et objective, et notifier sa décision avec les voies de recours "
                        "(paragraphes 5 et 6).",
                        "El prestador debe acusar recibo de esta notificación sin dilación indebida (artículo 16, "
                        "apartado 4), decidir de manera oportuna, diligente, no arbitraria y objetiva, y "
                        "notificar su decisión con las vías de recurso (apartados 5 y 6)."),
    "reasons": ("Why it is illegal", "Pourquoi il est illicite", "Por qué es ilícito"),
    "items": ("Reported items", "Contenus signalés", "Contenidos denunciados"),
    "link": ("Link", "Lien", "Enlace"),
    "account": ("Account", "Compte", "Cuenta"),
    "numeric_id": ("Numeric id", "Identifiant numérique", "Id numérico"),
    "posted": ("Posted", "Publié", "Publicado"),
    "captured": ("Captured", "Capturé", "Capturado"),
    "rule": ("Rule broken", "Règle enfreinte", "Norma infringida"),
    "accounts": ("The accounts behind them and how they coordinate",
                 "Les comptes derrière ces contenus et leur coordination",
                 "Las cuentas detrás y cómo se coordinan"),
    "followers": ("Followers", "Abonnés", "Seguidores"),
    "seen": ("Active", "Actif", "Activo"),
    "earlier_reports": ("Earlier reports", "Signalements antérieurs", "Denuncias anteriores"),
    "outcome": ("Outcome", "Résultat", "Resultado"),
    "lawyer_title": ("Lawyer's copy: full record", "Copie pour l'avocat·e : dossier complet",
                     "Copia para la abogada: registro completo"),
    "attached_original": ("Original file attached to this PDF as", "Fichier original joint à ce PDF sous le nom",
                          "Archivo original adjunto a este PDF como"),
    "persons": ("Persons", "Personnes", "Personas"),
    "page": ("Page {n}", "Page {n}", "Página {n}"),
    "caption": ("Caption", "Légende", "Leyenda"),
    "source": ("Source", "Source", "Fuente"),
    "redacted_regions": ("regions blacked out", "zones masquées", "zonas tachadas"),
    # What the platforms did (app/core/journal/reports.summary_parts): "one|many" forms.
    "colon": (": ", " : ", ": "),
    "sum_reported": ("{n} reported", "{n} signalé(s)", "{n} denunciado(s)"),
    "sum_removed": ("{n} post removed|{n} posts removed", "{n} publication supprimée|{n} publications supprimées",
                    "{n} publicación eliminada|{n} publicaciones eliminadas"),
    "sum_channel_closed": ("{n} channel closed|{n} channels closed", "{n} chaîne fermée|{n} chaînes fermées",
                           "{n} canal cerrado|{n} canales cerrados"),
    "sum_account_suspended": ("{n} account suspended|{n} accounts suspended", "{n} compte suspendu|{n} comptes suspendus",
                              "{n} cuenta suspendida|{n} cuentas suspendidas"),
    "sum_restricted": ("{n} restricted", "{n} restreint(s)", "{n} restringido(s)"),
    "sum_age_gated": ("{n} age-gated", "{n} soumis à une limite d'âge", "{n} con restricción de edad"),
    "sum_geo_blocked": ("{n} geo-blocked", "{n} bloqué(s) dans certains pays", "{n} bloqueado(s) por país"),
    "sum_no_violation": ("{n} no violation found", "{n} sans infraction constatée", "{n} sin infracción constatada"),
    "sum_kept": ("{n} kept online", "{n} maintenu(s) en ligne", "{n} mantenido(s) en línea"),
    "sum_appeal_pending": ("{n} appeal pending|{n} appeals pending", "{n} recours en cours",
                           "{n} apelación pendiente|{n} apelaciones pendientes"),
    "sum_appeal_won": ("{n} appeal won|{n} appeals won", "{n} recours gagné|{n} recours gagnés",
                       "{n} apelación ganada|{n} apelaciones ganadas"),
    "sum_appeal_lost": ("{n} appeal lost|{n} appeals lost", "{n} recours perdu|{n} recours perdus",
                        "{n} apelación perdida|{n} apelaciones perdidas"),
    "sum_overdue": ("{n} no response after {days} days", "{n} sans réponse après {days} jours",
                    "{n} sin respuesta después de {days} días"),
    "sum_pending": ("{n} waiting for a response", "{n} en attente de réponse", "{n} en espera de respuesta"),
}


def column(language: str) -> int:
    """Which entry of an (English, French, Spanish) tuple to use; English for anything else."""
    return LANGUAGES.index(language) if language in LANGUAGES else 0


def label(key: str, language: str) -> str:
    """The label in `language` (en, fr or es); English for anything else."""
    return _LABELS[key][column(language)]


def count_label(key: str, language: str, n: int, **fmt: object) -> str:
    """A "one|many" label for `n` things, filled in ("1 channel closed", "2 posts removed")."""
    one, _sep, many = label(key, language).partition("|")
    return (one if n == 1 or not many else many).format(n=n, **fmt)
