"""ImageCLEF scoring engine: official metrics recomputed from archived runs.

Independent of MkDocs and of the site core. Public API::

    from imageclef.scoring import SCORERS, ScoreJob, Score, RunValidationError, score, score_many
"""

from .engine import ScoreJob, score, score_many
from .errors import RunValidationError
from .result import Score
from .scorers import SCORERS

__all__ = ["SCORERS", "ScoreJob", "Score", "RunValidationError", "score", "score_many"]
