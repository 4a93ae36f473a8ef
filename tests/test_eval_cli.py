"""`vnarchive eval` gives the numbers of shared/eval/score.py on the seeds."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from nlp.evaluate import acceptable, normalize, prf, score_document

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
needs_shared = pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="shared/ not present")


def test_normalize_like_the_contract():
    assert normalize("  Uỷ ban Nhân dân “tỉnh”–Hoà Bình. ") == "ủy ban nhân dân tỉnh - hòa bình"
    assert acceptable(["Cục A", "cục a ", None]) == {"cục a", None}
    assert prf(0, 0, 0) == (1.0, 1.0, 1.0) and prf(0, 2, 0)[2] == 0.0


def test_units_match_by_any_form_and_positions_by_the_gold_unit():
    gold = {"people": [{"name": "Võ Thị Mận", "positions": [{"title": "Giám đốc", "unit": "Sở Y tế tỉnh Bạc Liêu"}]}],
            "units": [{"name": "Sở Y tế tỉnh Bạc Liêu", "aliases": ["SYT Bạc Liêu"]}]}
    pred = {"people": [{"name": "Võ Thị Mận", "positions": [{"title": "Giám đốc", "unit": "SYT Bạc Liêu"}]}],
            "units": [{"name": "Sở Y tế", "aliases": ["SYT Bạc Liêu"]}, {"name": "Sở Tư pháp"}]}
    t = score_document(gold, pred)
    assert t["positions+unit"] == [1, 1, 1]
    assert t["units"] == [1, 2, 1]
    assert t["people"] == [1, 1, 1]


@needs_shared
def test_eval_equals_score_py_on_the_seeds(tmp_path):
    runner = CliRunner()
    seeds = str(SHARED / "corpus" / "seeds")
    gold = str(SHARED / "gold")
    res = runner.invoke(app, ["extract", seeds])
    assert res.exit_code == 0, res.output
    pred = tmp_path / "pred.jsonl"
    pred.write_text(res.stdout, encoding="utf-8")

    ours = runner.invoke(app, ["eval", "--gold", gold, seeds, "--json"])
    assert ours.exit_code == 0, ours.output
    theirs = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold", gold,
                             "--pred", str(pred), "--json"], capture_output=True, text=True, check=True)
    assert json.loads(ours.stdout) == json.loads(theirs.stdout)

    text_ours = runner.invoke(app, ["eval", "--gold", gold, "--pred", str(pred), "--per-doc"]).stdout
    text_theirs = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold", gold,
                                  "--pred", str(pred), "--per-doc"], capture_output=True, text=True).stdout
    assert text_ours == text_theirs


@needs_shared
def test_eval_counts_a_missing_prediction_as_empty(tmp_path):
    pred = tmp_path / "pred.jsonl"
    pred.write_text("", encoding="utf-8")
    res = CliRunner().invoke(app, ["eval", "--gold", str(SHARED / "gold"), "--pred", str(pred), "--json"])
    report = json.loads(res.stdout)
    assert len(report["missing_predictions"]) == report["documents"] == 5
    assert report["lines"]["people"]["tp"] == 0


def _write_case(tmp_path: Path) -> tuple[Path, Path]:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    gold = {"source": "a.txt", "document": {"title": "Hội nghị tổng kết", "published": "2024-05-02"},
            "people": [{"name": "Lê Văn An", "positions": [{"title": "Giám đốc", "unit": "Sở Nội vụ"}]},
                       {"name": ["Bác Hồ", "Hồ Chí Minh"], "positions": []}],
            "units": [{"name": "Sở Nội vụ", "aliases": ["SNV"]}],
            "dates": [{"value": "2024-05-02"}]}
    (gold_dir / "a.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    pred = {"source": "in/a.txt", "document": {"title": "Trang chủ", "published": "2024-05-02"},
            "people": [{"name": "Lê Văn An", "rule": "people.r1",
                        "positions": [{"title": "Giám đốc", "unit": "SNV", "rule": "positions.r1"}]},
                       {"name": "Trần Văn Bình", "rule": "people.r2", "positions": []}],
            "units": [{"name": "Sở Nội vụ", "rule": "units.r1"}, {"name": "Sở Tư pháp", "rule": "units.r1"}],
            "dates": [{"value": "2024-05-02", "rule": "dates.r1"}, {"value": "2024", "rule": "dates.r2"}]}
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text(json.dumps(pred, ensure_ascii=False) + "\n", encoding="utf-8")
    return gold_dir, pred_file


def test_eval_diff_prints_each_missed_and_extra_item(tmp_path):
    gold_dir, pred_file = _write_case(tmp_path)
    res = CliRunner().invoke(app, ["eval", "--gold", str(gold_dir), "--pred", str(pred_file), "--diff"])
    assert res.exit_code == 0, res.output
    lines = [ln.split() for ln in res.stdout.splitlines()]
    assert res.stdout.splitlines()[0] == "== a.txt"
    assert ["-", "people", "Bác", "Hồ", "/", "Hồ", "Chí", "Minh"] in lines
    assert ["+", "people", "Trần", "Văn", "Bình", "[people.r2]"] in lines
    assert ["+", "units", "Sở", "Tư", "pháp", "[units.r1]"] in lines
    assert ["+", "dates", "2024", "[dates.r2]"] in lines
    assert ["-", "document.title", "Hội", "nghị", "tổng", "kết"] in lines
    assert ["+", "document.title", "Trang", "chủ"] in lines
    assert not any(ln[:2] == ["-", "positions+unit"] or ln[:2] == ["-", "units"] for ln in lines)


def test_eval_rules_counts_matched_and_wrong_facts_per_rule(tmp_path):
    gold_dir, pred_file = _write_case(tmp_path)
    res = CliRunner().invoke(app, ["eval", "--gold", str(gold_dir), "--pred", str(pred_file), "--rules"])
    assert res.exit_code == 0, res.output
    rows = {ln.split()[0]: ln.split()[1:] for ln in res.stdout.splitlines()[1:]}
    assert rows["people.r1"][:3] == ["people", "1", "0"]
    assert rows["people.r2"][:3] == ["people", "0", "1"]
    assert rows["positions.r1"][:3] == ["positions", "1", "0"]
    assert rows["units.r1"][:3] == ["units", "1", "1"]
    assert rows["dates.r2"][:3] == ["dates", "0", "1"]
