"""Meta's HTML download at the scale of a campaign, on demand: 100,000 messages in one
conversation over ten pages (2023-2024 layout, English times with seconds, a reaction on every
tenth), parse + preview ready, beside the standard library's HTML parser alone on the same
pages (no handlers: the floor any reader built on it has).

    PYTHONPATH=$PWD python -m pytest -q -s -p no:cacheprovider tests/benchmarks/bench_meta_html.py
"""

from __future__ import annotations

import time
from datetime import timedelta
from html.parser import HTMLParser

from app.core import importers
from tests.core.importers import meta_html_exports as hx
from tests.core.importers.meta_exports import write

MESSAGES = 100_000
PAGES = 10


def test_meta_html_preview(tmp_path):
    base = f"{hx.FB}/inbox/campaign_1"
    msgs = [hx.Msg("Zoë Hater" if i % 3 else "ليلى", hx.T0 + timedelta(seconds=7 * i), f"message {i} سنجدك",
                   reactions=[("😡", "x")] if i % 10 == 0 else []) for i in range(MESSAGES)]
    per = MESSAGES // PAGES
    newest = msgs[::-1]
    files = {f"{base}/message_{k + 1}.html": hx.page("Campaign", ["a", "b"], newest[k * per:(k + 1) * per], base)
             for k in range(PAGES)}
    write(tmp_path, files)
    start = time.perf_counter()
    for body in files.values():
        bare = HTMLParser(convert_charrefs=True)
        bare.feed(body.decode())
        bare.close()
    floor = time.perf_counter() - start
    start = time.perf_counter()
    with importers.parse("meta", tmp_path) as p:
        took = time.perf_counter() - start
        assert len(p.messages) == MESSAGES and p.messages[0].text == "message 0 سنجدك"
    mib = sum(map(len, files.values())) / 2**20
    print(f"\n[meta html {MESSAGES:,} messages, {mib:.0f} MiB in {PAGES} pages] parse + preview ready {took:.1f} s "
          f"(html.parser alone: {floor:.1f} s)")
