"""The site's timeline: load data/timeline.yml and check every event's source.

The pages draw it with snippets/figures/timeline.py, in their language.
"""

from pathlib import Path

import yaml

# Run as a file, look next to it; run by the site build (no __file__), use the repository root.
ROOT = Path(__file__).resolve().parent.parent if "__file__" in globals() else Path.cwd()
events = yaml.safe_load((ROOT / "data" / "timeline.yml").read_text(encoding="utf-8"))
references = {
    entry["id"]
    for path in sorted((ROOT / "data" / "references").glob("*.yml"))
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []
}
events.sort(key=lambda e: e["year"])

for e in events:
    print(f"{e['year']}  {e['event']}  [{e['source']}]")
print(f"{len(events)} events, {events[0]['year']} to {events[-1]['year']}")

unsourced = [e["event"] for e in events if e.get("source") not in references]
missing_pages = [
    e["chapter"] for e in events if "chapter" in e and not (ROOT / "docs" / e["chapter"]).exists()
]
assert not unsourced, f"every event needs a source in data/references/: {unsourced}"
assert not missing_pages, f"an event links to a page that does not exist: {missing_pages}"
