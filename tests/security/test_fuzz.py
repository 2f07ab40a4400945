"""Fuzzing of every parser of outside input (tests/fuzz.py), each target in its own child with
its address space capped (RLIMIT_AS) and an alarm per case: no unhandled exception, no
MemoryError, no hang. `make test` runs a quick pass; `make stress` a campaign
(SIJIL_FUZZ_EXAMPLES=2000)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import fuzz

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("SIJIL_FUZZ_EXAMPLES", "25"))


@pytest.mark.parametrize("target", fuzz.TARGETS)
def test_fuzzed_input_gets_a_plain_answer_in_bounded_memory(target):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "tests.fuzz", target, str(EXAMPLES)], env=env,
                          capture_output=True, text=True, timeout=120 + EXAMPLES * fuzz.CASE_SECONDS)
    summary = next((line for line in proc.stdout.splitlines() if line.startswith("CASES")), proc.stderr[-2000:])
    print(f"fuzz {target}: {summary}")
    assert proc.returncode == 0 and summary == f"CASES {EXAMPLES} FAILURES 0", proc.stdout[-4000:] + proc.stderr[-2000:]


def test_the_harness_catches_what_it_must():
    """A target that allocates without bound, hangs or crashes is reported, not survived."""
    code = (
        "import time, tests.fuzz as f\n"
        "f.CASE_SECONDS = 1\n"
        "calls = [0]\n"
        "def bad(_tmp):\n"
        "    def run(data, _w):\n"  # by call, not by input: the mutations need not keep a prefix
        "        calls[0] += 1\n"
        "        if calls[0] == 1: bytearray(8 * 1024**3)\n"
        "        elif calls[0] == 2: time.sleep(5)\n"
        "        else: raise KeyError('unplanned')\n"
        "    return [b'A', b'B', b'C'], run\n"
        "f.header_target = bad\n"
        "cases, failures = f.fuzz('header', 30)\n"
        "kinds = {x.split(':')[0] for x in failures}\n"
        "print(sorted(kinds))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, PYTHONPATH=str(ROOT)),
                         capture_output=True, text=True, timeout=300).stdout
    assert "MemoryError" in out and "TimeoutError" in out and "KeyError" in out, out
