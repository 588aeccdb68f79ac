"""Rebuild the English pipeline that clausewatch ships, from UD English EWT.

    python models/training/train.py [--treebank DIR] [--work DIR] [--max-steps N]

1. converts the treebank's CoNLL-U files to spaCy's binary format, one sentence per document
   (the parser then learns each tree on its own; sentence boundaries come from the
   sentencizer in clause reading, not from this pipeline);
2. trains `config.cfg` (tagger, morphologizer and parser on one CNN tok2vec, no vectors) on
   train and dev together for a fixed 6,000 steps, the step count at which dev accuracy
   plateaued when training on train alone (`--select-on-dev` repeats that run: train only,
   the best model on dev); the test file is never trained on;
3. adds spaCy's rule lemmatizer (its tables saved in the pipeline) and writes the best model,
   with its metadata and attribution, to
   `models/en_clausewatch_ewt`, the package data `clausewatch.statements.nlp` loads.

The treebank defaults to ../shared/corpus/ud-english-ewt (relative to the repository root).
Training takes about 90 minutes on 2 CPU cores; tests and CI never retrain.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = ROOT / "models" / "en_clausewatch_ewt"

ATTRIBUTION = {
    "name": "clausewatch_ewt",
    "version": "1.0.0",
    "description": (
        "clausewatch's English tagger, morphologizer and dependency parser, trained on the "
        "Universal Dependencies English Web Treebank (UD_English-EWT). No word vectors."
    ),
    "author": "clausewatch contributors",
    "license": "CC BY-SA 4.0",
    "sources": [
        {
            "name": "Universal Dependencies English Web Treebank (UD_English-EWT)",
            "url": "https://github.com/UniversalDependencies/UD_English-EWT",
            "license": "CC BY-SA 4.0",
            "author": (
                "Silveira, Natalia; Dozat, Timothy; Manning, Christopher; Schuster, Sebastian; "
                "Chi, Ethan; Bauer, John; Connor, Miriam; de Marneffe, Marie-Catherine; "
                "Schneider, Nathan; Bowman, Sam; Zhu, Hanzhi; Galbraith, Daniel "
                "(UD English EWT contributors)"
            ),
            "citation": (
                "Silveira et al. 2014, A Gold Standard Dependency Corpus for English, LREC 2014"
            ),
        }
    ],
}


def convert(treebank: Path, work: Path) -> dict[str, Path]:
    work.mkdir(parents=True, exist_ok=True)
    out = {}
    for split in ("train", "dev", "test"):
        src = treebank / f"en_ewt-ud-{split}.conllu"
        if not src.is_file():
            raise SystemExit(f"error: {src} not found (give --treebank DIR)")
        subprocess.run(
            [sys.executable, "-m", "spacy", "convert", str(src), str(work), "-c", "conllu",
             "-n", "1"],
            check=True,
        )  # fmt: skip
        out[split] = work / f"en_ewt-ud-{split}.spacy"
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--treebank", default=str(ROOT.parent / "shared/corpus/ud-english-ewt"))
    ap.add_argument("--work", default=str(ROOT / "build" / "ewt"))
    ap.add_argument("--max-steps", type=int, default=None, help="override the step count")
    ap.add_argument(
        "--select-on-dev",
        action="store_true",
        help="train on train only and keep the best model on dev (how the step count was chosen)",
    )
    args = ap.parse_args(argv)

    work = Path(args.work)
    data = convert(Path(args.treebank), work / "corpus")
    train = data["train"]
    if not args.select_on_dev:
        train = work / "corpus" / "train-and-dev.spacy"
        merge(data["train"], data["dev"], train)
    cmd = [
        sys.executable, "-m", "spacy", "train", str(HERE / "config.cfg"),
        "--output", str(work / "output"),
        "--paths.train", str(train), "--paths.dev", str(data["dev"]),
    ]  # fmt: skip
    steps = args.max_steps or (None if args.select_on_dev else FIXED_STEPS)
    if steps:
        cmd += ["--training.max_steps", str(steps)]
    subprocess.run(cmd, check=True)
    # dev is in the training data of the default recipe, so its scores choose nothing there
    package(work / "output" / ("model-best" if args.select_on_dev else "model-last"))
    return 0


FIXED_STEPS = 6000


def merge(a: Path, b: Path, out: Path) -> None:
    """One DocBin holding the documents of `a` and `b`."""
    from spacy.tokens import DocBin

    both = DocBin().from_disk(a)
    both.merge(DocBin().from_disk(b))
    both.to_disk(out)


def package(best: Path, out: Path = OUT) -> None:
    """Copy a trained pipeline into the package, with the treebank's attribution in its meta."""
    import spacy

    if out.exists():
        shutil.rmtree(out)
    # spaCy's rule lemmatizer on the morphologizer's UPOS tags, its tables (from
    # spacy-lookups-data) saved inside the pipeline: lemmas need nothing at run time
    nlp = spacy.load(best)
    if "lemmatizer" not in nlp.pipe_names:
        nlp.add_pipe("lemmatizer", config={"mode": "rule"}).initialize()
    nlp.to_disk(out)
    _prune_strings(nlp, out)
    meta_path = out / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(ATTRIBUTION)
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"pipeline written to {out} ({sum(f.stat().st_size for f in out.rglob('*')) >> 20} MB)")


def _prune_strings(nlp, out: Path) -> None:
    """Keep in vocab/strings.json only the pipeline's labels and morphological features.

    spaCy saves every word form seen in training there (the treebank's URLs and names among
    them); the models work on hashes and never need those strings back, so the shipped
    pipeline carries no text of the treebank (outputs checked identical on EWT test).
    """
    needed: set[str] = set()
    for name in ("tagger", "morphologizer", "parser"):
        if name in nlp.pipe_names:
            needed.update(nlp.get_pipe(name).labels)
    for label in nlp.get_pipe("morphologizer").labels if "morphologizer" in nlp.pipe_names else ():
        for feature in label.split("|"):
            needed.add(feature)
            needed.update(feature.split("="))
    path = out / "vocab" / "strings.json"
    strings = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps([s for s in strings if s in needed]), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
