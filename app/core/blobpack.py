"""Pack files: the small blobs of one batch (an import's messages and photos, a run of
thumbnails) share a few large files instead of one file each.

Creating, naming and syncing a file per item was most of an import's time (10,000 files cost
more than encrypting every byte in them), and a folder of 10,000 files of distinctive sizes
tells whoever holds the disk how many items she imported and how large each one is. A pack
holds items back to back, each one its own secretstream (header, one final chunk) under a key
derived from the item's reference, which names the pack, the offset and the length: moving an
item, or splicing another pack's bytes in, fails authentication like any other tampering. The
pack is padded to a Padmé size with random bytes, so only its rounded size shows.

A pack is written under a temp name and renamed when the batch ends, before the batch makes
everything durable and before any row names it; a crash leaves a temp file the next open
sweeps. Deleting an item overwrites its bytes with random ones (a key found later opens
nothing); the pack goes when no row names it any more.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import nacl.bindings as sodium
import nacl.exceptions

from app.core import crypto
from app.core.atomic import create_private, disk_errors, temp_beside
from app.core.errors import IntegrityError
from app.core.timestamps import hide_time

PACK_LIMIT = 64 << 20  # bytes of items per pack: large enough to amortise, small enough to back up
BEHIND_MIN = 256 << 10  # items this large are sealed and written behind the caller
BEHIND_QUEUE = 16      # ... at most this many at a time (each at most crypto.CHUNK)
_HEADER = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES
_ABYTES = sodium.crypto_secretstream_xchacha20poly1305_ABYTES
_FINAL = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL


def is_packed(ref: str) -> bool:
    return "-" in ref


def file_of(name: str) -> str:
    """The file in the blob folder that holds a blob: its own, or its pack's."""
    return name.partition("-")[0]


def parse_ref(ref: str) -> tuple[str, int, int]:
    """`<pack>-<offset>-<length>` -> (pack file name, offset, length); ValueError if malformed."""
    pack, offset, length = ref.split("-")
    if not (pack.isalnum() and offset.isdigit() and length.isdigit()):
        raise ValueError("bad packed blob reference")
    return pack, int(offset), int(length)


def sealed_size(length: int) -> int:
    return _HEADER + length + _ABYTES


def seal(key: bytes, data: bytes) -> bytes:
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    header = sodium.crypto_secretstream_xchacha20poly1305_init_push(state, key)
    return header + sodium.crypto_secretstream_xchacha20poly1305_push(state, data, None, _FINAL)


def open_sealed(key: bytes, sealed: bytes, broken: Callable[[], IntegrityError]) -> bytes:
    if len(sealed) < _HEADER + _ABYTES:
        raise broken()
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    sodium.crypto_secretstream_xchacha20poly1305_init_pull(state, sealed[:_HEADER], key)
    try:
        data, tag = sodium.crypto_secretstream_xchacha20poly1305_pull(state, sealed[_HEADER:], None)
    except nacl.exceptions.CryptoError:
        raise broken() from None
    if tag != _FINAL:
        raise broken()
    return data


class Packer:
    """Writes items of one batch into new packs under `root`; thread-safe (anything writing to
    the store while a batch is open shares it; only reserving an offset holds the lock)."""

    def __init__(self, root: Path, new_name: Callable[[], str], key_of: Callable[[str], bytes],
                 on_full: Callable[[Path], None] = lambda tmp: None) -> None:
        """`on_full(temp path)` is told of each pack as it fills (to start its sync early)."""
        self._root = root
        self._on_full = on_full
        self._new_name = new_name
        self._key_of = key_of
        self._lock = threading.Lock()
        self._open: tuple[str, int, Path] | None = None  # (name, fd, temp path) being filled
        self._offset = 0
        self._packs: list[tuple[str, int, Path, int]] = []  # every pack of the batch, with its end
        # Large items are sealed and written on a thread behind the caller, who meanwhile hashes
        # them and reads the next: 10,000 messages with 2560 px photos (375 KB) took 9.6 s on one
        # thread, 5.5 s this way. Smaller ones are not worth the hand-off: with 100 KB photos it saved
        # nothing and cost 25 % more CPU, with 20 KB ones the import took 40 % longer (the GIL
        # changing hands per item costs more than their crypto). The thread starts on first use.
        self._behind = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sijil-pack-write")
        self._behind_slots = threading.BoundedSemaphore(BEHIND_QUEUE)  # items in memory at most
        self._writes: list[Future] = []
        self._failed: BaseException | None = None

    def put(self, data: bytes) -> str:
        if self._failed is not None:  # a write behind failed (a full disk): stop at once
            raise self._failed
        size = sealed_size(len(data))
        with self._lock:
            if self._open is None or self._offset + size > PACK_LIMIT:
                self._start()
            name, fd, _tmp = self._open
            offset, self._offset = self._offset, self._offset + size
        ref = f"{name}-{offset}-{size}"
        if len(data) < BEHIND_MIN:
            self._write(ref, fd, offset, data)
            return ref
        self._behind_slots.acquire()
        write = self._behind.submit(self._write, ref, fd, offset, data)
        write.add_done_callback(self._written)
        self._writes.append(write)
        return ref

    def _written(self, write: Future) -> None:
        self._behind_slots.release()
        if not write.cancelled() and write.exception() is not None:
            self._failed = write.exception()

    def _write(self, ref: str, fd: int, offset: int, data: bytes) -> None:
        sealed = seal(self._key_of(ref), data)
        with disk_errors():
            view = memoryview(sealed)
            while view:  # pwrite at the reserved offset: writers share no file position
                written = os.pwrite(fd, view, offset)
                view, offset = view[written:], offset + written

    def _wait_for_writes(self, cancel: bool = False) -> None:
        """Every write behind done or cancelled (none still using a pack's file descriptor);
        the first failure raised."""
        writes, self._writes = self._writes, []
        self._behind.shutdown(wait=True, cancel_futures=cancel)
        for write in writes:
            if not write.cancelled():
                write.result()

    def _start(self) -> None:
        if self._open is not None:
            self._on_full(self._open[2])
        self._close_open()
        name = self._new_name()
        tmp = temp_beside(self._root / name)
        with disk_errors():
            self._open = (name, create_private(tmp, os.O_RDWR), tmp)
        self._offset = 0

    def _close_open(self) -> None:
        if self._open is not None:
            name, fd, tmp = self._open
            self._packs.append((name, fd, tmp, self._offset))
            self._open = None

    def finish(self) -> list[Path]:
        """Pad and name every pack; returns their paths, to be made durable with the batch."""
        self._wait_for_writes()
        self._close_open()
        done = []
        with disk_errors():
            for name, fd, tmp, end in self._packs:
                pad = crypto.padded_size(end) - end
                while pad > 0:
                    pad -= os.pwrite(fd, os.urandom(min(pad, crypto.CHUNK)), crypto.padded_size(end) - pad)
                os.close(fd)
                os.replace(tmp, self._root / name)
                hide_time(self._root / name)
                done.append(self._root / name)
        self._packs = []
        return done

    def abort(self) -> None:
        """Drop every pack of the batch (a failed or cancelled import): no row names them."""
        with contextlib.suppress(Exception):
            self._wait_for_writes(cancel=True)  # before the descriptors close: no write lands elsewhere
        self._close_open()
        for _name, fd, tmp, _end in self._packs:
            with contextlib.suppress(OSError):
                os.close(fd)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        self._packs = []


def read_item(root: Path, ref: str, key: bytes, missing: Callable[[], IntegrityError],
              broken: Callable[[], IntegrityError]) -> bytes:
    pack, offset, length = parse_ref(ref)
    try:
        fh = open(root / pack, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise missing() from None
    with fh:
        fh.seek(offset)
        sealed = fh.read(length)
    if len(sealed) != length:
        raise broken()
    return open_sealed(key, sealed, broken)


def erase_items(root: Path, refs: list[str], in_use: Callable[[str], bool]) -> Iterator[str]:
    """Overwrite each item with random bytes; yield the packs no row names any more (to unlink)."""
    by_pack: dict[str, list[tuple[int, int]]] = {}
    for ref in refs:
        pack, offset, length = parse_ref(ref)
        by_pack.setdefault(pack, []).append((offset, length))
    for pack, regions in by_pack.items():
        if not in_use(pack):
            yield pack  # nothing else lives in it: unlinking drops every item at once
            continue
        try:
            fd = os.open(root / pack, os.O_WRONLY)
        except FileNotFoundError:
            continue
        try:
            for offset, length in regions:
                os.pwrite(fd, os.urandom(length), offset)
            os.fsync(fd)
        finally:
            os.close(fd)
