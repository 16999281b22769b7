"""How a rebuild writes the index (issue 13): in segments without temporary files, the text indexed once."""

from whoosh import formats

from casetracker.search import index as search_index
from casetracker.search.schema import build_schema, exact_analyzer

TEAM_ONE = [1]


def test_the_exact_copy_is_indexed_as_whooshs_own_analyzer_chain_would():
    text = ("Héllo WÖRLD. José Martínez's 3.141 big-time under_score *wild* İstanbul "
            "straße ﬁne “quotes” naïve CAFÉ, café")
    fast = build_schema()["exact"].format.word_values(text, exact_analyzer(), mode="index")
    chain = formats.Characters().word_values(text, exact_analyzer(), mode="index")

    assert sorted(fast) == sorted(chain)


def test_a_rebuild_writes_one_segment_per_batch_of_pages_and_no_spill(index, corpus, monkeypatch):
    monkeypatch.setattr(search_index, "SEGMENT_PAGES", 3)
    seen_files = []
    live = index._folder

    def watch(done):
        seen_files.append(sorted(p.suffix for p in live.path.rglob("*") if p.is_file()))

    index.rebuild(corpus, batch_size=1, progress=watch)

    _, ix = search_index.open_live(live, build_schema())
    with ix.searcher() as searcher:
        assert [reader.doc_count_all() for reader, _ in searcher.reader().leaf_readers()] == [3, 3, 2]
    assert not any(".run" in files for files in seen_files)
    assert {hit.document_id: hit.matched_pages
            for hit in index.search("officers OR budget", team_ids=TEAM_ONE).documents} == {1: [2], 3: [2]}
