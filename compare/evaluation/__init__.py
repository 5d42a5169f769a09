"""Scoring the tool against hand-made gold (../shared/eval/README.md): kept out of `import compare`.

gold       load and validate pair folders (gold.json, gold2.json)
scores     project a comparison onto gold sentences; sure/possible and plain scores
run        run the pipeline on gold pairs (one pair, a folder), with an embedding cache
folds      out-of-fold figures: every tuned setting chosen without the pair it scores
bootstrap  how far a figure could move on other pairs: intervals with the pairs resampled
report     tables and JSON
"""

from .gold import Annotation, GoldPair, load_dir, load_pair, parse_annotation
from .report import config_to_dict, format_report, report_to_dict
from .run import CachingEmbedder, evaluate_dir, evaluate_pairs, run_pair
from .scores import (
    MODES,
    PRF,
    EvalReport,
    ModeReport,
    PairScores,
    PlainScores,
    Prediction,
    Ratio,
    SurePossibleScores,
    aggregate,
    objective,
    project,
    score_pair,
    score_prediction,
)

__all__ = [
    "MODES",
    "PRF",
    "Annotation",
    "CachingEmbedder",
    "EvalReport",
    "GoldPair",
    "ModeReport",
    "PairScores",
    "PlainScores",
    "Prediction",
    "Ratio",
    "SurePossibleScores",
    "aggregate",
    "config_to_dict",
    "evaluate_dir",
    "evaluate_pairs",
    "format_report",
    "load_dir",
    "load_pair",
    "objective",
    "parse_annotation",
    "project",
    "report_to_dict",
    "run_pair",
    "score_pair",
    "score_prediction",
]
