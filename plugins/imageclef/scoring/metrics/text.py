"""Text pre-processing shared by lexical caption metrics."""

from __future__ import annotations

import re
import string

_DIGITS = re.compile(r"\d+")
_PUNCT = str.maketrans("", "", string.punctuation)


def caption_preprocess(text: str) -> str:
    """Lowercase; replace each digit run with ``number``; delete ASCII punctuation (in that order)."""
    return _DIGITS.sub("number", text.lower()).translate(_PUNCT)
