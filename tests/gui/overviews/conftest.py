"""Fixtures for the overview views: a real vault (fast KDF), its task runner and session."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from app.core.vault import Vault
from app.gui.session import Session
from app.gui.tasks import TaskRunner
from tests.gui.overviews import sample_data


@pytest.fixture
def vault(tmp_path):
    v = Vault.create(tmp_path / "vault", "pw", strength="test")
    yield v
    if not v.locked:
        v.lock()


@pytest.fixture
def runner(qapp):
    r = TaskRunner()
    yield r
    r.shutdown()


@pytest.fixture
def session(qapp, runner, vault):
    return Session(runner, vault)


@pytest.fixture
def journal(vault):
    """The journal, for arranging data before a view is built (tests run on the UI thread,
    the worker is idle while they arrange)."""
    return vault.journal


@pytest.fixture
def sample_journal(journal):
    """The journal filled with the realistic (fictional) case of `sample_data`."""
    sample_data.fill(journal)
    return journal


@pytest.fixture
def show(qtbot):
    """Build a view and wait for its first load."""

    def build(cls, session, **kwargs):
        view = cls(session, **kwargs)
        qtbot.addWidget(view)
        with qtbot.waitSignal(view.loaded, timeout=5000):
            pass
        return view

    return build

