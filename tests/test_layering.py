"""The import direction between the packages: nlp/ is the language layer and never imports
extractors/; extractors/ may use only nlp's primitives (the one date parser, normalisation,
lexicon loading). Every import statement of every module is read with `ast`, including imports
inside functions and under TYPE_CHECKING."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NLP_PRIMITIVES = {"nlp", "nlp.dates", "nlp.normalize", "nlp.lexicon"}


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, dotted module name) of every import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
            if node.module == "nlp":      # "from nlp import dates"
                out += [(node.lineno, f"nlp.{alias.name}") for alias in node.names]
    return out


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def test_imported_modules_sees_every_form(tmp_path):
    src = tmp_path / "m.py"
    src.write_text("import extractors.types\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                   "    from extractors.html import read_html\n"
                   "def f():\n    from nlp import units\n", encoding="utf-8")
    names = [name for _, name in imported_modules(src)]
    assert names == ["extractors.types", "typing", "extractors.html", "nlp", "nlp.units"]


@pytest.mark.parametrize("path", modules("nlp"), ids=lambda p: p.name)
def test_nlp_never_imports_extractors(path):
    bad = [(line, name) for line, name in imported_modules(path)
           if name == "extractors" or name.startswith("extractors.")]
    assert not bad, f"{path.relative_to(ROOT)} imports {bad}: nlp must not depend on extractors/"


@pytest.mark.parametrize("path", modules("extractors"), ids=lambda p: p.name)
def test_extractors_use_only_nlp_primitives(path):
    bad = [(line, name) for line, name in imported_modules(path)
           if (name == "nlp" or name.startswith("nlp.")) and name not in NLP_PRIMITIVES]
    assert not bad, f"{path.relative_to(ROOT)} imports {bad}: extractors/ may use only {sorted(NLP_PRIMITIVES)}"
