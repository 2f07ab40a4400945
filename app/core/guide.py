"""The guide inside the program: what to capture, how to report, the UN and the DSA, safety.

One Markdown file per language in resources/guide/<lang>.md: a `# Title` and a short
introduction, then one `## Title {#anchor}` section per topic. The anchors are the same in every
language (`ANCHORS`), so a screen opens the section it needs whatever the language. A language
without a file, or a section missing from one, falls back to English.

`html` renders to the subset of HTML that Qt's rich text (QTextBrowser) shows: headings,
paragraphs, lists, `<a name>` anchors, and a `dir` attribute on every block, so Arabic and Persian
paragraphs read right to left.
"""

from __future__ import annotations

import html as html_escape
import re
from dataclasses import dataclass
from functools import cache
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from app.core import paths
from app.core.i18n import APP_LANGUAGES, is_rtl

# Stable anchors: the GUI links to these from its empty states.
CAPTURE = "capture"
REPORT_TELEGRAM = "report-telegram"
REPORT_META = "report-meta"
REPORT_X = "report-x"
REPORT_TIKTOK = "report-tiktok"
REPORT_YOUTUBE = "report-youtube"
UN_COMMUNICATION = "un-communication"
URGENT_APPEAL = "urgent-appeal"
DSA = "dsa"
SAFETY = "safety"
COERCION = "coercion"
ANCHORS = (CAPTURE, REPORT_TELEGRAM, REPORT_META, REPORT_X, REPORT_TIKTOK, REPORT_YOUTUBE,
           UN_COMMUNICATION, URGENT_APPEAL, DSA, SAFETY, COERCION)
# The guide's section for each platform code of app.core.models.PLATFORMS that has one.
PLATFORM_SECTIONS = {"telegram": REPORT_TELEGRAM, "facebook": REPORT_META, "instagram": REPORT_META,
                     "x": REPORT_X, "tiktok": REPORT_TIKTOK, "youtube": REPORT_YOUTUBE}

_HEADING = re.compile(r"^## (?P<title>.+?) \{#(?P<anchor>[a-z0-9-]+)\}\s*$", re.MULTILINE)
_BLOCKS = frozenset({"p", "ul", "ol", "li", "h1", "h2", "h3", "h4", "blockquote", "pre", "table"})


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    body: str      # Markdown
    language: str  # the language it is written in (English where a translation lacks it)


@dataclass(frozen=True)
class _Guide:
    title: str
    intro: str
    sections: dict[str, Section]


def language_of(code: str | None) -> str:
    """The guide language for an app language code ("ar_EG", "fa-IR", "tr"): English if none."""
    base = re.split(r"[_\-.@]", code or "", maxsplit=1)[0].lower()
    return base if base in APP_LANGUAGES and paths.resource("guide", f"{base}.md").is_file() else "en"


@cache
def _load(lang: str) -> _Guide:
    text = paths.resource("guide", f"{lang}.md").read_text(encoding="utf-8")
    found = list(_HEADING.finditer(text))
    head = text[: found[0].start()] if found else text
    title, _sep, intro = head.strip().partition("\n")
    sections = {}
    for m, following in zip(found, [*found[1:], None], strict=True):
        body = text[m.end(): following.start() if following else len(text)].strip()
        sections[m["anchor"]] = Section(m["anchor"], m["title"].strip(), body, lang)
    return _Guide(title.removeprefix("#").strip(), intro.strip(), sections)


def title(lang: str | None) -> str:
    """The guide's title in that language (for a window or a menu)."""
    return _load(language_of(lang)).title


def sections(lang: str | None) -> list[Section]:
    """Every section in `ANCHORS` order, in that language where it is written, else English."""
    own, english = _load(language_of(lang)), _load("en")
    return [own.sections.get(anchor) or english.sections[anchor] for anchor in ANCHORS]


def section(lang: str | None, anchor: str) -> Section:
    """One section; an anchor not in `ANCHORS` is a programming error (KeyError)."""
    if anchor not in ANCHORS:
        raise KeyError(anchor)
    return next(s for s in sections(lang) if s.anchor == anchor)


class _Direction(Treeprocessor):
    def __init__(self, md: markdown.Markdown, direction: str) -> None:
        super().__init__(md)
        self.direction = direction

    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag in _BLOCKS:
                element.set("dir", self.direction)
            elif element.tag == "code" and element.text and self.direction == "rtl":
                # A link inside Arabic text keeps its own order (left-to-right isolate), so
                # "facebook.com/profile.php?id=…" is not shuffled by the words around it.
                element.text = f"\u2066{element.text}\u2069"


class _DirectionExtension(Extension):
    def __init__(self, direction: str) -> None:
        super().__init__()
        self.direction = direction

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_Direction(md, self.direction), "sijil_direction", 0)


def _direction(lang: str) -> str:
    return "rtl" if is_rtl(lang) else "ltr"


def _render(body: str, lang: str) -> str:
    return markdown.markdown(body, extensions=[_DirectionExtension(_direction(lang))], output_format="html")


def _section_html(s: Section) -> str:
    d = _direction(s.language)
    return (f'<a name="{s.anchor}"></a><h2 id="{s.anchor}" dir="{d}" lang="{s.language}">'
            f"{html_escape.escape(s.title)}</h2>\n<div dir=\"{d}\" lang=\"{s.language}\">"
            f"{_render(s.body, s.language)}</div>")


def html(lang: str | None, anchor: str | None = None) -> str:
    """The guide as HTML for QTextBrowser: the whole guide with its contents at the top, or only the
    section `anchor` (a name from `ANCHORS`). Every block carries `dir` (rtl for Arabic and Persian)."""
    code = language_of(lang)
    d = _direction(code)
    if anchor is not None:
        body = _section_html(section(code, anchor))
    else:
        guide, parts = _load(code), sections(code)
        contents = "".join(f'<li dir="{d}"><a href="#{s.anchor}">{html_escape.escape(s.title)}</a></li>'
                           for s in parts)
        body = (f'<h1 dir="{d}">{html_escape.escape(guide.title)}</h1>\n{_render(guide.intro, code)}\n'
                f'<ul dir="{d}">{contents}</ul>\n' + "\n".join(_section_html(s) for s in parts))
    return f'<html dir="{d}" lang="{code}"><body dir="{d}">\n<div dir="{d}">{body}</div>\n</body></html>'
