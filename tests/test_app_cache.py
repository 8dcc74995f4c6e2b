"""The app's one caching idiom (layouts.cache.ByteCache): bounded by bytes, LRU, thread-safe."""

from __future__ import annotations

import threading
import time

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


def test_threads_asking_for_one_missing_key_make_it_once():
    """A server's first requests all want the same layout: one thread makes it, the others wait."""
    c = ByteCache("t", 10_000)
    made, started = [], threading.Event()

    def make():
        made.append(1)
        started.set()
        time.sleep(0.3)  # long enough for every other thread to arrive while it is being made
        return "layout"

    got = []
    threads = [threading.Thread(target=lambda: got.append(c.get_or_make("k", make, len))) for _ in range(8)]
    threads[0].start()
    started.wait(5)
    for t in threads[1:]:
        t.start()
    for t in threads:
        t.join(10)
    assert got == ["layout"] * 8
    assert len(made) == 1


def test_a_failed_maker_lets_a_waiting_thread_make_the_value():
    c = ByteCache("t", 10_000)
    started, calls = threading.Event(), []

    def failing():
        calls.append("fail")
        started.set()
        time.sleep(0.2)
        raise RuntimeError("boom")

    errors, got = [], []

    def first():
        try:
            c.get_or_make("k", failing, len)
        except RuntimeError as e:
            errors.append(e)

    t1 = threading.Thread(target=first)
    t1.start()
    started.wait(5)
    t2 = threading.Thread(target=lambda: got.append(c.get_or_make("k", lambda: calls.append("ok") or "v", len)))
    t2.start()
    t1.join(5)
    t2.join(5)
    assert len(errors) == 1 and got == ["v"] and calls == ["fail", "ok"]
    assert c.get("k") == "v"
