"""Encrypted blob store: secretstream files under <vault>/blobs with random names; the small
blobs of a batch share pack files instead (app/core/blobpack.py).

Each blob is encrypted with its own key derived from the blob-store key and the blob's
name, so swapping or renaming blob files is detected like any other tampering.

Blob-store keys come in generations: a passphrase change adds one, new blobs use the newest
(their names start "g<n>x"; generation 0 names are plain hex), and older blobs keep theirs.
So someone holding an old passphrase and an old copy of the database learns the keys of the
evidence that existed then, not of evidence added after the change. New blobs are
padded to a size bucket (crypto.padded_size) and carry a fixed time stamp, so the folder
shows neither exact sizes nor import times.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from app.core import blobpack, crypto
from app.core.atomic import (
    EarlySync,
    atomic_file,
    disk_errors,
    fsync_dir,
    make_durable,
    private_dir,
    write_new,
)
from app.core.errors import FileRejected, IntegrityError
from app.core.i18n import _
from app.core.timestamps import hide_time

Progress = Callable[[int], None]  # bytes processed so far; may raise Cancelled
_PERSON = b"sijil-blob".ljust(16, b"\0")


def _changed_while_read() -> FileRejected:
    return FileRejected(_("The file changed while it was being added, so it was not added. Nothing in the "
                          "journal changed. Wait until it is complete, then add it again."))


def _missing(what: str) -> IntegrityError:
    return IntegrityError(_("{what} is missing from the journal folder.").format(what=what))


def _mismatch(what: str) -> IntegrityError:
    return IntegrityError(
        _("{what} does not match the fingerprint recorded when it was imported.").format(what=what))


class _Collected(list):
    """Ciphertext of a small blob gathered in memory, to be written with one system call."""

    write = list.append


class _InOrder:
    """Runs fn(data) on one background thread, in submission order, with bounded backlog.
    Leaving the block waits for all of it; the first error is raised there or on submit."""

    def __init__(self, fn: Callable[[bytes], object], depth: int = 4) -> None:
        self._fn = fn
        self._depth = depth
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sijil-io")
        self._pending: deque[Future] = deque()

    def submit(self, data: bytes) -> None:
        self._pending.append(self._pool.submit(self._fn, data))
        self._drain(self._depth)

    write = submit  # so it can stand in for a file

    def _drain(self, keep: int) -> None:
        while len(self._pending) > keep:
            self._pending.popleft().result()

    def __enter__(self) -> _InOrder:
        return self

    def __exit__(self, exc_type, *exc: object) -> None:
        try:
            if exc_type is None:
                self._drain(0)
        finally:
            self._pool.shutdown(wait=True)


def generation_of(name: str) -> int:
    return int(name[1:name.index("x")]) if name.startswith("g") and "x" in name else 0


class BlobStore:
    def __init__(self, root: Path, keys: dict[int, bytes], in_use: Callable[[str], bool] = lambda pack: True) -> None:
        """`in_use(pack)` answers whether any row still names an item of that pack file."""
        self.root = private_dir(root)
        self._keys = keys  # generation -> blob-store key
        self._newest = max(keys)
        self._in_use = in_use
        self._batch: list[str] | None = None  # names written inside `batch()`, not yet durable
        self._packer: blobpack.Packer | None = None  # small blobs of the batch
        self._early: EarlySync | None = None  # the batch's finished files, on their way to disk

    def _new_name(self) -> str:
        return crypto.random_name() if self._newest == 0 else f"g{self._newest}x{crypto.random_name()}"

    def _blob_key(self, name: str) -> bytes:
        key = self._keys.get(generation_of(name))
        if key is None:
            raise IntegrityError(_("An evidence file's key is missing from the journal."))
        # hashlib's BLAKE2b is libsodium's generichash with the same key and personalisation
        # (tests/core/test_blob_writes.py), at an eighth of PyNaCl's per-call cost: one per blob.
        return hashlib.blake2b(name.encode("ascii"), digest_size=crypto.KEY_BYTES, key=key,
                               person=_PERSON).digest()

    def path(self, name: str) -> Path:
        """The file of a blob or a pack (not of a packed item: see `chunks`)."""
        if not name.isalnum():  # names are hex we made; refuse anything that could escape root
            raise ValueError("bad blob name")
        return self.root / name

    def put(self, chunks: Iterable[bytes], length: int, progress: Progress | None = None) -> tuple[str, str, int]:
        """Encrypt exactly `length` bytes from chunks into a new, padded blob (crypto.PADDED_MAGIC).
        Returns (name, sha256 of the plaintext, size). Raises FileRejected if the source does
        not hold exactly `length` bytes (a file that changed while it was read).

        Hashing, encryption and writing overlap on separate threads (hashlib, libsodium and
        file writes all release the GIL), with at most a few chunks in flight.
        """
        name = self._new_name()
        if length <= crypto.CHUNK:
            return self._put_small(name, chunks, length, progress)
        digest, size = hashlib.sha256(), 0
        with atomic_file(self.path(name), self._batch is None) as out, _InOrder(digest.update) as hasher, \
                _InOrder(out.write) as writer:
            enc = crypto.StreamEncryptor(self._blob_key(name), writer, crypto.PADDED_MAGIC)
            enc.write(crypto.padded_prefix(length))
            for chunk in chunks:
                size += len(chunk)
                if size > length:
                    raise _changed_while_read()
                hasher.submit(chunk)
                enc.write(chunk)
                if progress:
                    progress(size)
            if size != length:
                raise _changed_while_read()
            for zeros in crypto.padding(length):
                enc.write(zeros)
            enc.finish()
        return self._written(name), digest.hexdigest(), size

    def _put_small(self, name: str, chunks: Iterable[bytes], length: int,
                   progress: Progress | None) -> tuple[str, str, int]:
        """One chunk or less (a message, a photo, a thumbnail): hashed and encrypted on this
        thread, since starting the pipeline's threads would cost more than they save."""
        parts, size = [], 0
        for chunk in chunks:
            size += len(chunk)
            if size > length:
                raise _changed_while_read()
            parts.append(chunk)
        if size != length:
            raise _changed_while_read()
        data = parts[0] if len(parts) == 1 else b"".join(parts)
        if self._packer is not None:
            ref = self._packer.put(data)
            if progress:
                progress(size)
            return ref, hashlib.sha256(data).hexdigest(), size
        out = _Collected()
        enc = crypto.StreamEncryptor(self._blob_key(name), out, crypto.PADDED_MAGIC)
        enc.write(crypto.padded_prefix(length) + data)
        for zeros in crypto.padding(length):
            enc.write(zeros)
        enc.finish()
        write_new(self.path(name), b"".join(out), self._batch is None)
        if progress:
            progress(size)
        return self._written(name), hashlib.sha256(data).hexdigest(), size

    def _written(self, name: str) -> str:
        hide_time(self.path(name))
        if self._batch is not None:
            self._batch.append(name)
            self._early.start(self.path(name))
        return name

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Blobs put inside the block skip their own fsyncs, and the small ones share pack files;
        leaving it normally makes them all durable at once (`make_durable`: one syncfs on Linux).
        Rows naming them must be committed only after the block. A crash inside leaves at worst
        blobs no row names and temp packs, as any interrupted import does; an error inside drops
        the packs. For imports of thousands of small items."""
        if self._batch is not None:
            yield
            return
        self._batch, self._early = [], EarlySync()
        self._packer = blobpack.Packer(self.root, self._new_name, self._blob_key, self._early.start)
        try:
            yield
            self._early.finish()  # before the packs' temp files take their names
            packs = self._packer.finish()
            make_durable([self.path(n) for n in self._batch] + packs, self.root)
        except BaseException:
            self._early.abandon()
            self._packer.abort()
            raise
        finally:
            self._batch = self._packer = self._early = None

    def put_bytes(self, data: bytes) -> str:
        return self.put([data], len(data))[0]

    def chunks(self, name: str, what: str) -> Iterator[bytes]:
        """Plaintext chunks; raises IntegrityError naming `what` if the blob was changed.
        Only a fully consumed iterator proves the whole blob is intact."""
        if blobpack.is_packed(name):
            yield blobpack.read_item(self.root, name, self._blob_key(name), lambda: _missing(what),
                                     lambda: crypto.damaged(what))
            return
        try:
            fh = open(self.path(name), "rb")  # noqa: SIM115 - closed by the generator below
        except FileNotFoundError:
            raise _missing(what) from None
        with fh:
            yield from crypto.decrypt_stream(self._blob_key(name), fh, what)

    def read(self, name: str, what: str, expected_sha256: str | None = None) -> bytes:
        data = b"".join(self.chunks(name, what))
        if expected_sha256 is not None and hashlib.sha256(data).hexdigest() != expected_sha256:
            raise _mismatch(what)
        return data

    def extract(self, name: str, what: str, out_path: Path, expected_sha256: str,
                progress: Progress | None = None) -> None:
        """Write the original bytes to out_path. On any integrity failure or cancel the
        destination is not created (the temp file is removed)."""
        digest, done = hashlib.sha256(), 0
        with atomic_file(out_path) as out:
            for chunk in self.chunks(name, what):
                digest.update(chunk)
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done)
            if digest.hexdigest() != expected_sha256:
                raise _mismatch(what)

    def delete(self, names: Iterable[str]) -> None:
        """Remove blobs; call after the rows naming them are gone (a pack goes with its last item)."""
        names = list(names)
        packed = [n for n in names if blobpack.is_packed(n)]
        with disk_errors():
            unused = list(blobpack.erase_items(self.root, packed, self._in_use)) if packed else []
            for name in [n for n in names if not blobpack.is_packed(n)] + unused:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.path(name))
            fsync_dir(self.root)

    def names(self) -> set[str]:
        return {p.name for p in self.root.iterdir() if p.is_file() and not p.name.startswith(".")}

    def sweep_temp(self) -> None:
        """Remove temp files left by a crash mid-write (they hold only ciphertext).

        Call only while holding the journal folder's lock: then no living process is writing
        one. Complete blobs are never swept, even when no row refers to them: the database may
        be older than the blob (a rollback), and the blob may be the only copy of evidence."""
        # scandir and a name test, not Path.glob: at open this walks 100,000 blobs, and glob's
        # pattern machinery made it a fifth of a second there.
        with os.scandir(self.root) as entries:
            leftovers = [e.path for e in entries if e.name.startswith(".") and e.name.endswith(".tmp")]
        for path in leftovers:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)

