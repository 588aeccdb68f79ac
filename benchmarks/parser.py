"""Accuracy and speed of the shipped English pipeline on the UD English EWT test file.

    python benchmarks/parser.py [TREEBANK_DIR] [--pipeline DIR]

Prints `UAS: 0.xx`, `LAS: 0.xx`, `POS: 0.xx` (UPOS), `TAG: 0.xx` (Penn tags) with gold tokens
and one gold sentence per document (spaCy's scorer: punctuation excluded from UAS / LAS), then
`words/s` of the pipeline on this machine next to a reference measured in the same run (spaCy's
tokenizer alone on the same text) and their ratio, since machines differ 3-5x in speed.
Skips cleanly (exit 0) when the treebank is absent.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "treebank", nargs="?", default=str(ROOT.parent / "shared/corpus/ud-english-ewt")
    )
    ap.add_argument("--pipeline", default=None, help="a pipeline directory (default: shipped)")
    args = ap.parse_args(argv)
    test = Path(args.treebank) / "en_ewt-ud-test.conllu"
    if not test.is_file():
        print(f"skip: {test} not found (the treebank is not available here)")
        return 0

    import spacy
    from spacy.scorer import Scorer
    from spacy.tokens import DocBin
    from spacy.training import Example

    from clausewatch.statements.nlp import pipeline_path

    path = Path(args.pipeline) if args.pipeline else pipeline_path()
    nlp = spacy.load(path)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "spacy", "convert", str(test), tmp, "-c", "conllu", "-n", "1"],
            check=True,
            capture_output=True,
        )
        gold = list(
            DocBin().from_disk(Path(tmp) / test.with_suffix(".spacy").name).get_docs(nlp.vocab)
        )

    words = sum(len(d) for d in gold)
    # accuracy: the pipeline on the gold tokens
    start = time.perf_counter()
    predicted = list(
        nlp.pipe(
            (spacy.tokens.Doc(nlp.vocab, words=[t.text for t in d]) for d in gold), batch_size=256
        )
    )
    parse_s = time.perf_counter() - start
    examples = [Example(p, g) for p, g in zip(predicted, gold, strict=True)]
    scores = Scorer().score(examples)
    # reference in the same run: the tokenizer alone over the same text
    texts = [d.text for d in gold]
    start = time.perf_counter()
    for _ in range(5):
        for t in texts:
            nlp.tokenizer(t)
    ref_s = (time.perf_counter() - start) / 5

    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    print(f"pipeline: {path} ({size / 2**20:.1f} MB)")
    print(f"sentences: {len(gold)}  words: {words}")
    print(f"UAS: {scores['dep_uas']:.3f}")
    print(f"LAS: {scores['dep_las']:.3f}")
    print(f"POS: {scores['pos_acc']:.3f}")
    print(f"TAG: {scores['tag_acc']:.3f}")
    wps, ref = words / parse_s, words / ref_s
    print(
        f"words/s: {wps:,.0f}  (reference, tokenizer alone: {ref:,.0f} words/s; ratio {wps / ref:.3f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
