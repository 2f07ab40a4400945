"""The "remember on this device" opt-in. No OS keyring runs on the test machines, so the
positive path uses an in-memory backend that the test explicitly marks as trusted."""

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.backends.null
import pytest

from app.core import keyring_store
from app.core.errors import KeyringUnavailable, WrongPassphrase
from app.core.vault import Vault


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 5

    def __init__(self):
        super().__init__()
        self.store = {}

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def get_password(self, service, username):
        return self.store.get((service, username))

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


@pytest.fixture
def restore_keyring():
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


@pytest.mark.parametrize("backend", [keyring.backends.fail.Keyring, keyring.backends.null.Keyring, MemoryKeyring])
def test_untrusted_backends_are_refused_with_a_reason(vault, restore_keyring, backend):
    keyring.set_keyring(backend())
    usable, reason = keyring_store.backend_is_trusted()
    assert not usable and "keyring" in reason
    with pytest.raises(KeyringUnavailable):
        keyring_store.remember(vault)
    assert keyring_store.recall(vault.path) is None


def test_remember_recall_and_forget_with_a_trusted_backend(vault, vault_path, restore_keyring, monkeypatch):
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    monkeypatch.setattr(keyring_store, "TRUSTED_BACKENDS", frozenset({__name__}))
    assert keyring_store.backend_is_trusted()[0]
    keyring_store.remember(vault)
    master = keyring_store.recall(vault_path)
    assert master == vault.master_key()
    vault.lock()
    with Vault.unlock_with_master(vault_path, master) as again:
        assert again.journal.incidents.count() == 0
    keyring_store.forget(vault_path)
    assert keyring_store.recall(vault_path) is None and backend.store == {}


def test_the_risk_is_stated():
    assert "without the passphrase" in keyring_store.RISK


@pytest.fixture
def trusted_memory_keyring(restore_keyring, monkeypatch):
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    monkeypatch.setattr(keyring_store, "TRUSTED_BACKENDS", frozenset({__name__}))
    return backend


def test_a_remembered_session_can_change_the_passphrase_and_keeps_the_duress_one(
        vault, vault_path, trusted_memory_keyring):
    from app.core import duress
    from tests.conftest import PASSPHRASE

    duress.set_duress(vault, "the duress passphrase here")
    keyring_store.remember(vault)
    vault.lock()
    with keyring_store.unlock_remembered(vault_path) as again:
        keyring_store.change_passphrase(again, "a new passphrase for her")
    Vault.unlock(vault_path, "a new passphrase for her").lock()
    with Vault.unlock(vault_path, "the duress passphrase here") as decoy:
        assert decoy.store == 1
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_path, PASSPHRASE)


@pytest.mark.parametrize("how", ["wipe", "duress with destroy"])
def test_wipe_and_destroying_duress_forget_the_remembered_key(vault, vault_path, tmp_path,
                                                               trusted_memory_keyring, how):
    from app.core import duress, wipe

    keyring_store.remember(vault)
    if how == "wipe":
        vault.lock()
        wipe.wipe(vault_path, prefs=tmp_path / "no-prefs.ini")
    else:
        duress.set_duress(vault, "the duress passphrase here", destroy_real=True)
        vault.lock()
        Vault.unlock(vault_path, "the duress passphrase here").lock()
    assert trusted_memory_keyring.store == {}
