"""Keep a real index consistent: replace, delete, rebuild, detect damage, share between processes."""

import multiprocessing
import os
import shutil
import threading
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from casetracker.search.index import IndexBusyError, PageEntry, SearchIndex, SearchIndexError
from casetracker.search.storage import IndexFolder

TEAM_ONE = [1]
MISSING = (
    "The search index has not been built; an administrator should run "
    "`flask --app casetracker search reindex`."
)
DAMAGED = (
    "The search index is damaged; an administrator should run "
    "`flask --app casetracker search reindex`."
)


def found(results) -> dict[int, list[int]]:
    return {hit.document_id: hit.matched_pages for hit in results.documents}


def generations(path: Path) -> list[str]:
    return sorted(p.name for p in path.iterdir() if p.name.startswith("gen-"))


def test_check_reports_a_missing_index_then_a_healthy_one(tmp_path, open_index):
    index = open_index(tmp_path / "ix")

    assert index.check() == MISSING
    with pytest.raises(SearchIndexError, match="has not been built"):
        index.search("budget", team_ids=TEAM_ONE)

    index.ensure()
    index.ensure()

    assert index.check() is None
    assert len(generations(tmp_path / "ix")) == 1
    assert index.search("budget", team_ids=TEAM_ONE).total_documents == 0


def test_adding_a_document_again_replaces_all_its_pages(index, make_page):
    index.add_pages([make_page(1, 1, "Revised minutes: the budget was cut.")])

    assert [p.page for p in index.pages_of(1, None, team_ids=TEAM_ONE)] == [1]
    assert found(index.search("budget", team_ids=TEAM_ONE)) == {1: [1], 3: [2]}
    assert found(index.search("attendees", team_ids=TEAM_ONE)) == {}


def test_delete_documents_removes_every_page(index):
    assert found(index.search("budget", team_ids=TEAM_ONE)) == {1: [2], 3: [2]}

    assert index.delete_documents([1, 99]) == 3
    assert index.delete_documents([1]) == 0
    assert index.delete_documents([]) == 0

    assert found(index.search("budget", team_ids=TEAM_ONE)) == {3: [2]}
    assert index.pages_of(1, None, team_ids=TEAM_ONE) == []


def test_rebuild_after_the_index_folder_is_deleted(index, corpus):
    shutil.rmtree(index.path)
    assert index.check() == MISSING
    with pytest.raises(SearchIndexError):
        index.add_pages(corpus[:1])
    progress = []

    pages = index.rebuild(iter(corpus), batch_size=3, progress=progress.append)

    assert pages == 8
    assert progress == [3, 6, 8]
    assert index.check() is None
    assert found(index.search("budget", team_ids=TEAM_ONE)) == {1: [2], 3: [2]}
    assert len(generations(index.path)) == 1


def test_rebuild_replaces_the_old_contents(index, make_page):
    before = generations(index.path)
    assert found(index.search("budget", team_ids=TEAM_ONE)) == {1: [2], 3: [2]}

    index.rebuild([make_page(8, 1, "Only the rebuilt page mentions budget.")])

    assert found(index.search("budget", team_ids=TEAM_ONE)) == {8: [1]}
    assert generations(index.path) != before
    assert len(generations(index.path)) == 1


def test_a_rebuild_that_fails_leaves_the_live_index_as_it_was(index, make_page):
    def entries():
        yield make_page(8, 1, "half-built budget")
        raise OSError("database went away")

    with pytest.raises(OSError, match="database went away"):
        index.rebuild(entries(), batch_size=1)

    assert found(index.search("budget", team_ids=TEAM_ONE)) == {1: [2], 3: [2]}
    assert len(generations(index.path)) == 1


def test_check_reports_a_corrupted_toc_and_rebuild_repairs_it(index, corpus):
    live = IndexFolder(index.path).live()
    [toc] = live.glob("*.toc")
    toc.write_bytes(b"\x00garbage" * 8)

    assert index.check() == DAMAGED
    with pytest.raises(SearchIndexError) as error:
        index.search("budget", team_ids=TEAM_ONE)
    assert str(error.value) == DAMAGED

    index.rebuild(corpus)

    assert index.check() is None
    assert found(index.search("budget", team_ids=TEAM_ONE)) == {1: [2], 3: [2]}


def test_check_reports_a_segment_lost_in_a_crashed_commit(index):
    live = IndexFolder(index.path).live()
    [postings] = live.glob("*.pst")
    postings.unlink()

    assert index.check() == DAMAGED


def test_a_writer_waits_for_another_writer_instead_of_failing(index, make_page):
    live = IndexFolder(index.path).live()
    other = whoosh_index.open_dir(str(live)).writer()
    release = threading.Timer(0.3, other.cancel)
    release.start()

    assert index.add_pages([make_page(6, 1, "parliament")]) == 1

    release.join()
    assert found(index.search("parliament", team_ids=TEAM_ONE)) == {6: [1]}


def test_a_writer_held_up_too_long_gets_a_busy_message_not_a_lock_error(
    tmp_path, open_index, make_page
):
    index = open_index(tmp_path / "ix", writer_timeout=0.2)
    index.ensure()
    other = whoosh_index.open_dir(str(IndexFolder(index.path).live())).writer()
    try:
        with pytest.raises(IndexBusyError) as busy:
            index.add_pages([make_page(6, 1, "parliament")])
    finally:
        other.cancel()

    assert str(busy.value) == (
        "The search index was busy for 0.2 seconds (it may be being rebuilt); "
        "please try again in a few minutes."
    )


def test_writers_wait_while_a_rebuild_holds_the_index(tmp_path, open_index):
    index = open_index(tmp_path / "ix", writer_timeout=0.2)
    index.ensure()

    with IndexFolder(index.path).locked(exclusive=True, timeout=1):
        with pytest.raises(IndexBusyError):
            index.delete_documents([1])


def test_searches_in_threads_see_a_write_made_meanwhile(index, make_page):
    def search_in_thread(results: list) -> None:
        results.append(found(index.search("parliament", team_ids=TEAM_ONE)))

    before: list = []
    thread = threading.Thread(target=search_in_thread, args=(before,))
    thread.start()
    thread.join()
    index.add_pages([make_page(6, 1, "parliament")])
    after: list = []
    threads = [threading.Thread(target=search_in_thread, args=(after,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert before == [{}]
    assert after == [{6: [1]}] * 4


def _add_documents(path: str, first_id: int, start) -> None:
    index = SearchIndex(Path(path))
    start.wait()
    for document_id in range(first_id, first_id + 20):
        index.add_pages(
            PageEntry(document_id, None, None, None, 1, "pdf", None, page, "Hansard",
                      f"parliament sitting {document_id} page {page}")
            for page in range(1, 11)
        )
    # Leave at once, as a web worker may: nothing must be left to flush.
    os._exit(0)


def test_two_processes_writing_at_once_both_land(empty_index):
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    workers = [
        context.Process(target=_add_documents, args=(str(empty_index.path), first, start))
        for first in (1000, 2000)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)

    assert [worker.exitcode for worker in workers] == [0, 0]
    results = empty_index.search("parliament", team_ids=TEAM_ONE, per_page=100)
    assert results.total_documents == 40
    assert sum(len(hit.matched_pages) for hit in results.documents) == 400
    assert {hit.document_id for hit in results.documents} == {
        *range(1000, 1020), *range(2000, 2020)
    }
