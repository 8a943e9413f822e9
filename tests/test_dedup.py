"""Near-duplicate detection: copies and light edits match, different reports of one event do not."""

from __future__ import annotations

import numpy as np
import pytest

from eventwire.ingest.dedup import NearDuplicateIndex, shingles
from eventwire.ingest.minhash import banding

REPORT = (
    "The foreign ministers of Ghana and Kenya met in Accra on Thursday to discuss a long-running "
    "dispute over cocoa export quotas. Officials from both sides said the talks were frank and "
    "that "
    "a second round would be held in Nairobi next month. Traders in both countries have complained "
    "that the quotas have pushed up prices and cut farmers' incomes over the past year. The "
    "ministers also agreed to set up a joint committee of customs officers, which is expected to "
    "report before the harvest season begins, and to share figures on shipments through the ports "
    "of Tema and Mombasa. A spokesman for the Kenyan delegation said the atmosphere had improved "
    "since the previous meeting, which broke up early after a row over the wording of a joint "
    "statement. Farmers' unions in both countries welcomed the talks but warned that they would "
    "hold protests if prices did not recover by the end of the season."
)
EDITED = REPORT.replace("frank", "candid").replace("next month", "in March")
OTHER_REPORT_SAME_EVENT = (
    "Kenya's top diplomat flew to Accra for talks with her Ghanaian counterpart on Thursday, "
    "as the "
    "two states try to settle their quarrel about how much cocoa each may sell abroad. A further "
    "meeting is planned in the Kenyan capital."
)


def test_shingles_are_case_insensitive_word_ngrams() -> None:
    assert shingles("A b C d E f") == shingles("a B c D e F")
    assert len(shingles("one two three")) == 3  # shorter than a shingle: its words


def test_light_edit_matches_and_other_report_does_not() -> None:
    index = NearDuplicateIndex(threshold=0.8, num_perm=128)
    index.add("orig", index.signature(REPORT))
    match = index.query(index.signature(EDITED))
    assert match is not None and match.article_id == "orig"
    assert 0.8 <= match.similarity < 1.0
    assert index.query(index.signature(OTHER_REPORT_SAME_EVENT)) is None


def test_signatures_survive_a_round_trip_through_bytes() -> None:
    writer = NearDuplicateIndex()
    data = writer.to_bytes(writer.signature(REPORT))
    reader = NearDuplicateIndex()
    reader.load([("orig", data), ("wrong-size", data[:64])])
    assert len(reader) == 1
    match = reader.query(reader.signature(REPORT))
    assert match is not None and match.similarity == 1.0


def test_signatures_and_bands_are_those_stored_before() -> None:
    # Stores written before kept datasketch's "affine32" signatures: ours must equal them value
    # for value, or copies of stored reports would go unnoticed (checked while it is installed).
    datasketch = pytest.importorskip("datasketch")
    index = NearDuplicateIndex(threshold=0.8, num_perm=128)
    for text in (REPORT, "", "three short words", REPORT.upper() + " and a tail of new words"):
        theirs = datasketch.MinHash(num_perm=128, seed=1, scheme="affine32")
        theirs.update_batch(list(shingles(text)))
        expected = np.asarray(theirs.hashvalues, dtype=np.uint64)
        assert np.array_equal(
            np.frombuffer(index.to_bytes(index.signature(text)), np.uint64), expected
        )
    lsh = datasketch.MinHashLSH(threshold=0.8, num_perm=128)
    assert banding(0.8, 128) == (lsh.b, lsh.r)


def test_an_empty_text_has_the_empty_signature_and_other_schemes_are_refused() -> None:
    index = NearDuplicateIndex(num_perm=16)
    assert index.signature("").tolist() == [0xFFFFFFFF] * 16
    assert index.from_bytes(np.full(16, 1 << 40, dtype=np.uint64).tobytes()) is None
    assert index.from_bytes(np.zeros(8, dtype=np.uint64).tobytes()) is None
