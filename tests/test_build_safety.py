"""Builds never lose what the user did not ask to remove, and tell the truth about each file (issue 12): a source
that does not exist, one new file into a built corpus, failed files retried, a file over its time budget, two
sources holding the same document, removal by name, two builds at once."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from review import build, open_corpus
from review.build import remove
from review.errors import FileNotFound, SourceNotStored, StoreBusy
from review.store.lock import build_lock

DOC = "NGHỊ ĐỊNH\nSố: {n}/2025/NĐ-CP\nHà Nội, ngày {day} tháng 2 năm 2025\nĐiều 1. {title}\nNội dung {n}.\n"


def _write(folder: Path, name: str, n: int, title: str = "Phạm vi", day: int = 1) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(DOC.format(n=n, title=title, day=day), encoding="utf-8")
    return path


def _ids(corpus: Path) -> set[str]:
    with open_corpus(corpus) as c:
        return set(c.store.document_ids())


def test_a_source_that_does_not_exist_is_an_error_and_changes_nothing(tmp_path):
    src, corpus = tmp_path / "src", tmp_path / "idx"
    _write(src, "a.txt", 1)
    build([src], corpus, jobs=1, engines=())
    with pytest.raises(FileNotFound) as info:
        build([tmp_path / "srcc"], corpus, jobs=1, engines=())  # a typo
    assert info.value.code == "E101" and "srcc" in str(info.value)
    assert _ids(corpus) == {"1/2025/NĐ-CP"}


def test_one_new_file_into_a_built_corpus_keeps_the_others(tmp_path):
    src, corpus = tmp_path / "src", tmp_path / "idx"
    _write(src, "a.txt", 1)
    _write(src, "b.txt", 2)
    build([src], corpus, jobs=1, engines=())
    extra = _write(tmp_path / "more", "c.txt", 3)
    report = build([extra], corpus, jobs=1, engines=())
    assert not report.removed and not report.stale
    assert _ids(corpus) == {"1/2025/NĐ-CP", "2/2025/NĐ-CP", "3/2025/NĐ-CP"}


def test_a_failed_file_is_tried_again_on_the_next_build(tmp_path):
    src, corpus = tmp_path / "src", tmp_path / "idx"
    (src / "x.txt").parent.mkdir(parents=True)
    (src / "x.txt").write_bytes(b"")  # empty: E102
    first = build([src], corpus, jobs=1, engines=())
    assert first.failed == [str(src / "x.txt")]
    second = build([src], corpus, jobs=1, engines=())
    assert second.parsed == [str(src / "x.txt")] and not second.skipped  # not "unchanged"
    _write(src, "x.txt", 4)
    third = build([src], corpus, jobs=1, engines=())
    assert not third.failed and _ids(corpus) == {"4/2025/NĐ-CP"}


def _slow(path, options=None):
    time.sleep(30)


def test_a_file_over_its_time_budget_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch):
    import sys

    b = sys.modules["review.build"]
    from review.pipeline import process_file

    src, corpus = tmp_path / "src", tmp_path / "idx"
    _write(src, "a.txt", 1)
    _write(src, "slow.txt", 2)
    monkeypatch.setattr(
        b,
        "process_file",
        lambda path, options=None: _slow(path) if "slow" in path else process_file(path, options),
    )
    started = time.monotonic()
    report = build([src], corpus, jobs=1, engines=(), time_limit=1)
    assert time.monotonic() - started < 20
    (problem,) = report.problems
    assert problem["code"] == "E111" and problem["path"].endswith("slow.txt")
    assert _ids(corpus) == {"1/2025/NĐ-CP"} and report.failed == [str(src / "slow.txt")]


def test_two_sources_with_the_same_document_never_replace_each_other_silently(tmp_path):
    src, corpus = tmp_path / "src", tmp_path / "idx"
    _write(src, "a.txt", 5)
    _write(src, "b.txt", 5)  # the same document again
    _write(src, "c.txt", 5, day=9)  # another document printed with the same number (another date)
    report = build([src], corpus, jobs=1, engines=())
    (dup,) = [p for p in report.problems if p["code"] == "E304"]
    assert dup["path"].endswith("b.txt") and "a.txt" in dup["message"]
    assert _ids(corpus) == {"5/2025/NĐ-CP", "5/2025/NĐ-CP~2025-02-09"}


def test_remove_by_name(tmp_path):
    src, corpus = tmp_path / "src", tmp_path / "idx"
    a = _write(src, "a.txt", 1)
    _write(src, "b.txt", 2)
    build([src], corpus, jobs=1, engines=())
    with pytest.raises(SourceNotStored):
        remove([src / "nothing.txt"], corpus)
    assert _ids(corpus) == {"1/2025/NĐ-CP", "2/2025/NĐ-CP"}
    assert remove([a], corpus) == [str(a)]
    assert _ids(corpus) == {"2/2025/NĐ-CP"}


def test_a_second_build_waits_then_says_another_is_running(tmp_path):
    corpus = tmp_path / "idx"
    holding = threading.Event()
    release = threading.Event()

    def hold():
        with build_lock(corpus):
            holding.set()
            release.wait(10)

    t = threading.Thread(target=hold)
    t.start()
    holding.wait(5)
    try:
        with pytest.raises(StoreBusy) as info:
            with build_lock(corpus, wait=0.3):
                pass
        assert "another build is running" in str(info.value)
    finally:
        release.set()
        t.join()
    with build_lock(corpus, wait=1):  # free again
        pass


def test_a_scan_on_a_machine_without_tesseract_waits_and_does_not_fail_the_batch(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from review.cli import main
    from review.ingest.pdf import ocr

    scan = Path(__file__).resolve().parent.parent / "corpus" / "pdf" / "06-bct.signed.pdf"
    src, corpus = tmp_path / "src", tmp_path / "idx"
    _write(src, "a.txt", 1)
    (src / "scan.pdf").write_bytes(scan.read_bytes())
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    ocr.tesseract_problem.cache_clear()
    try:
        result = CliRunner().invoke(
            main, ["build", str(src), "--corpus", str(corpus), "--jobs", "1", "--engine", "whoosh"]
        )
        assert result.exit_code == 0, result.output
        assert "waiting: E108" in result.stderr and "1 waiting for a program to install" in result.stdout
        report = build([src], corpus, jobs=1, engines=())
        # Not "unchanged": the scan is tried again, and still waits; the text file stays stored.
        assert report.deferred == [str(src / "scan.pdf")] and not report.failed
        assert _ids(corpus) == {"1/2025/NĐ-CP"}
    finally:
        ocr.tesseract_problem.cache_clear()
