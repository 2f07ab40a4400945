"""A few kill -9 runs of `sijil wipe` for `make test`; `make stress` runs 500."""

import os

from tests.stress import wipe_kill9


def test_a_wipe_killed_at_any_moment_leaves_the_journal_whole_or_unreadable():
    runs = int(os.environ.get("SIJIL_STRESS_RUNS", "4"))
    done, failures, ends = wipe_kill9.loop(runs, seed=int(os.environ.get("SIJIL_STRESS_SEED", "1")))
    assert done == runs and failures == []
    assert ends["inside"] >= 1, ends  # at least one kill landed inside the wipe
