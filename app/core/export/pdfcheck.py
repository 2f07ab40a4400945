"""The whole object graph of a dossier against an allow-list of what Sijil writes.

A forger who re-signs a dossier controls every byte, so looking for known-bad keys (/JS,
/OpenAction...) misses the next trick: outline JavaScript, Launch actions, /Collection,
RichMedia, XFA, annotations, extra embedded files. Instead every dictionary reachable from
the trailer is checked by its place in the document (not by the /Type it claims): each
place allows only the keys reportlab and pypdf write there, and each key only the kind of
value they write. Every object in the cross-reference table must be reached that way (no
hidden objects), object and cross-reference streams are refused, and page content may not
carry inline images (Sijil writes images only as the XObjects the manifest lists; counted by
`page_texts` while it reads the pages).

This proves the file has no active content; it cannot prove that what the pages *show* is
honest (a forger can draw any text). Identity comes from the key fingerprint (verify.py).
"""

from __future__ import annotations

from collections.abc import Callable

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ByteStringObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from app.core.errors import IntegrityError
from app.core.export import pdfstreams
from app.core.i18n import _


class Refused(Exception):
    """What was found where (for the developer's eyes; the user sees a plain sentence)."""


Check = Callable[[object, "_Walker"], None]


def _number(value: object, _w: _Walker) -> None:
    if not isinstance(value, NumberObject | FloatObject) or isinstance(value, BooleanObject):
        raise Refused("number expected")


def _string(value: object, _w: _Walker) -> None:
    if not isinstance(value, TextStringObject | ByteStringObject):
        raise Refused("string expected")


def _name(*allowed: str) -> Check:
    def check(value: object, _w: _Walker) -> None:
        if not isinstance(value, NameObject) or (allowed and value not in allowed):
            raise Refused(f"name {value!r}")
    return check


def _array(item: Check, length: int | None = None) -> Check:
    def check(value: object, w: _Walker) -> None:
        if not isinstance(value, ArrayObject) or (length is not None and len(value) != length):
            raise Refused("array expected")
        for element in value:
            w.visit(element, item)
    return check


def _either(*checks: Check) -> Check:
    def check(value: object, w: _Walker) -> None:
        for c in checks:
            try:
                c(value, w)
                return
            except Refused:
                continue
        raise Refused("no allowed form")
    return check


def _dict(keys: dict[str, Check], required: tuple[str, ...] = (), stream: bool | None = False) -> Check:
    """A dictionary (or, with stream=True, a stream) with only these keys."""
    def check(value: object, w: _Walker) -> None:
        if not isinstance(value, DictionaryObject) or (stream is not None and
                                                       isinstance(value, StreamObject) != stream):
            raise Refused("dictionary expected")
        for key, item in value.items():
            if key not in keys:
                raise Refused(f"key {key}")
            if keys[key] is not _parent:
                w.visit(item, keys[key])
        if any(k not in value for k in required):
            raise Refused("missing key")
    return check


def _mapping(item: Check) -> Check:
    """A resource dictionary: any names, each mapping to `item`."""
    def check(value: object, w: _Walker) -> None:
        if not isinstance(value, DictionaryObject) or isinstance(value, StreamObject):
            raise Refused("dictionary expected")
        for element in value.values():
            w.visit(element, item)
    return check


def _parent(_value: object, _w: _Walker) -> None:  # back pointers are reached from above
    pass


_FILTERS = _either(_name("/FlateDecode", "/DCTDecode", "/ASCII85Decode"),
                   _array(_name("/FlateDecode", "/DCTDecode", "/ASCII85Decode")))
_STREAM = {"/Length": _number, "/Filter": _FILTERS, "/Length1": _number, "/Length2": _number, "/Length3": _number}
_PLAIN_STREAM = _dict(_STREAM, stream=True)
_CONTENT = _dict({"/Length": _number, "/Filter": _FILTERS}, stream=True)
_IMAGE = _dict({**_STREAM, "/Type": _name("/XObject"), "/Subtype": _name("/Image"), "/Width": _number,
                "/Height": _number, "/BitsPerComponent": _number, "/Decode": _array(_number),
                "/ColorSpace": _name("/DeviceRGB", "/DeviceGray", "/DeviceCMYK")},
               required=("/Subtype",), stream=True)
_FONT_DESCRIPTOR = _dict({"/Type": _name("/FontDescriptor"), "/FontName": _name(), "/Flags": _number,
                          "/FontBBox": _array(_number, 4), "/ItalicAngle": _number, "/Ascent": _number,
                          "/Descent": _number, "/CapHeight": _number, "/StemV": _number, "/MissingWidth": _number,
                          "/FontFile2": _PLAIN_STREAM})
_ENCODING = _either(_name(), _dict({"/Type": _name("/Encoding"), "/BaseEncoding": _name(),
                                    "/Differences": _array(_either(_number, _name()))}))
# Type1 only as one of the standard fonts (no font program), TrueType only with its own program:
# never Type3, whose glyphs are drawn by arbitrary content streams.
_FONT = _dict({"/Type": _name("/Font"), "/Subtype": _name("/Type1", "/TrueType"), "/BaseFont": _name(),
               "/Name": _name(), "/Encoding": _ENCODING, "/FirstChar": _number, "/LastChar": _number,
               "/Widths": _array(_number), "/FontDescriptor": _FONT_DESCRIPTOR, "/ToUnicode": _PLAIN_STREAM},
              required=("/Subtype", "/BaseFont"))
_RESOURCES = _dict({"/Font": _mapping(_FONT), "/XObject": _mapping(_IMAGE),
                    "/ProcSet": _array(_name("/PDF", "/Text", "/ImageB", "/ImageC", "/ImageI"))})
_PAGE = _dict({"/Type": _name("/Page"), "/Parent": _parent, "/Contents": _either(_CONTENT, _array(_CONTENT)),
               "/MediaBox": _array(_number, 4), "/Resources": _RESOURCES, "/Rotate": _number,
               "/Trans": _dict({})}, required=("/Type",))
_EMBEDDED = _dict({**_STREAM, "/Type": _name("/EmbeddedFile"), "/Subtype": _name(),
                   "/Params": _dict({"/Size": _number, "/CheckSum": _string, "/CreationDate": _string,
                                     "/ModDate": _string})}, stream=True)
_FILESPEC = _dict({"/Type": _name("/Filespec"), "/F": _string, "/UF": _string,
                   # /F only (what pypdf writes): a second stream under /UF would be one no check reads
                   "/EF": _dict({"/F": _EMBEDDED}, required=("/F",))}, required=("/EF",))


def _pages(value: object, w: _Walker) -> None:
    _dict({"/Type": _name("/Pages"), "/Kids": _array(_either(_PAGE, _pages)), "/Count": _number,
           "/Parent": _parent}, required=("/Type", "/Kids"))(value, w)


def _name_array(value: object, w: _Walker) -> None:
    """The flat /Names array of the embedded files: (file name, file specification) pairs."""
    if not isinstance(value, ArrayObject) or len(value) % 2:
        raise Refused("name tree")
    for i, element in enumerate(value):
        w.visit(element, _string if i % 2 == 0 else _FILESPEC)


_INFO = _dict({k: _string for k in ("/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/Producer",
                                     "/CreationDate", "/ModDate")} | {"/Trapped": _name("/False")})
_CATALOG = _dict({"/Type": _name("/Catalog"), "/Pages": _pages, "/PageMode": _name("/UseNone"),
                  "/Names": _dict({"/EmbeddedFiles": _dict({"/Names": _name_array})})},
                 required=("/Type", "/Pages"))
_TRAILER = _dict({"/Root": _CATALOG, "/Info": _INFO, "/ID": _array(_string, 2), "/Size": _number,
                  "/Prev": _number}, required=("/Root",), stream=None)


class _Walker:
    def __init__(self, reader: PdfReader) -> None:
        self.reader = reader
        self.reached: set[tuple[int, int]] = set()

    def visit(self, value: object, check: Check) -> None:
        if isinstance(value, IndirectObject):
            ref = (value.idnum, value.generation)
            if ref in self.reached:  # shared objects (fonts, images) are checked once
                return
            self.reached.add(ref)
            ref_object, value = value, value.get_object()
            check(value, self)
            if isinstance(value, StreamObject):  # its data (up to pdfstreams.INLINE) is not needed here
                pdfstreams.forget(self.reader, ref_object)
            return
        check(value, self)


def page_texts(reader: PdfReader) -> list[str]:
    """The text of every page, read in the same pass that counts inline images (parsing page
    content is most of the cost of verifying); IntegrityError if there are any."""
    inline = 0

    def count(operator: bytes, *_args: object) -> None:
        nonlocal inline
        inline += operator == b"INLINE IMAGE"

    texts = []
    for page in reader.pages:
        texts.append(page.extract_text(visitor_operand_before=count))
        pdfstreams.forget_streams(reader)  # this page's content streams are not needed again
    if inline:
        raise IntegrityError(_("This dossier failed verification: its pages hold {n} images drawn inline, which "
                               "Sijil never writes and the manifest does not list.").format(n=inline))
    return texts


def check_structure(reader: PdfReader) -> None:
    """Raise IntegrityError unless every object is one Sijil writes, in the place it writes it."""
    walker = _Walker(reader)
    try:
        if reader.xref_objStm:
            raise Refused("object streams")
        walker.visit(reader.trailer, _TRAILER)
        listed = {(num, gen) for gen, entries in reader.xref.items() for num in entries
                  if not reader.xref_free_entry.get(gen, {}).get(num)}
        if listed - walker.reached:
            raise Refused("unreachable objects")
    except Refused:
        raise IntegrityError(_("This dossier failed verification: it contains objects that Sijil never writes "
                               "(such as scripts, actions, forms, annotations, links or hidden files).")) from None
