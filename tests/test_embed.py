"""Model loading and the ONNX backend: one model per folder whatever its spelling, one neutral
error, and int8 vectors close to torch's and independent of their batch."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import SAMPLES, shared

from compare.embed import load_embedder, model_key, onnx_cache_dir
from compare.errors import InputError, ModelLoadError
from compare.pipeline import make_document
from compare.schema import Config

DEV = shared("eval", "dev", "pairs")


@pytest.fixture(scope="module")
def onnx():
    return load_embedder(backend="onnx")


def sample_statements() -> list[str]:
    out = []
    for pair in SAMPLES[:3]:
        for side in "ab":
            doc = make_document(
                (pair / f"{side}.txt").read_text(encoding="utf-8"), side, side, Config()
            )
            out += [s.text for s in doc.content]
    return out


def test_one_folder_under_several_spellings_is_one_model(tmp_path, monkeypatch):
    folder = tmp_path / "home" / "models" / "mini"
    folder.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path / "home")
    spellings = [
        str(folder),
        f"{folder}/",
        "~/models/mini",
        "./models/mini",
        "models/../models/mini",
    ]
    keys = {model_key(s) for s in spellings}
    assert keys == {(str(folder.resolve()), "mini")}


def test_a_bad_model_says_one_neutral_thing(tmp_path):
    """A missing folder and a folder that is no model read alike: an app user cannot probe the
    server's paths through the error."""
    (tmp_path / "not-a-model").mkdir()
    messages = []
    for name in (str(tmp_path / "missing"), str(tmp_path / "not-a-model")):
        with pytest.raises(ModelLoadError) as err:
            load_embedder(name)
        messages.append(str(err.value).replace(name, "NAME"))
    assert messages[0] == messages[1]
    assert "Error" not in messages[0] and "\n" not in messages[0]


def test_an_unknown_backend_is_a_named_error():
    with pytest.raises(InputError, match="unknown backend"):
        load_embedder(backend="tensorflow")


def test_onnx_vectors_are_close_to_torch(onnx, embedder):
    texts = sample_statements()
    cosine = np.sum(onnx.encode(texts) * embedder.encode(texts), axis=1)
    assert cosine.min() > 0.95, cosine.min()
    assert cosine.mean() > 0.98, cosine.mean()


def test_onnx_vectors_do_not_depend_on_their_batch(onnx):
    texts = sample_statements()
    together = onnx.encode(texts)
    alone = np.stack([onnx.encode([t])[0] for t in texts])
    reversed_ = onnx.encode(texts[::-1])[::-1]
    assert np.array_equal(together, alone) and np.array_equal(together, reversed_)


def test_the_onnx_build_is_cached_on_disk(onnx):
    builds = list(onnx_cache_dir().glob("all-MiniLM-L6-v2-*/model.int8.onnx"))
    assert builds and builds[0].stat().st_size < 40_000_000  # int8: a quarter of the fp32 size


def test_onnx_quality_stays_near_torch(onnx, embedder):
    """The dev pairs end to end, both backends in one run. A guard against the int8 model
    drifting further, not the acceptance bar: the bar (link F1 within 0.01 of torch) held with
    the aligner of its day (0.796 vs 0.802) and is missed with the star aligner (0.811 vs 0.827,
    docs/performance.md), so onnx stays an option, not the default."""
    from compare.evaluation import evaluate_dir

    assert DEV.is_dir(), f"no dev pairs under {DEV}"
    scores = {}
    for name, model in (("onnx", onnx), ("torch", embedder)):
        report = evaluate_dir(DEV, embedder=model, modes=("end_to_end",))
        scores[name] = report.modes[0].sure_possible
    assert abs(scores["onnx"].links.f1 - scores["torch"].links.f1) <= 0.02
    assert abs(scores["onnx"].omissions.f1 - scores["torch"].omissions.f1) <= 0.03
