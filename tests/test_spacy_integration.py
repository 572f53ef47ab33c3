"""Built the spaCy way: registered factories, results on doc.spans and Doc._, usable in your own nlp."""

from __future__ import annotations

import importlib.util

import pytest
import spacy

import mlkit


def test_components_in_a_users_own_pipeline() -> None:
    nlp = spacy.blank("en")
    mlkit.add_components(nlp)
    assert nlp.pipe_names == ["mlkit_sentences", "mlkit_hedges", "mlkit_attributions"]
    doc = nlp("Officials said the bridge may collapse.")
    assert [s.text for s in doc.spans["hedges"]] == ["may"]
    assert [s.label_ for s in doc.spans["hedges"]] == ["modal"]
    assert [s.text for s in doc.spans["attribution_cues"]] == ["said"]
    assert [s.text for s in doc.spans["attribution_sources"]] == ["Officials"]
    assert doc._.mlkit_attributions[0]["source"]["text"] == "Officials"


def test_default_pipeline_needs_no_model() -> None:
    nlp = mlkit.get_nlp()
    assert nlp.meta["name"] == "pipeline"  # spacy.blank, not a trained package
    assert mlkit.analyze("x").pipeline == "rules"


def test_analyze_many_matches_analyze_in_order() -> None:
    texts = ["He may go.", "", "“Yes,” she said.", mlkit.seed_article()]
    many = [r.to_dict() for r in mlkit.analyze_many(texts, batch_size=2)]
    assert many == [mlkit.analyze(t).to_dict() for t in texts]


def test_analyze_many_in_two_processes() -> None:
    texts = [mlkit.seed_article(), "It could rain, officials said."] * 3
    assert [r.to_dict() for r in mlkit.analyze_many(texts, n_process=2, batch_size=2)] == [
        mlkit.analyze(t).to_dict() for t in texts
    ]


@pytest.mark.skipif(
    importlib.util.find_spec("en_core_web_sm") is None,
    reason="en_core_web_sm is not installed (it is on Binder, not on CI machines)",
)
def test_components_run_after_a_trained_model() -> None:
    nlp = spacy.load("en_core_web_sm")
    mlkit.add_components(nlp)
    doc = nlp("Officials said the bridge may collapse.")
    assert [s.text for s in doc.spans["hedges"]] == ["may"]


def test_the_pipeline_is_always_the_rules_whatever_the_environment_says(monkeypatch) -> None:
    """MLKIT_MODEL used to swap in a trained model; it was removed (no measured gain), so setting it
    changes nothing and loads nothing."""
    from mlkit import pipeline

    monkeypatch.setenv("MLKIT_MODEL", "en_core_web_sm")
    pipeline.get_nlp.cache_clear()
    try:
        nlp = pipeline.get_nlp()
        assert nlp.pipe_names == ["mlkit_sentences", "mlkit_hedges", "mlkit_attributions"]
        assert pipeline.pipeline_name() == "rules"
        assert mlkit.analyze("Officials said the bridge may collapse.").pipeline == "rules"
    finally:
        monkeypatch.delenv("MLKIT_MODEL")
        pipeline.get_nlp.cache_clear()
