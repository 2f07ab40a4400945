"""A dossier PDF read from its file in memory that does not grow with the file's size.

pypdf reads every stream's data whole when it parses the object (`stream.read(length)`), and
keeps each resolved object for the reader's lifetime: the lawyer's copy carries the originals
as embedded files (up to the 4 GiB import limit each), so that alone held the whole dossier.
Here pypdf reads the file through `LazyFile`, which hands back, for any stream longer than
INLINE, an empty placeholder (`Span`) recording where the data lies instead of the data.
The object's dictionary is parsed as usual (so pdfcheck sees every key), and `chunks` reads
a stream's decoded content CHUNK by CHUNK from the file when it is needed: attachments are
hashed and copied that way, and page images are hashed that way.

Long streams must be ones that decode without pypdf: unfiltered (what pypdf writes for an
embedded file), FlateDecode (decompressed incrementally) or DCTDecode (pypdf hands a JPEG
back as it is). Anything else that long is refused; Sijil never writes it.
"""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from pypdf import PdfReader, apply_configuration
from pypdf.generic import ArrayObject, IndirectObject, StreamObject

from app.core.crypto import CHUNK

# Longer stream data is located, not read. Page content, fonts and their maps are far shorter.
INLINE = CHUNK


class Span(bytes):
    """The (empty) data pypdf keeps for a long stream: where the real bytes are in the file."""

    offset: int
    length: int

    def __new__(cls, offset: int, length: int) -> Span:
        span = super().__new__(cls)
        span.offset, span.length = offset, length
        return span


class LazyFile:
    """The file as pypdf sees it: long reads become Spans, and whole-file reads (pypdf's repair
    of a broken cross-reference table, which Sijil's files never need) are refused."""

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh

    def read(self, n: int | None = -1) -> bytes:
        if n is None or n < 0:
            raise ValueError("whole-file read refused")
        if n > INLINE:
            span = Span(self._fh.tell(), n)
            self._fh.seek(n, 1)
            return span
        return self._fh.read(n)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._fh.seek(offset, whence)

    def tell(self) -> int:
        return self._fh.tell()


@contextlib.contextmanager
def reading(fh: BinaryIO, max_stream: int) -> Iterator[PdfReader]:
    """A strict reader over `fh`. pypdf refuses to parse a stream declared longer than 75 MB
    (so an original above that never verified); raised to `max_stream` while the reader
    parses, which costs nothing here since no long stream is read into memory."""
    with apply_configuration(maximum_declared_stream_length=max_stream):
        yield PdfReader(LazyFile(fh), strict=True)


def _filters(obj: StreamObject) -> list[str]:
    f = obj.get("/Filter")
    return [] if f is None else [str(x) for x in f] if isinstance(f, ArrayObject) else [str(f)]


def chunks(fh: BinaryIO, obj: StreamObject, limit: int) -> Iterator[bytes]:
    """The decoded content of a stream, at most CHUNK at a time for a long one.
    ValueError if it cannot be decoded this way or decodes to more than `limit` bytes."""
    raw = obj._data
    if not isinstance(raw, Span):
        data = obj.get_data()  # short: pypdf decodes it as always, within its own limits
        if len(data) > limit:
            raise ValueError("stream too long")
        yield data
        return
    filters = _filters(obj)
    if filters not in ([], ["/FlateDecode"], ["/DCTDecode"]):
        raise ValueError(f"long stream with filters {filters}")
    inflate = zlib.decompressobj() if filters == ["/FlateDecode"] else None
    saved, total, at, end = fh.tell(), 0, raw.offset, raw.offset + raw.length
    try:
        while at < end:
            fh.seek(at)  # the file is shared with pypdf: never rely on where it was left
            piece = fh.read(min(CHUNK, end - at))
            if not piece:
                raise ValueError("stream cut short")
            at += len(piece)
            while piece:
                if inflate is None:
                    out, piece = piece, b""
                else:  # bounded output per call, so a compression bomb costs no memory
                    out, piece = inflate.decompress(piece, CHUNK), inflate.unconsumed_tail
                total += len(out)
                if total > limit:
                    raise ValueError("stream too long")
                if out:
                    yield out
        if inflate is not None and not inflate.eof:
            raise ValueError("compressed stream cut short")
    finally:
        fh.seek(saved)


def forget(reader: PdfReader, ref: IndirectObject) -> None:
    """Drop one checked object from pypdf's cache (see forget_streams)."""
    reader.resolved_objects.pop((ref.generation, ref.idnum), None)


def forget_streams(reader: PdfReader) -> None:
    """Drop checked streams from pypdf's cache of resolved objects (it keeps every object for
    the reader's lifetime), so they do not pile up page after page; pypdf reads them again if
    asked."""
    for key in [k for k, obj in reader.resolved_objects.items() if isinstance(obj, StreamObject)]:
        del reader.resolved_objects[key]
