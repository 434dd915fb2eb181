"""Whole-article quality is the scorer's job: the dev corpus (when ../shared is present) and our own fixtures."""
import importlib.util
import json
from pathlib import Path

import pytest

from extract import extract_article, read_text_article

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _predict(folder: Path, out: Path) -> None:
    with out.open("w", encoding="utf-8") as f:
        for path in sorted(folder.glob("*.txt")):
            rec = extract_article(read_text_article(path.read_text(encoding="utf-8")), source=str(path))
            f.write(json.dumps(rec.to_json(), ensure_ascii=False) + "\n")


@pytest.mark.parametrize("which", ["dev", "fixtures"])
def test_overall_score(shared_dir, tmp_path, which):
    folder = shared_dir / "corpus" / "dev" if which == "dev" else FIXTURES
    pred = tmp_path / "pred.jsonl"
    _predict(folder, pred)
    result = _scorer(shared_dir).score(folder, pred)
    assert result["missing_predictions"] == []
    assert result["overall"] >= 0.85, result
    assert result["is_event"]["precision"] >= 0.9        # no false events
