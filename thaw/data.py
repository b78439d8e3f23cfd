"""The data files, read and checked in one place: data/references/*.yml, data/claims.yml,
data/glossary.yml, and the two tables kept in snippets (the timeline, the ILSVRC results).

`load(root)` reads every file, checks each entry against the schema below and the entries
against each other (ids unique across files, every cited source a reference entry, every
claim id one of C1..Cn, in order with none missing, every chapter and snippet a file that exists), and returns
them; any fault raises `DataError`, one line per fault, each naming the file, the line of
the entry (or of the YAML syntax error) and the entry itself. The plugin's record
(thaw/record.py) and tests/test_record.py read the data through it.

The plugin checks everything in on_config (a `DataFiles` it keeps, which parses a file again
only when it changed), before any page or fence runs: `make site` and `make serve` stop at
the faulty data file, not at the first page or build-time fence that happens to read it. The timeline and the ILSVRC results live
in the snippets that use them (snippets/timeline.py's EVENTS, snippets/ilsvrc_gaps.py's ROWS,
YAML strings), so that a copied snippet runs alone; they are read and checked here all the same,
and a fault in them is named by the snippet's file and line.
"""

import ast
import re
from pathlib import Path

import jsonschema
import yaml
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
CLAIM_ID = re.compile(r"C[1-9]\d*")  # the essay's outline numbers its claims C1..C22; a new chapter adds C23
VERDICTS = ("holds", "imprecise", "wrong", "opinion")
KINDS = ("hand-engineered", "neural network")
UNSOURCED = "unsourced"  # the ILSVRC rows only: a row the page marks as having no source

# Each file's entries as a JSON Schema (checked by jsonschema, one entry at a time, so that each
# fault is named by the entry's file and line); what one entry cannot tell (ids unique across
# files, every cited id an entry, every page a file, claim ids C1..Cn) is checked in load().
TEXT = {"type": "string", "minLength": 1}
YEAR = {"type": "integer"}
NUMBER = {"type": "number"}
IDS = {"type": "array", "items": TEXT, "minItems": 1}


def _entry(required: dict, optional: dict | None = None) -> dict:
    """An entry with these fields, and no others; an optional field may also be left empty."""
    loose = {
        name: {
            "anyOf": [{k: v for k, v in rule.items() if k not in ("minLength", "minItems")}, {"type": "null"}]
        }
        for name, rule in (optional or {}).items()
    }
    return {
        "type": "object",
        "required": list(required),
        "properties": {**required, **loose},
        "additionalProperties": False,
    }


SCHEMAS = {  # by table: data/references/*.yml, data/claims.yml, data/glossary.yml, IN_SNIPPETS
    "references": _entry(
        {"id": TEXT, "authors": TEXT, "year": YEAR, "title": TEXT, "venue": TEXT},
        {"short": TEXT, "short_ko": TEXT, "doi": TEXT, "arxiv": TEXT, "url": TEXT},
    ),
    "claims": _entry(
        {
            "id": {**TEXT, "pattern": r"^C[1-9][0-9]*$"},
            "claim": TEXT,
            "claim_ko": TEXT,
            "verdict": {"enum": list(VERDICTS)},
            "record": TEXT,
            "record_ko": TEXT,
            "sources": IDS,
            "chapter": TEXT,
            "chapter_title": TEXT,
            "chapter_title_ko": TEXT,
        },
        {"snippet": TEXT},
    ),
    # the timeline's events and the ILSVRC results live in their snippets' YAML strings (IN_SNIPPETS)
    "timeline": _entry({"year": YEAR, "event": TEXT, "event_ko": TEXT, "source": TEXT}, {"chapter": TEXT}),
    "glossary": _entry({"id": TEXT, "en": TEXT, "ko": TEXT, "def_en": TEXT, "def_ko": TEXT}),
    "ilsvrc": _entry(
        {
            "year": YEAR,
            "rank": YEAR,
            "team": TEXT,
            "method": TEXT,
            "kind": {"enum": list(KINDS)},
            "top5_error": NUMBER,
            "source": TEXT,
        },
        {"note": TEXT},
    ),
}
_KIND = {"string": "text", "integer": "whole number", "number": "number", "array": "list"}


class DataError(PluginError):
    """A fault in a data file; the message names the file, the line and the entry."""


class Entry(dict):
    """One entry of a data file, which remembers where it was written."""

    file: str = ""
    line: int = 0

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def name(self) -> str:
        if "id" in self:
            return repr(self["id"])
        if "team" in self:
            return f"{self.get('year')} {self.get('team')!r}"
        event = str(self.get("event", ""))
        return f"{self.get('year')} {event if len(event) <= 50 else event[:50].rsplit(' ', 1)[0] + ' ...'!r}"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser is 4x faster
    """YAML's safe loader, with each mapping an Entry that knows its line."""


def _mapping(loader, node):
    loader.flatten_mapping(node)
    pairs = loader.construct_pairs(node, deep=True)
    entry = Entry(pairs)
    entry.line = node.start_mark.line + 1
    if len(entry) < len(pairs):
        keys = [k for k, _ in pairs]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        raise yaml.MarkedYAMLError(problem=f"field {twice[0]!r} given twice", problem_mark=node.start_mark)
    return entry


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


class Data:
    """Every data file, checked. references: id -> entry; the others: lists of entries."""

    def __init__(self, references, claims, timeline, glossary, ilsvrc):
        self.references = references
        self.claims = claims
        self.timeline = timeline
        self.glossary = glossary
        self.ilsvrc = ilsvrc


class DataFiles:
    """The data of one site, read again only where a file changed (`make serve` rebuilds)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._parsed: dict = {}  # (path, mtime, size) -> (entries, problems)

    def read(self, path: Path, root: Path, problems: list) -> list:
        stat = path.stat()
        key = (path, stat.st_mtime_ns, stat.st_size)
        if key not in self._parsed:
            self._parsed[key] = _parse(path, path.relative_to(root).as_posix())
        entries, faults = self._parsed[key]
        problems += faults
        return list(entries)

    def load(self) -> "Data":
        return load(self.root, self)


# Two tables live in the snippets that use them, as a YAML string, so that a copied snippet runs
# anywhere (issue 13): the timeline in snippets/timeline.py (EVENTS), the ILSVRC results in
# snippets/ilsvrc_gaps.py (ROWS). They are read and checked here like the files in data/.
IN_SNIPPETS = {
    "timeline": ("snippets/timeline.py", "EVENTS"),
    "ilsvrc": ("snippets/ilsvrc_gaps.py", "ROWS"),
}
IN_DATA = {"claims": "claims.yml", "glossary": "glossary.yml"}  # the tables in data/


def snippet_string(path: Path, name: str) -> tuple[str, int]:
    """The text of a snippet's top-level `NAME = \"\"\"...\"\"\"` string, and the line it starts on."""
    for node in ast.parse(path.read_text(encoding="utf-8"), filename=str(path)).body:
        if (
            isinstance(node, ast.Assign)
            and [getattr(t, "id", None) for t in node.targets] == [name]
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            return node.value.value, node.lineno - 1
    raise DataError(f'{path.name}: no top-level {name} = """...""" string (the data it should hold)')


def _parse(path: Path, rel: str) -> tuple[list, list]:
    text, offset = path.read_text(encoding="utf-8"), 0
    for snippet, variable in IN_SNIPPETS.values():
        if rel == snippet:
            text, offset = snippet_string(path, variable)
    try:
        entries = yaml.load(text, Loader=_Loader)  # a safe loader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{rel}:{mark.line + 1 + offset}:{mark.column + 1}" if mark else rel
        return [], [f"{where}: YAML syntax error: {error.problem or error.context}"]
    except yaml.YAMLError as error:
        return [], [f"{rel}: YAML syntax error: {error}"]
    if entries is None:
        return [], []
    if not isinstance(entries, list) or not all(isinstance(e, Entry) for e in entries):
        return [], [f"{rel}: expected a list of entries (`- field: value` blocks)"]
    for entry in entries:
        entry.file, entry.line = rel, entry.line + offset
    return entries, []


def _check_fields(entries, schema, problems):
    """Each entry against its file's JSON Schema; one line per fault, naming file, line, entry and field."""
    validator = jsonschema.Draft202012Validator(schema)
    known = ", ".join(schema["properties"])
    for e in entries:
        missing, unknown = [], []
        for error in sorted(validator.iter_errors(dict(e)), key=lambda error: list(error.path)):
            field = error.path[0] if error.path else None
            value = e.get(field) if field else None
            if error.validator == "required":
                missing.append(error.message.split("'")[1])
            elif error.validator in ("minLength", "minItems"):
                missing.append(field)
            elif error.validator == "additionalProperties":
                unknown += sorted(set(e) - set(schema["properties"]))
            elif error.validator in ("type", "anyOf"):  # anyOf: an optional field, or empty
                wanted = (
                    error.validator_value if error.validator == "type" else error.validator_value[0]["type"]
                )
                kind = _KIND.get(wanted, wanted)
                problems.append(f"{e.where}: entry {e.name}: {field} {value!r} should be a {kind}")
            elif error.validator == "enum":
                choices = tuple(error.validator_value)
                problems.append(f"{e.where}: entry {e.name}: {field} {value!r} is not one of {choices}")
            elif error.validator == "pattern" and field == "id":
                problems.append(f"{e.where}: claim {value!r} is not a claim id: C1, C2, ... (C and a number)")
            else:
                problems.append(
                    f"{e.where}: entry {e.name}: {'.'.join(map(str, error.path))}: {error.message}"
                )
        if missing:
            problems.append(f"{e.where}: entry {e.name} lacks {', '.join(map(repr, dict.fromkeys(missing)))}")
        if unknown:
            problems.append(f"{e.where}: entry {e.name} has unknown field(s) {unknown} (known: {known})")


def _check_unique(entries, key, problems, what="id"):
    first = {}
    for e in entries:
        value = e.get(key)
        if not isinstance(value, str | int) or value == "":
            continue
        if value in first:
            problems.append(f"{e.where}: {what} {value!r} again (first at {first[value].where})")
        else:
            first[value] = e


def _check_source(e, ref_id, references, problems, allow=()):
    if isinstance(ref_id, str) and ref_id not in references and ref_id not in allow:
        problems.append(
            f"{e.where}: entry {e.name} cites {ref_id!r}, which is not an entry in data/references/"
        )


def _check_page(e, field, docs: Path, problems):
    page = e.get(field)
    if isinstance(page, str) and page and not (docs / page.partition("#")[0]).is_file():
        problems.append(f"{e.where}: entry {e.name}: {field} {page!r} is not a page in docs/")


def load(root: Path = ROOT, files: DataFiles | None = None) -> Data:
    """Read and check every data file under root/data; raise DataError naming every fault."""
    root, data = Path(root), Path(root) / "data"
    _read = (files or DataFiles(root)).read
    # The chapters and snippets the data names live beside the data (a throwaway test site
    # links data/ to the repository's and has docs/ of its own).
    home = data.resolve().parent
    docs = home / "docs"
    problems: list[str] = []

    ref_entries = [
        e for path in sorted((data / "references").glob("*.yml")) for e in _read(path, root, problems)
    ]
    files = {
        name: _read(home / IN_SNIPPETS[name][0], home, problems)
        if name in IN_SNIPPETS
        else _read(data / IN_DATA[name], root, problems)
        for name in SCHEMAS
        if name != "references"
    }
    if problems:  # a file that does not parse: its entries cannot be checked against the others
        raise DataError("\n".join(["Fault in the data files:", *problems]))

    _check_fields(ref_entries, SCHEMAS["references"], problems)
    for e in ref_entries:
        if not any(e.get(k) for k in ("doi", "arxiv", "url")):
            problems.append(f"{e.where}: entry {e.name} needs a doi, an arxiv id or a url")
    _check_unique(ref_entries, "id", problems)
    for key in ("doi", "arxiv", "url"):
        _check_unique(ref_entries, key, problems, what=f"one work under two ids, the same {key}")
    references = {}
    for e in ref_entries:
        references.setdefault(e.get("id"), e)

    for name, entries in files.items():
        _check_fields(entries, SCHEMAS[name], problems)
        for e in entries:
            if "source" in e:
                _check_source(e, e["source"], references, problems, (UNSOURCED,) if name == "ilsvrc" else ())
            _check_page(e, "chapter", docs, problems)

    claims = files["claims"]
    _check_unique(claims, "id", problems)
    for e in claims:
        for ref_id in e.get("sources") or []:
            _check_source(e, ref_id, references, problems)
        snippet = e.get("snippet")
        page = docs / str(e.get("chapter", "")).partition("#")[0]
        if isinstance(snippet, str) and snippet:
            if not (home / snippet).is_file():
                problems.append(f"{e.where}: entry {e.name}: snippet {snippet!r} does not exist")
            elif page.is_file() and snippet not in page.read_text(encoding="utf-8"):
                problems.append(f"{e.where}: entry {e.name}: {e['chapter']} does not include {snippet}")
    ids = [e.get("id") for e in claims]
    expected = [f"C{n}" for n in range(1, len(ids) + 1)]
    if not problems and ids != expected:
        absent = [c for c in expected if c not in ids]
        problems.append(
            f"data/claims.yml: one row per claim, C1..C{len(ids)} in order, none missing; "
            + (f"no row for {', '.join(absent)}" if absent else "rows out of order")
        )
    _check_unique(files["glossary"], "id", problems)

    if problems:
        raise DataError("\n".join(["Fault in the data files:", *problems]))
    return Data(references, claims, files["timeline"], files["glossary"], files["ilsvrc"])
