"""The hook order is stated once, in mkdocs.yml: its `hooks:` list and the priority table above it.

Every file in hooks/ is listed, and every @event_priority in a hook is in the table with
the same event and value (and nothing in the table is missing from the hooks), so the
table cannot drift from the code it describes.
"""

import ast
import re

from support import ROOT

CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
TABLE_ROW = re.compile(r"^#\s+(?P<hook>\w+\.py)\s+(?P<event>on_\w+)\s+(?P<priority>-?\d+)\s", re.MULTILINE)


def listed_hooks():
    block = CONFIG.split("\nhooks:\n", 1)[1].split("\n\n", 1)[0]
    return re.findall(r"^\s*-\s+hooks/(\S+\.py)", block, re.MULTILINE)


def priorities_in_code():
    found = set()
    for path in sorted((ROOT / "hooks").glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8"), filename=str(path)).body:
            if not isinstance(node, ast.FunctionDef):
                continue
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", "") == "event_priority":
                    found.add((path.name, node.name, int(ast.literal_eval(decorator.args[0]))))
    return found


def test_every_hook_file_is_listed_once():
    listed = listed_hooks()
    files = sorted(p.name for p in (ROOT / "hooks").glob("*.py"))
    assert sorted(listed) == files, f"mkdocs.yml hooks: {listed} vs hooks/: {files}"


def test_the_priority_table_matches_the_hooks():
    table = {(m["hook"], m["event"], int(m["priority"])) for m in TABLE_ROW.finditer(CONFIG)}
    code = priorities_in_code()
    assert table, "mkdocs.yml: no priority table above `hooks:`"
    assert code == table, (
        f"mkdocs.yml's hook table and the @event_priority decorators differ: "
        f"only in the code {sorted(code - table)}, only in the table {sorted(table - code)}"
    )
