"""The engine's layout (issue 19): one package per stage, each using only the stages before it.

A reader finds the build by its stages: ``model`` (what the TEI says), ``validate`` (what
the grammar, the rules and the lint find), ``publish`` (the site), ``export`` (the reuse
formats), ``corpus`` (a foreign corpus read into the same stages) and ``commands`` (what
a user runs), over a few shared modules at the top (problems, safe XML, files, the cache).
These tests read the code, so they hold on any machine.
"""

from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parent.parent / "ria"
# Each stage, and the stages it may import from: only earlier ones, so there is no cycle
# between stages and each can be read without those after it.
LAYERS = ["core", "model", "validate", "publish", "corpus", "export", "commands"]
MAY_USE = {"core": set(), "model": {"core"}, "validate": {"core", "model"},
           "publish": {"core", "model", "validate"}, "corpus": {"core", "model", "validate", "publish"},
           "export": {"core", "model", "validate", "publish", "corpus"}, "commands": set(LAYERS) - {"commands"}}
# The shared modules at the top of the package: what every stage needs, and nothing stage-specific.
CORE = {"__init__", "problems", "xmlio", "encoding", "files", "locate", "progress", "safenames", "terminal",
        "environment", "cache"}
MAX_LINES = 400


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(ENGINE.rglob("*.py")):
        parts = list(path.relative_to(ENGINE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def stage_of(module: str) -> str:
    """``ria.model.index`` → ``model``; a module at the top of the package → ``core``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and (ENGINE / parts[1]).is_dir()) else "core"


def imports_of(module: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The engine's modules that ``module`` imports, wherever in it (a function's body too),
    except under ``if TYPE_CHECKING:``, which is never run."""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = {id(node) for guard in ast.walk(tree) if isinstance(guard, ast.If)
                 and getattr(guard.test, "id", getattr(guard.test, "attr", "")) == "TYPE_CHECKING"
                 for statement in guard.body for node in ast.walk(statement)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in known else target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name in known and name != module}


def test_every_module_belongs_to_a_stage_or_is_shared():
    loose = sorted(name for name in modules() if stage_of(name) == "core" and name.split(".")[-1] not in CORE
                   and name != "ria")
    assert not loose, f"modules outside the stages' packages: {loose}"
    assert {stage_of(name) for name in modules()} == set(LAYERS)


def test_no_module_is_longer_than_a_reader_can_hold():
    long = {name: n for name, path in modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_each_stage_imports_only_the_stages_before_it():
    known = modules()
    wrong = sorted(f"{name} imports {target}" for name, path in known.items()
                   for target in imports_of(name, path, known)
                   if stage_of(target) != stage_of(name) and stage_of(target) not in MAY_USE[stage_of(name)])
    assert not wrong, wrong


def test_no_module_imports_itself_back():
    known = modules()
    graph = {name: imports_of(name, path, known) for name, path in known.items()}
    cycles = []

    def visit(name: str, trail: list[str], done: set[str]) -> None:
        for target in sorted(graph[name]):
            if target in trail:
                cycles.append(trail[trail.index(target):] + [target])
            elif target not in done:
                visit(target, trail + [target], done)
        done.add(name)

    done: set[str] = set()
    for name in sorted(graph):
        if name not in done:
            visit(name, [name], done)
    assert not cycles, f"import cycles: {cycles}"


def test_the_tei_namespace_is_written_once():
    spelled = [str(path.relative_to(ENGINE.parent)) for path in modules().values()
               if "http://www.tei-c.org/ns/1.0" in path.read_text(encoding="utf-8")]
    assert spelled == ["ria/xmlio.py"]
