"""A few kill -9 runs for `make test`; `make stress` runs the full loop (500 runs)."""

import os

from tests.stress import kill9


def test_kill9_loop_loses_nothing():
    runs = int(os.environ.get("SIJIL_STRESS_RUNS", str(len(kill9.OPERATIONS))))
    done, failures, per_op, _killed, _temp = kill9.loop(runs, seed=int(os.environ.get("SIJIL_STRESS_SEED", "1")))
    assert done == runs and all(per_op.values()), per_op
    assert failures == []
