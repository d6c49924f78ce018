"""Steps of `make model` each own a section of the model card and keep the manifest in step."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from app.commands.evaluate import GOALS
from models.model_card import replace_card_section
from models.search_card import CARD_SECTION, card_lines

CARD = "# Card\n\n## Training\n\nsteps\n\n## Vote\n\nold vote\n\n## Notes\n\nkeep me\n"


def _folder(tmp_path: Path, card: str = CARD) -> Path:
    (tmp_path / "model_card.md").write_text(card, encoding="utf-8")
    manifest = {"files": {"model_card.md": {"sha256": "0" * 64, "bytes": 1}}}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return tmp_path


def _manifest_entry(folder: Path) -> dict[str, object]:
    entry: dict[str, object] = json.loads((folder / "manifest.json").read_text())["files"][
        "model_card.md"
    ]
    return entry


def test_a_section_is_replaced_where_it_stands_and_the_others_stay(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    replace_card_section(folder, "## Vote", ["new vote", "", "| a | b |"])
    text = (folder / "model_card.md").read_text(encoding="utf-8")
    assert "old vote" not in text
    assert text == (
        "# Card\n\n## Training\n\nsteps\n\n## Vote\n\nnew vote\n\n| a | b |\n\n"
        "## Notes\n\nkeep me\n"
    )
    data = (folder / "model_card.md").read_bytes()
    assert _manifest_entry(folder) == {
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
    }


def test_a_missing_section_goes_at_the_end_and_a_rerun_changes_nothing(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    replace_card_section(folder, "## Search", ["figures"])
    once = (folder / "model_card.md").read_text(encoding="utf-8")
    assert once.endswith("## Notes\n\nkeep me\n\n## Search\n\nfigures\n")
    replace_card_section(folder, "## Search", ["figures"])
    assert (folder / "model_card.md").read_text(encoding="utf-8") == once
    # The last section is replaced as well, not appended twice.
    replace_card_section(folder, "## Search", ["other figures"])
    text = (folder / "model_card.md").read_text(encoding="utf-8")
    assert text.count("## Search") == 1
    assert text.endswith("## Search\n\nother figures\n")


def test_a_heading_inside_another_line_is_not_a_section(tmp_path: Path) -> None:
    folder = _folder(tmp_path, CARD.replace("steps", "see ## Vote below"))
    replace_card_section(folder, "## Vote", ["new vote"])
    text = (folder / "model_card.md").read_text(encoding="utf-8")
    assert "see ## Vote below" in text
    assert text.count("new vote") == 1


def test_the_search_section_shows_both_searches_of_every_split_and_the_goal() -> None:
    def result(split: str, queries: int, full: float, emb: float) -> dict[str, object]:
        fig = {"top1": full, "top5": 0.9}
        only = {"top1": emb, "top5": 0.8}
        return {
            "split": split,
            "queries": queries,
            "system": {"clean": fig, "messy": fig},
            "embedding_only": {"clean": only, "messy": only},
        }

    lines = card_lines(
        [result("titles", 758, 0.771, 0.666), result("tuning", 4427, 0.68, 0.6)], "today"
    )
    table = [line for line in lines if line.startswith("| ")]
    assert table[1] == "| titles (758) | full search (the app) | 0.771 | 0.900 | 0.771 | 0.900 |"
    assert table[2] == "| titles (758) | embeddings only | 0.666 | 0.800 | 0.666 | 0.800 |"
    assert table[3].startswith("| tuning (4,427) | full search")
    assert table[-1] == (
        f"| goal | | {GOALS['clean']['top1']} | {GOALS['clean']['top5']} |"
        f" {GOALS['messy']['top1']} | {GOALS['messy']['top5']} |"
    )
    assert any(line.startswith("- `tuning`:") for line in lines)
    assert CARD_SECTION.startswith("## ")


def test_the_bundled_card_reports_the_full_search() -> None:
    text = (Path(__file__).parents[2] / "models" / "model_card.md").read_text(encoding="utf-8")
    section = text.split("\n" + CARD_SECTION + "\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if "full search (the app)" in line]
    assert {row.split(" (")[0].strip("| ") for row in rows} >= {"titles", "reported"}
