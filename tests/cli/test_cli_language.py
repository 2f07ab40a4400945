"""The command line in the language the system asks for: its help, argparse's own words and
Sijil's errors, in a real subprocess."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli


def test_help_in_arabic_is_arabic():
    proc = run_cli("--help", env={"LANGUAGE": "ar"}, passphrase=None, check=True)
    out = proc.stdout
    assert "الاستخدام:" in out and "الخيارات" in out and "اعرض رسالة المساعدة هذه واخرج" in out
    assert "أنشئي يوميات جديدة" in out  # a subcommand's help
    for english in ("usage:", "options", "show this help message", "create a new journal"):
        assert english not in out


@pytest.mark.parametrize("env, words", [
    ({"LANGUAGE": "tr"}, "yeni bir günlük oluştur"), ({"LC_ALL": "fa_IR.UTF-8", "LANGUAGE": ""}, "ساختن دفترچهٔ جدید"),
    ({"LANGUAGE": "es"}, "crear un diario nuevo"), ({"LANGUAGE": "fr"}, "créer un nouveau journal"),
])
def test_help_follows_the_system_language(env, words):
    assert words in run_cli("--help", env=env, passphrase=None, check=True).stdout


def test_argparse_errors_and_sijil_errors_speak_arabic(tmp_path):
    usage = run_cli("export", "--format", "nonsense", env={"LANGUAGE": "ar"}, passphrase=None)
    assert usage.returncode == 2 and "اختيار غير صالح" in usage.stderr and "خطأ" in usage.stderr
    missing = run_cli("--vault", str(tmp_path / "none"), "incident", "list", env={"LANGUAGE": "ar"})
    assert missing.returncode != 0 and "لم يُعثر على يوميات" in missing.stderr


def test_a_un_communication_in_arabic_is_refused_before_the_journal_opens(tmp_path):
    proc = run_cli("--vault", str(tmp_path / "none"), "export", "--format", "un", "--language", "ar",
                   "--out", str(tmp_path / "un.pdf"), "1")
    assert proc.returncode == 2 and "English, French or Spanish" in proc.stderr
    assert not (tmp_path / "un.pdf").exists()
