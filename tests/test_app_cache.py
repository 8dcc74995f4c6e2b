"""The app's one caching idiom (layouts.cache.ByteCache): bounded by bytes, LRU, thread-safe."""

from __future__ import annotations

import threading

import pytest

pytest.importorskip("cachetools")

from layouts.cache import ByteCache, json_size  # noqa: E402


def test_the_budget_is_in_bytes_and_the_least_recently_used_go_first():
    c = ByteCache("t", 100)
    c.put("a", "A", 40)
    c.put("b", "B", 40)
    assert c.get("a") == "A"          # a is now the most recently used
    c.put("c", "C", 40)               # 120 > 100: b goes
    assert "b" not in c and c.get("a") == "A" and c.get("c") == "C"
    assert c.nbytes == 80 and len(c) == 2


def test_an_entry_larger_than_the_budget_is_returned_but_not_kept():
    c = ByteCache("t", 100)
    assert c.put("big", "x" * 10, 1000) == "x" * 10
    assert "big" not in c and c.nbytes == 0


def test_get_or_make_makes_once_and_sizes_the_value():
    c, made = ByteCache("t", 10_000), []

    def make():
        made.append(1)
        return {"data": list(range(50))}

    a = c.get_or_make("k", make, json_size)
    b = c.get_or_make("k", make, json_size)
    assert a is b and len(made) == 1 and c.nbytes == json_size(a)


def test_many_threads_never_exceed_the_budget():
    c = ByteCache("t", 5_000)
    errors = []

    def work(n):
        try:
            for i in range(300):
                c.put((n, i), i, 37 + (i % 50))
                c.get((n, i - 1))
                assert c.nbytes <= 5_000
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and 0 < c.nbytes <= 5_000
