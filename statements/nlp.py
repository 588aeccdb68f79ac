"""The project's English pipeline (tagger, morphologizer, dependency parser), loaded once.

The pipeline is trained on UD English EWT by `models/training/train.py` and ships inside the
package (`clausewatch/models/en_clausewatch_ewt`); nothing is downloaded at run time.
`CLAUSEWATCH_PIPELINE` points to another pipeline directory (used while training a new one).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from clausewatch.errors import PipelineMissing

PIPELINE_DIR = Path(__file__).resolve().parent.parent / "models" / "en_clausewatch_ewt"


def pipeline_path() -> Path:
    return Path(os.environ.get("CLAUSEWATCH_PIPELINE") or PIPELINE_DIR)


@lru_cache(maxsize=1)
def load_pipeline() -> Any:
    """The parser pipeline, without the components clause reading does not need."""
    import spacy

    path = pipeline_path()
    if not (path / "config.cfg").is_file():
        raise PipelineMissing(
            f"the English pipeline is missing at {path}; reinstall clausewatch, or rebuild it "
            "with `python models/training/train.py` (needs ../shared/corpus/ud-english-ewt)"
        )
    nlp = spacy.load(path)
    _keep_whole(nlp)
    return nlp


# Hyphenated verbs of the field kept as one token. Split ("fine - tune"), the tagger reads
# "tune" as a noun and the parse hangs the sentence on it ("the Input you used to fine-tune
# our models" loses its verb and so who trains); whole, it is a verb with its subject. (Not
# the gerund: whole, "Fine-tuning Models based on Input", a label, parses as a verb phrase.)
_WHOLE_WORDS = (
    "fine-tune", "fine-tuned", "fine-tunes",
    # "de - identified device data": split, the parse takes "de" for a noun of its own
    "de-identify", "de-identified", "de-identifies", "de-identification",
)  # fmt: skip


def _keep_whole(nlp: Any) -> None:
    from spacy.symbols import ORTH

    for word in _WHOLE_WORDS:
        a, b = word.split("-", 1)
        for form in {word, word.capitalize(), f"{a.title()}-{b.title()}", word.upper()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def parse(texts: list[str], batch_size: int = 64) -> list[Any]:
    """Parsed docs for `texts`, in order, through one `nlp.pipe` batch."""
    return list(load_pipeline().pipe(texts, batch_size=batch_size))
