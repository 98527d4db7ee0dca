"""Code metrics for the closing note of a restructuring (issue 15): lines of Python per app, the
largest files, and the import circles between first-party modules.

Run from the repository root: `python tools/code_metrics.py [--json FILE]`. Counts every line of
every .py file of the installable packages (migrations included, listed apart); an "app" is a
folder with an apps.py (so partners/places counts apart from partners). An import circle is a
strongly connected component (more than one module) of the graph "module A imports module B",
read from the source with `ast` (imports inside functions count too: they still tie the modules
together), first-party modules only.
"""

import argparse
import ast
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["portal", "guides", "partners", "search"]


def python_files():
    for package in PACKAGES:
        yield from sorted((ROOT / package).rglob("*.py"))


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def app_of(path):
    """The innermost folder above `path` that holds an apps.py."""
    for folder in path.relative_to(ROOT).parents:
        if folder != Path(".") and (ROOT / folder / "apps.py").exists():
            return folder.as_posix()
    return path.relative_to(ROOT).parts[0]


def line_count(path):
    return len(path.read_text(encoding="utf-8").splitlines())


def imports_of(path, modules):
    """First-party modules that `path` imports (the most specific known module of each name)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    this = module_name(path)
    package = this if path.name == "__init__.py" else this.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[: len(parent) - (node.level - 1)]
                base = ".".join(parent + ([base] if base else []))
            names = [f"{base}.{alias.name}" for alias in node.names] + [base]
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != this:
                found.add(name)
    return found


def strongly_connected(graph):
    """Tarjan's algorithm, iterative; components with more than one node, largest first."""
    index, low, on_stack, stack, result = {}, {}, set(), [], []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    result.append(sorted(component))
    return sorted(result, key=lambda c: (-len(c), c))


def metrics():
    files = list(python_files())
    per_app = {}
    for path in files:
        app = app_of(path)
        kind = "migrations" if "migrations" in path.parts else "code"
        per_app.setdefault(app, {"code": 0, "migrations": 0})[kind] += line_count(path)
    code_files = [p for p in files if "migrations" not in p.parts]
    largest = sorted(
        ((p.relative_to(ROOT).as_posix(), line_count(p)) for p in code_files),
        key=lambda item: -item[1],
    )[:10]
    modules = {module_name(p): p for p in code_files}
    graph = {name: imports_of(path, modules) for name, path in modules.items()}
    return {
        "lines_per_app": dict(sorted(per_app.items())),
        "largest_files": largest,
        "import_circles": strongly_connected(graph),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    data = metrics()
    total = sum(v["code"] for v in data["lines_per_app"].values())
    print("Lines of Python per app (code / migrations):")
    for app, counts in data["lines_per_app"].items():
        share = 100 * counts["code"] / total if total else 0
        print(f"  {app:20} {counts['code']:6} ({share:4.1f}%)  / {counts['migrations']:5}")
    print(f"  {'total':20} {total:6}")
    print("Largest files (lines, migrations left out):")
    for path, lines in data["largest_files"]:
        print(f"  {lines:6}  {path}")
    circles = data["import_circles"]
    print(f"Import circles: {len(circles)}")
    for circle in circles:
        print(f"  {len(circle)} modules: {', '.join(circle)}")
    if args.json:
        Path(args.json).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
