"""The event lexicon: packaged, versioned, covering every PLOVER type, strict about its format."""

from __future__ import annotations

import pytest

from eventwire.errors import ExtractionError
from eventwire.nlp.lexicon import (
    PLOVER_TYPES,
    RuleKind,
    load_lexicon,
    parse_lexicon,
    quad_class,
)


def test_packaged_lexicon_has_a_version_and_every_plover_type() -> None:
    lexicon = load_lexicon()
    assert lexicon.version
    assert lexicon.types() == set(PLOVER_TYPES)


def test_lexicon_covers_broad_news_vocabulary() -> None:
    keys = load_lexicon().event_keys()
    assert len(keys) >= 500
    for pos, lemma in [
        ("V", "visit"),
        ("V", "meet"),
        ("V", "accuse"),
        ("V", "arrest"),
        ("V", "test-fire"),
        ("V", "impose"),
        ("N", "summit"),
        ("N", "invitation"),
        ("N", "sanction"),
        ("N", "protest"),
    ]:
        assert (pos, lemma) in keys or load_lexicon().rules(pos, lemma), lemma


def test_codes_carry_cameo_quad_class_and_intensity() -> None:
    rules = [r for r in load_lexicon().rules("V", "arrest") if r.code]
    code = rules[0].code
    assert code is not None
    assert (code.type, code.mode, code.cameo, code.quad_class) == ("COERCE", "arrest", "173", 4)
    assert -10 <= code.intensity < 0


@pytest.mark.parametrize(
    ("cameo", "quad"), [("036", 1), ("057", 1), ("073", 2), ("112", 3), ("141", 3), ("190", 4)]
)
def test_quad_class_follows_the_cameo_root(cameo: str, quad: int) -> None:
    assert quad_class(cameo) == quad


def test_signing_an_agreement_is_support_and_an_invitation_is_agree() -> None:
    lexicon = load_lexicon()
    sign = [r for r in lexicon.rules("V", "sign") if r.code and r.condition("obj")]
    assert sign and sign[0].code is not None and sign[0].code.type == "SUPPORT"
    invite = [r for r in lexicon.rules("N", "invitation") if r.code]
    assert invite[0].code is not None
    assert (invite[0].code.type, invite[0].code.mode) == ("AGREE", "invite")


def test_helper_classes_are_indexed() -> None:
    lexicon = load_lexicon()
    assert lexicon.is_kind("V", "hold", RuleKind.LIGHT)
    assert lexicon.is_kind("V", "end", RuleKind.OCCUR)
    assert lexicon.is_kind("N", "round", RuleKind.TRANSPARENT)
    assert lexicon.is_kind("N", "end", RuleKind.ASPECT)


GOOD = "# version 9.9\npos\tkeys\twhen\ttype\tmode\tcameo\tintensity\troles\n"


def test_parse_reads_conditions_roles_and_flags() -> None:
    text = GOOD + "V\tcall|phone\tprep=for;obj!=x\tREQUEST\t-\t020\t3.0\tfrom,on,speech\n"
    lexicon = parse_lexicon(text, "test.tsv")
    (rule,) = lexicon.rules("V", "phone")
    assert lexicon.version == "9.9"
    assert [c.name for c in rule.conditions] == ["prep", "obj!"]
    assert rule.rank[0] == 1  # negative conditions do not count
    assert rule.targets == ("from", "on")
    assert rule.has("speech")
    assert rule.code is not None and rule.code.mode is None


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("V\tx\t-\tAGREE\t-\t030\t4.0\n", "columns"),
        ("Q\tx\t-\tAGREE\t-\t030\t4.0\t-\n", "part of speech"),
        ("V\tx\tnear=y\tAGREE\t-\t030\t4.0\t-\n", "unknown condition"),
        ("V\tx\t-\tFRIENDSHIP\t-\t030\t4.0\t-\n", "unknown type"),
        ("V\tx\t-\tAGREE\t-\t030\t40\t-\n", "outside"),
        ("V\tx\t-\tAGREE\t-\tabc\t4.0\t-\n", "CAMEO"),
    ],
)
def test_malformed_lines_are_reported_with_their_place(line: str, message: str) -> None:
    with pytest.raises(ExtractionError, match=message) as info:
        parse_lexicon(GOOD + line, "test.tsv")
    assert "test.tsv:3" in str(info.value)


def test_a_missing_version_line_is_an_error() -> None:
    with pytest.raises(ExtractionError, match="version"):
        parse_lexicon("pos\tkeys\n", "test.tsv")
