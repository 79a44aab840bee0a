"""ImageCLEF scoring engine: official metrics recomputed from archived runs.

Independent of MkDocs and of the site core. Public API::

    from imageclef.scoring import SCORERS, ScoreJob, Score, RunValidationError, score, score_many
"""

from .engine import ScoreJob, ScorerError, score, score_many
from .errors import RunValidationError
from .result import Score
from .scorer import SCORERS, Output, Options, Scorer, UnknownScorer, get_scorer
from . import scorers as _scorers  # noqa: F401,E402 - registers every scorer

__all__ = ["SCORERS", "ScoreJob", "Score", "ScorerError", "RunValidationError", "Output", "Options", "Scorer",
           "UnknownScorer", "get_scorer", "score", "score_many"]
