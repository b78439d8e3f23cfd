"""Give the Korean edition its own sitemap and its own search index (after the i18n plugin's
on_post_build, at -100, has built the Korean edition and merged the index).

- Sitemap: Material's instant navigation fetches the sitemap of each language in the switcher
  (extra.alternate) to keep the reader on the same page when switching. mkdocs-static-i18n
  writes one sitemap, for both languages, at the site root; the Korean root (ko/) needs it too.
- Search: mkdocs-static-i18n writes one search index for both editions, so an English search
  listed Korean sections and a Korean one English. This hook splits it: search/search_index.json
  keeps the English entries, ko/search/search_index.json the Korean ones (their locations
  relative to ko/), and each Korean page's theme configuration (`__config`, its "base",
  rewritten as the page is written: korean_config_base) points under ko/, where Material's search reads the index and resolves the results. The palette
  and other stored settings are kept per site (`__md_scope`, unchanged).
- What Korean readers type: each Korean entry also gets, in a hidden span, the forms readers
  type that the site writes another way (data/style_ko.yml, `search_variants`: 기울기소실 for
  기울기 소실, 렐루 for ReLU), and the whole form of each word the search's particle rule cuts
  short ("텐서플로)" is indexed as 텐서플, while "텐서플로와" is searched as 텐서플로).
"""

import json
import re
import shutil
from pathlib import Path

import yaml

from thaw.html import Document

KOREAN = "ko"
_GLOSSED_NAME = re.compile(r"\(([\uac00-\ud7a3]{3,})\)")  # TensorFlow(텐서플로): a name, not a particle


def search_variants(root: Path) -> dict[str, list[str]]:
    """{what the site writes: [what readers type instead, ...]} from data/style_ko.yml."""
    style = yaml.safe_load((root / "data" / "style_ko.yml").read_text(encoding="utf-8"))
    variants: dict[str, list[str]] = {}
    for typed, written in (style.get("search_variants") or {}).items():
        variants.setdefault(written, []).append(typed)
    return variants


def whole_words(text: str, separator: re.Pattern) -> list[str]:
    """The Hangul names in parentheses (TensorFlow(텐서플로)) that the separator's particle rule
    cuts short (텐서플로 ends in 로, so it is indexed as 텐서플), each followed by 와 so that the
    search splits off that particle alone and indexes the whole name, as it searches "텐서플로와"."""
    tokens = set(separator.split(text))
    return sorted({w + "와" for w in _GLOSSED_NAME.findall(text) if w not in tokens})


def korean_extras(doc: dict, variants: dict[str, list[str]], separator: re.Pattern) -> str:
    text = Document(doc["title"] + " " + doc["text"]).text_content()
    # each typed form as often as the entry writes its form (at most 5 times), so that a typed
    # query ranks the pages as the written one does
    lower = text.lower()
    typed = [
        form
        for written, forms in variants.items()
        for form in forms
        for _ in range(min(lower.count(written.lower()), 5))
    ]
    extra = typed + whole_words(text, separator)
    return f" <span hidden>{' '.join(extra)}</span>" if extra else ""


def python_separator(pattern: str) -> re.Pattern:
    """mkdocs.yml's search separator (a JavaScript regex) for Python's re, whose lookbehind
    needs each alternative of one width."""
    return re.compile(pattern.replace("(?<=[가-힣]{2}|[A-Za-z0-9])", "(?:(?<=[가-힣]{2})|(?<=[A-Za-z0-9]))"))


def split_search_index(site: Path, root: Path, memo=None) -> None:
    """The merged index split in two; `memo` (the plugin's) keeps each entry's extras between
    `make serve` rebuilds."""
    index_file = site / "search" / "search_index.json"
    if not index_file.is_file() or not (site / KOREAN).is_dir():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    if not any(doc["location"].startswith(f"{KOREAN}/") for doc in index["docs"]):
        return  # split already (the i18n plugin runs on_post_build once per language)
    separator = python_separator(index["config"]["separator"])
    variants = search_variants(root)
    rules = json.dumps([variants, separator.pattern])  # what each entry's extras also depend on
    english, korean = [], []
    for doc in index["docs"]:
        if doc["location"].startswith(f"{KOREAN}/"):
            doc = dict(doc, location=doc["location"][len(KOREAN) + 1 :])
            if memo is None:
                extras = korean_extras(doc, variants, separator)
            else:
                key = memo.key("search", rules, doc["title"], doc["text"])
                if key not in memo:
                    memo[key] = korean_extras(doc, variants, separator)
                extras = memo[key]
            doc["text"] += extras
            korean.append(doc)
        else:
            english.append(doc)
    index_file.write_text(json.dumps(dict(index, docs=english), ensure_ascii=False), encoding="utf-8")
    target = site / KOREAN / "search" / "search_index.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(dict(index, docs=korean), ensure_ascii=False), encoding="utf-8")


def korean_config_base(output: str) -> str:
    """A Korean page with its theme configuration (`__config`) "base" under ko/, where
    Material's search reads the Korean index and resolves its results ("../.." -> "../../ko/").
    The script is near the page's end: the page is read from the last <script> before the last
    mention of __config (the parser confirms which element it is), or whole."""
    mention = output.rfind("__config")
    begin = output.rfind("<script", 0, mention) if mention >= 0 else -1
    doc = Document(output, start=max(begin, 0), opaque=("svg",))
    script = next(doc.find("script", id="__config"), None)
    if script is None and begin > 0:
        doc = Document(output, opaque=("svg",))
        script = next(doc.find("script", id="__config"), None)
    if script is None:
        return output
    config = json.loads(doc.inner(script))
    if not config["base"].endswith(f"/{KOREAN}/"):
        config["base"] = config["base"].rstrip("/") + f"/{KOREAN}/"
        doc.replace_inner(script, json.dumps(config))
    return doc.result()


def korean_edition(site: Path, root: Path, memo=None) -> None:
    """The Korean edition's sitemap (Material's instant navigation fetches one per language in
    the switcher) and its own search index."""
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        if (site / name).is_file() and (site / KOREAN).is_dir():
            shutil.copyfile(site / name, site / KOREAN / name)
    split_search_index(site, root, memo)
