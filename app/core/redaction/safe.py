"""The one typed path from the journal to a dossier.

A dossier's views (app.core.export.content) are declared with `@view`. Every text field of a
view is typed `Redacted`, a str that only the Redactor makes (`Redactor.text`, `identifier`,
`code`, `name_of`), or one of the validated date types below; numbers and booleans are plain.
A field declared `str` makes `@view` fail when the module is imported, and assigning anything
else than the declared type (a raw str, an f-string built from a Redacted, a date that is not a
date) raises TypeError at run time. So a new field cannot reach the PDF, JSON or CSV without
passing the Redactor: declare it `Redacted` and fill it with `red.text(...)` (prose),
`red.identifier(...)` (links, handles, ids) or `red.code(...)` (vocabulary codes, hashes), or
declare it `IsoDate`/`IsoTime`/`IsoWhen` and fill it with `when(...)`. Fields that never leave
(the image rendition, the redaction log) are marked `field(metadata=PRIVATE)`.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime, time

_MINT = object()  # held by the Redactor (see `_mint`): nothing else can make a Redacted
PRIVATE = {"private": True}


class Redacted(str):
    """Text that has passed the Redactor. str operations on it (+, format, upper) give a plain
    str again, so a string derived after redaction cannot pass for redacted."""

    __slots__ = ()

    def __new__(cls, value: str, token: object = None) -> Redacted:
        if token is not _MINT:
            raise TypeError("Redacted text is made only by the Redactor")
        return super().__new__(cls, value)

    def __copy__(self) -> Redacted:
        return self

    def __deepcopy__(self, memo: dict) -> Redacted:
        return self

    def __reduce__(self):
        raise TypeError("Redacted text is not pickled")


def _mint(value: str) -> Redacted:
    """For app.core.redaction.text only."""
    return Redacted(value, _MINT)


EMPTY = _mint("")  # nothing to redact in nothing: the default of optional text fields


class _Checked(str):
    """A str that is valid by construction (digits, dashes and colons: nothing to redact)."""

    __slots__ = ()
    _parse: typing.ClassVar[typing.Callable[[str], object]]

    def __new__(cls, value: str) -> _Checked:
        if value:
            try:
                cls._parse(value)
            except (TypeError, ValueError):
                raise ValueError(f"not a valid {cls.__name__}") from None
        return super().__new__(cls, value)


class IsoDate(_Checked):
    """"2026-03-14" or empty."""

    _parse = staticmethod(date.fromisoformat)


class IsoTime(_Checked):
    """"10:22" or "10:22:01" or empty."""

    _parse = staticmethod(time.fromisoformat)


class IsoWhen(_Checked):
    """A date or a date and time: "2026-03-14", "2026-03-14T09:58Z", "2026-03-14 10:22:01"."""

    _parse = staticmethod(datetime.fromisoformat)


def when(kind: type[_Checked], value: str) -> _Checked:
    """A stored date as its checked type; a value that is not one (old data, odd EXIF) is left
    out rather than copied into a date field."""
    try:
        return kind(value.strip())
    except (ValueError, AttributeError):
        return kind("")


_LEAVES = (Redacted, IsoDate, IsoTime, IsoWhen, int, bool, float, type(None))


def _check_type(hint: object, where: str) -> None:
    origin = typing.get_origin(hint)
    if origin in (list, tuple):
        for arg in typing.get_args(hint):
            if arg is not Ellipsis:
                _check_type(arg, where)
    elif origin is dict:
        key, value = typing.get_args(hint)
        if key is not str:
            raise TypeError(f"{where}: dict keys must be str")
        _check_type(value, where)
    elif origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(hint):
            _check_type(arg, where)
    elif not (hint in _LEAVES or dataclasses.is_dataclass(hint)):
        raise TypeError(f"{where} is declared {hint!r}: a dossier field is Redacted (through the "
                        "Redactor), IsoDate/IsoTime/IsoWhen, a number, a bool or another view")


def _conforms(value: object, hint: object) -> bool:
    origin = typing.get_origin(hint)
    if origin in (list, tuple):
        arg = typing.get_args(hint)[0]
        return isinstance(value, origin) and all(_conforms(v, arg) for v in value)
    if origin is dict:
        _, arg = typing.get_args(hint)
        return isinstance(value, dict) and all(isinstance(k, str) and _conforms(v, arg) for k, v in value.items())
    if origin in (typing.Union, types.UnionType):
        return any(_conforms(value, arg) for arg in typing.get_args(hint))
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)


def view(cls: type) -> type:
    """A dataclass whose every field is on the typed path (see the module docstring)."""
    cls = dataclasses.dataclass(cls)
    hints = typing.get_type_hints(cls)
    checked = {}
    for f in dataclasses.fields(cls):
        if not f.metadata.get("private"):
            _check_type(hints[f.name], f"{cls.__name__}.{f.name}")
            checked[f.name] = hints[f.name]

    def __setattr__(self, name: str, value: object) -> None:
        hint = checked.get(name)
        if hint is not None and not _conforms(value, hint):
            raise TypeError(f"{cls.__name__}.{name} takes {hint!r}, not {type(value).__name__}: "
                            "pass text through the Redactor and dates through when()")
        object.__setattr__(self, name, value)

    cls.__setattr__ = __setattr__
    return cls


def plain(obj: object) -> object:
    """A view as JSON-ready data, without its private fields."""
    if dataclasses.is_dataclass(obj):
        return {f.name: plain(getattr(obj, f.name)) for f in dataclasses.fields(obj) if not f.metadata.get("private")}
    if isinstance(obj, list | tuple):
        return [plain(v) for v in obj]
    if isinstance(obj, dict):
        return {k: plain(v) for k, v in obj.items()}
    if isinstance(obj, str) and not isinstance(obj, Redacted | _Checked):
        raise TypeError("a plain str in a dossier view: it did not pass the Redactor")  # a list mutated in place
    return obj
