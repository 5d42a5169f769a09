"""Model loading and the ONNX backends: one model per folder whatever its spelling, one neutral
error; fp32 vectors equal to torch's, int8 vectors close to them; neither depends on its batch."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import SAMPLES, shared

from compare.embed import (
    DEFAULT_MODEL,
    ONNX_RUNS,
    _minilm_path,
    build_onnx,
    load_embedder,
    model_key,
    onnx_cache_dir,
)
from compare.errors import InputError, ModelLoadError
from compare.pipeline import make_document
from compare.schema import Backend, Config

DEV = shared("eval", "dev", "pairs")


@pytest.fixture(scope="module")
def onnx():
    return load_embedder(backend="onnx")


@pytest.fixture(scope="module")
def onnx_fp32():
    return load_embedder(backend="onnx-fp32")


@pytest.fixture(scope="module")
def torch_model():
    """MiniLM on torch, named so (not the default backend, which may change)."""
    return load_embedder(backend="torch")


def sample_statements(pairs: int = 3) -> list[str]:
    out = []
    for pair in SAMPLES[:pairs]:
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


def test_fp32_onnx_vectors_are_torchs(onnx_fp32, torch_model):
    texts = sample_statements(len(SAMPLES))
    assert len(texts) > 32  # more than one batch, each padded to its longest statement
    difference = np.abs(onnx_fp32.encode(texts) - torch_model.encode(texts)).max()
    assert difference < 1e-5, difference


def test_an_fp32_vector_is_the_same_alone_and_among_others(onnx_fp32):
    """The attention mask keeps padding out, so batch-mates move a vector only by float
    rounding: a run of another shape sums its products in another order. float32 carries
    about 7 digits, so on unit vectors that is 1e-7 and a little more (measured: under 1e-7);
    1e-6 allows for it, while attending to the padding would move vectors by far more."""
    texts = sample_statements(len(SAMPLES))
    together = onnx_fp32.encode(texts)
    alone = np.stack([onnx_fp32.encode([t])[0] for t in texts])
    reversed_ = onnx_fp32.encode(texts[::-1])[::-1]
    assert np.abs(together - alone).max() < 1e-6
    assert np.abs(together - reversed_).max() < 1e-6


def test_onnx_vectors_are_close_to_torch(onnx, torch_model):
    texts = sample_statements()
    cosine = np.sum(onnx.encode(texts) * torch_model.encode(texts), axis=1)
    assert cosine.min() > 0.95, cosine.min()
    assert cosine.mean() > 0.98, cosine.mean()


def test_onnx_vectors_do_not_depend_on_their_batch(onnx):
    texts = sample_statements()
    together = onnx.encode(texts)
    alone = np.stack([onnx.encode([t])[0] for t in texts])
    reversed_ = onnx.encode(texts[::-1])[::-1]
    assert np.array_equal(together, alone) and np.array_equal(together, reversed_)


def test_the_onnx_build_is_cached_on_disk_with_both_precisions(onnx):
    folder = build_onnx(_minilm_path(), name=DEFAULT_MODEL)  # the fixture's build, from cache
    assert folder.parent == onnx_cache_dir()
    fp32, int8 = (folder / ONNX_RUNS[b][0] for b in (Backend.ONNX_FP32, Backend.ONNX))
    assert int8.stat().st_size < 40_000_000 < fp32.stat().st_size  # int8: a quarter of fp32


def test_onnx_quality_against_torch(onnx, onnx_fp32, torch_model):
    """The dev pairs end to end, the three backends in one run. fp32 gives torch's figures:
    its vectors differ by float rounding, which moves no score across a threshold on these
    pairs. For int8 a guard against drifting further, not the acceptance bar: the bar (link F1
    within 0.01 of torch) held with the aligner of its day (0.796 vs 0.802) and is missed with
    the star aligner (0.811 vs 0.827, docs/performance.md), so onnx stays an option."""
    from compare.evaluation import evaluate_dir

    assert DEV.is_dir(), f"no dev pairs under {DEV}"
    modes = {}
    for name, model in (("onnx", onnx), ("onnx-fp32", onnx_fp32), ("torch", torch_model)):
        modes[name] = evaluate_dir(DEV, embedder=model, modes=("end_to_end",)).modes[0]
    assert modes["onnx-fp32"] == modes["torch"]  # every pair's counts, sure/possible and plain
    int8, torch = modes["onnx"].sure_possible, modes["torch"].sure_possible
    assert abs(int8.links.f1 - torch.links.f1) <= 0.02
    assert abs(int8.omissions.f1 - torch.omissions.f1) <= 0.03
