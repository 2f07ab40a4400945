"""Every journal setting, declared once: name, type, default, what a valid value is, and what it
means. They live inside the encrypted journal (`Journal.get_setting`/`set_setting` store text);
the GUI, the CLI's `setting` command, the reports view and the exports read typed values from
here, so a missing or damaged value always falls back to the same default.

App preferences that reveal nothing about the journal (language, auto-lock) are not here: they
go to the GUI's INI file (gui/prefs.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.errors import InvalidInput
from app.core.i18n import _

if TYPE_CHECKING:
    from app.core.journal import Journal


@dataclass(frozen=True)
class Setting:
    name: str
    default: int | str
    description: str  # English; shown through `_` by `describe`
    minimum: int | None = None  # whole-number settings only
    maximum: int | None = None
    example: str = ""
    internal: bool = False  # written by the app itself (a draft), not offered to set by hand
    excluded: tuple[int, ...] = ()  # whole numbers inside the range that are still refused
    hint: str = ""  # English; what a valid value is, when min/max alone do not say it
    in_header: bool = False  # needed before unlock: kept in the vault header (failed_unlocks.py)

    @property
    def is_number(self) -> bool:
        return isinstance(self.default, int)

    def describe(self) -> str:
        return _(self.description).format(default=self.default)

    def parse(self, text: str) -> int | str:
        """The typed value of `text`, or InvalidInput saying in plain words what is expected."""
        if not self.is_number:
            return text
        value = text.strip()
        number = int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None  # int() refuses 4300+ digits
        if number is None or (self.minimum is not None and number < self.minimum) \
                or (self.maximum is not None and number > self.maximum) or number in self.excluded:
            if self.hint:
                raise InvalidInput(_(self.hint).format(name=self.name))
            raise InvalidInput(_("{name} is a whole number from {low} to {high}, for example {example}.").format(
                name=self.name, low=self.minimum, high=self.maximum, example=self.example))
        return number


OVERDUE_DAYS = Setting("overdue_days", 30, "days after which an unanswered platform report counts as overdue "
                       "(default {default})", minimum=1, maximum=365, example="30")
MAX_FILE_MB = Setting("evidence.max_file_mb", 4096, "largest evidence file accepted, in MB (default {default})",
                      minimum=1, maximum=1024 * 1024, example="8192")
SUBMITTER_NAME = Setting("dossier.submitter_name", "", "UN dossiers: who submits (kept confidential)")
SUBMITTER_RELATION = Setting("dossier.submitter_relation", "", "UN dossiers: the submitter's relation to the victim")
SUBMITTER_CONTACT = Setting("dossier.submitter_contact", "", "UN dossiers: how the UN can reach the submitter")
UN_DRAFT = Setting("dossier.un_draft", "", "what was last written in the export wizard for a UN communication",
                   internal=True)
WIPE_AFTER_FAILED = Setting("wipe_after_failed", 0, "wipe the journal after this many wrong passphrases in a "
                            "row; 0 = off (default {default}), else at least 3", minimum=0, maximum=99,
                            example="5", excluded=(1, 2), in_header=True,
                            hint="{name} is 0 (off) or a whole number from 3 to 99, for example 5.")

SETTINGS: dict[str, Setting] = {s.name: s for s in (
    OVERDUE_DAYS, MAX_FILE_MB, SUBMITTER_NAME, SUBMITTER_RELATION, SUBMITTER_CONTACT, UN_DRAFT,
    WIPE_AFTER_FAILED)}
SUBMITTER = (SUBMITTER_NAME, SUBMITTER_RELATION, SUBMITTER_CONTACT)


def known(name: str) -> Setting:
    """The setting called `name`, or InvalidInput naming the ones there are."""
    if name not in SETTINGS:
        raise InvalidInput(_("There is no journal setting called {name}. The settings are: {names}.").format(
            name=name, names=", ".join(s.name for s in SETTINGS.values() if not s.internal)))
    return SETTINGS[name]


def read(journal: Journal, setting: Setting) -> int | str:
    """The setting's typed value (not for `in_header` settings: see failed_unlocks.py); its default when it was never set or holds something invalid
    (written by an older version, or by hand)."""
    stored = journal.get_setting(setting.name, "")
    if stored == "":
        return setting.default
    try:
        return setting.parse(stored)
    except InvalidInput:
        return setting.default


def write(journal: Journal, setting: Setting, value: int | str) -> None:
    """Store `value` after checking it: a bad value raises InvalidInput and nothing changes."""
    if setting.in_header:
        raise ValueError(f"{setting.name} is kept in the vault header: use failed_unlocks.set_threshold")
    journal.set_setting(setting.name, str(setting.parse(str(value))))
