"""Exceptions a user can see. Each carries a plain-words message and what to do next.

Messages never contain journal content, passphrases, keys or evidence paths.
The CLI maps `exit_code` to its process exit code; the GUI shows `message` in a dialog.
"""

from __future__ import annotations

import errno

from app.core.i18n import _

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTEGRITY = 3
EXIT_WRONG_PASSPHRASE = 4
EXIT_IN_USE = 5


class SijilError(Exception):
    """Base for every error shown to a person."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WrongPassphrase(SijilError):
    exit_code = EXIT_WRONG_PASSPHRASE

    def __init__(self) -> None:
        super().__init__(
            _("That passphrase does not open this journal. Check the keyboard layout and Caps Lock, then try again.")
        )


class IntegrityError(SijilError):
    """Data was changed or damaged after it was written."""

    exit_code = EXIT_INTEGRITY


class VaultExists(SijilError):
    def __init__(self) -> None:
        super().__init__(
            _("A journal already exists in that folder. Nothing was changed. Choose another folder to create a new one.")
        )


class VaultNotFound(SijilError):
    def __init__(self) -> None:
        super().__init__(
            _("No journal was found in that folder. Create one first, or choose the folder where your journal is.")
        )


class VaultLocked(SijilError):
    def __init__(self) -> None:
        super().__init__(_("The journal is locked. Unlock it with your passphrase to continue."))


class NotFound(SijilError):
    def __init__(self, what: str, ident: object) -> None:
        super().__init__(_("{what} {ident} does not exist in this journal.").format(what=what, ident=ident))


class InvalidInput(SijilError):
    exit_code = EXIT_USAGE


class FileRejected(SijilError):
    """An evidence file that cannot be imported safely. The vault is left unchanged."""


class DiskFull(SijilError):
    def __init__(self) -> None:
        super().__init__(
            _("There is not enough room on the disk (or the file is too big for it), so nothing was saved from this step. Free some space and try again; your journal is unchanged.")
        )


class ReadOnlyPlace(SijilError):
    def __init__(self) -> None:
        super().__init__(
            _("That folder is on a read-only or write-protected disk, so Sijil cannot save there. Nothing was "
              "changed. Copy the journal to a writable place to work in it, or choose another folder."))


class NotPermitted(SijilError):
    def __init__(self) -> None:
        super().__init__(
            _("Sijil is not allowed to read or write a file in that folder (its permissions forbid it). Nothing "
              "was changed. Check who owns the folder, or choose another one."))


def from_os_error(exc: OSError) -> SijilError:
    """A plain-words error for a failed file operation (never the path: it may name evidence)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return DiskFull()
    if exc.errno == errno.EROFS:
        return ReadOnlyPlace()
    if exc.errno in (errno.EACCES, errno.EPERM):
        return NotPermitted()
    return SijilError(_("A file could not be read or written: {reason}.").format(reason=exc.strerror))


class KeyringUnavailable(SijilError):
    pass


class Cancelled(SijilError):
    def __init__(self) -> None:
        super().__init__(_("Cancelled. Nothing was changed."))


class JournalInUse(SijilError):
    """Another Sijil process (a window or a command) holds the journal folder's lock."""

    exit_code = EXIT_IN_USE

    def __init__(self) -> None:
        super().__init__(
            _("This journal is already open in another Sijil window or command. Close it there (or let "
              "that command finish), then try again. Nothing was changed.")
        )


class RollbackDetected(IntegrityError):
    """The database is older than (or does not match) the state the master key last sealed."""


class ReadOnlyJournal(SijilError):
    def __init__(self) -> None:
        super().__init__(
            _("This journal was opened read-only because it did not match its last saved state, so "
              "nothing can be changed. You can still read and export what is there.")
        )


class WipeUnfinished(SijilError):
    """The keys were destroyed but another process holds the folder, so its files remain."""

    exit_code = EXIT_IN_USE

    def __init__(self) -> None:
        super().__init__(
            _("The journal's keys were destroyed, so it can no longer be opened. Sijil still has it open "
              "somewhere: close that window, then wipe again to remove the files.")
        )
