"""The core (portal/core/) is the ground floor: domain apps and the project import it, it imports
neither (issue 15). Read from the source, imports inside functions included."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "portal" / "core"
DOMAIN_APPS = ("guides", "partners", "search")


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_the_core_imports_no_domain_app_and_not_the_project():
    found = []
    for path in sorted(CORE.rglob("*.py")):
        for module in imported_modules(path):
            top = module.split(".")[0]
            if top in DOMAIN_APPS or (top == "portal" and not module.startswith("portal.core")):
                found.append(f"{path.relative_to(CORE.parent)}: {module}")
    assert found == []


def test_the_core_keeps_the_app_label_of_its_tables():
    from django.apps import apps

    config = apps.get_app_config("portal")
    assert config.name == "portal.core"
    assert config.get_model("HomePage")._meta.db_table == "portal_homepage"
