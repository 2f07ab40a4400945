"""One window per journal: a second start brings the first window forward and quits.

The first instance listens on a local socket whose name is a hash of the journal folder
(no path, no app name: the socket is visible to other programs), in the user's private
runtime folder where there is one. A second instance connects, says "show", and exits.
Crashed instances leave a stale Unix socket; nobody answers on it, so it is replaced.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_MS = 500
_SHOW = b"show\n"


def server_name(vault_dir: Path) -> str:
    digest = hashlib.sha256(b"sijil-window|" + os.fsencode(Path(vault_dir).expanduser().resolve())).hexdigest()[:32]
    if os.name == "nt":
        return digest  # a named pipe in the session's namespace
    runtime = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.RuntimeLocation)
    return str(Path(runtime) / digest) if runtime else digest


class SingleInstance(QObject):
    activated = Signal()  # another start asked this window to come forward

    def __init__(self, vault_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = server_name(vault_dir)
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """True if this is the first instance (now listening); False if another one answered."""
        probe = QLocalSocket()
        probe.connectToServer(self._name)
        if probe.waitForConnected(CONNECT_MS):
            probe.write(_SHOW)
            probe.waitForBytesWritten(CONNECT_MS)
            probe.disconnectFromServer()
            return False
        QLocalServer.removeServer(self._name)  # a stale socket of a crashed instance
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        self._server.listen(self._name)
        return True

    def _on_connection(self) -> None:
        while self._server is not None and (conn := self._server.nextPendingConnection()) is not None:
            conn.readyRead.connect(lambda conn=conn: self._on_message(conn))
            conn.disconnected.connect(conn.deleteLater)

    def _on_message(self, conn: QLocalSocket) -> None:
        if bytes(conn.readAll().data()).startswith(_SHOW.strip()):
            self.activated.emit()

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
