"""Exports' JSON read in steps (app/core/importers/json_steps.py): the same values and the same
refusals as json.loads, and no single call of the C decoder over a whole chat of messages."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.importers import json_steps

KEYS = st.sampled_from(["messages", "chats", "list", "left_chats", "text", "id", "from", "é", ""])
VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                      lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
                      max_leaves=30)


@given(VALUES, st.sampled_from([None, 1, " \n\t"]))
@settings(max_examples=300, deadline=None)
def test_any_json_reads_as_json_loads_reads_it(value, indent):
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    assert json_steps.loads(text) == json.loads(text)


@given(VALUES, st.integers(min_value=0, max_value=10_000), st.sampled_from(["", ",", "}", "]", ":", '"', "x", " ]"]))
@settings(max_examples=300, deadline=None)
def test_broken_json_is_refused_where_json_loads_refuses_it(value, at, insert):
    text = json.dumps({"messages": [value, value], "chats": {"list": [{"messages": [value]}]}}, indent=1)
    at %= len(text)
    broken = text[:at] + insert + text[at + 1:]
    try:
        expected = json.loads(broken)
    except json.JSONDecodeError as exc:
        with pytest.raises(json.JSONDecodeError) as got:
            json_steps.loads(broken)
        assert got.value.pos == exc.pos or got.value.lineno == exc.lineno
    else:
        assert json_steps.loads(broken) == expected


def _chat(n: int, start: int = 1) -> dict:
    return {"name": "Campaign", "type": "public_channel", "id": 42,
            "messages": [{"id": i, "type": "message", "date": "2023-07-04T10:30:15", "text": ["x" * 50, {"type": "link"}]}
                         for i in range(start, start + n)]}


@pytest.mark.parametrize("export", ["chat", "full account", "meta", "x"])
def test_no_call_of_the_decoder_reads_a_whole_chat_at_once(monkeypatch, export):
    doc = {"chat": _chat(2000), "full account": {"about": "", "chats": {"list": [_chat(1000), _chat(1000, 5000)]},
                                                  "left_chats": {"list": [_chat(500)]}},
           "meta": {"participants": [{"name": "a"}], "messages": _chat(2000)["messages"]},
           "x": [{"tweet": {"id_str": str(i), "full_text": "x" * 50}} for i in range(2000)]}[export]
    text = json.dumps(doc, indent=1)
    spans = []
    real = json_steps._DECODER.raw_decode

    def recorded(s, idx=0):
        value, end = real(s, idx)
        spans.append(end - idx)
        return value, end
    monkeypatch.setattr(json_steps._DECODER, "raw_decode", recorded)
    assert json_steps.loads(text) == doc
    assert max(spans) < len(text) / 100  # a message (or post) at a time
