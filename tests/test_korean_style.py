"""The Korean edition keeps the style sheet's mechanical rules (data/style_ko.yml).

Checked in every Korean page (docs/*.ko.md, outside code fences), in the Korean block of
every notebook's Markdown cells, and in every Korean field of data/*.yml:

- terms: no variant the style sheet bans (one Korean word per concept);
- names: a listed person's Latin name only in a citation link's text or in a gloss;
- speech level: 합니다체, so no sentence of ours ends in -요 (해요체: -니까요, -세요, ...),
  in -다 other than -니다 (한다체), in -ㅂ시다 (봅시다, 합시다), or asks with -까? other than
  -니까?;
- glosses: an English term in parentheses once per page, at its first use (an
  abbreviation glossed with it counts as the same term), and never for the basic words
  the style sheet lists under never_gloss;
- italics: no Hangul in italics (emphasis is **bold**; captions are roman);
- generated tables (the ledger's and the timeline's Korean fields): names in Hangul, no Latin gloss.

Quoted words keep their own wording: text inside quotation marks is not checked, and
neither is code, math, HTML tags or a link's target. Each failure names the file, the line
and the rule.
"""

import ast
import json
import re
from pathlib import Path

import pytest
import yaml
from support import ROOT

from thaw import data as datafiles

STYLE = yaml.safe_load((ROOT / "data" / "style_ko.yml").read_text(encoding="utf-8"))
DOCS = ROOT / "docs"

FENCE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE = re.compile(r"`[^`]*`")
MATH = re.compile(r"\\\(.*?\\\)|\\\[.*?\\\]|\$[^$]+\$")
TAG = re.compile(r"<[^>]+>")
CITATION = re.compile(r"\[[^\]]*\]\([^)\s]*references\.md#[^)\s]*\)")
LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
URL = re.compile(r"https?://\S+")
QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”|‘[^’\n]*’|「[^」\n]*」|『[^』\n]*』|\'[^\'\n]*\'')
GLOSS = re.compile(r"(?<![\\A-Za-z0-9_])\((?=[^)]*[A-Za-z]{2})([A-Za-z][^()\n\uac00-\ud7a3]*[A-Za-z.)])\)")
NEVER_GLOSSED = {term.lower() for term in STYLE["never_gloss"]}
# A never_gloss term keeps its gloss on the page whose subject it is (gloss_at_home).
GLOSS_AT_HOME = {page: {t.lower() for t in terms} for page, terms in STYLE["gloss_at_home"].items()}
AFTER_HANGUL_PARENS = re.compile(r"(?<=[\uac00-\ud7a3])\([^()\n]*\)")
ENDINGS = [
    ("speech level: 해요체 ending -요 (write 합니다체)", re.compile(r"[\uac00-\ud7a3]요[.?!]")),
    (
        "speech level: 한다체 ending -다 (write -니다)",
        re.compile(r"(?<![니시])(?<=[\uac00-\ud7a3])다[.!]"),
    ),
    (
        "speech level: -ㅂ시다 ending (write -겠습니다 or a statement)",
        re.compile(r"(?<=[\uac00-\ud7a3])시다[.!]"),
    ),
    ("speech level: question in -까? (write -니까?)", re.compile(r"(?<!니)(?<=[\uac00-\ud7a3])까\?")),
]
# Korean is not set in italics (data/style_ko.yml, Italics): an italic span, one asterisk, that
# holds Hangul before it closes or the line ends. Bold (**...**) is taken out first.
BOLD = re.compile(r"\*\*[^*\n]+?\*\*")
ITALIC_HANGUL = re.compile(r"(?<![\w*\\])\*(?![\s*])[^*\n]*[\uac00-\ud7a3]")
ITALIC_RULE = "italic: no Hangul in italics (emphasis in **bold**, sparingly; captions in roman)"
TERMS = [
    (f"term: write {t['use']} for {t['concept']}, not /{pattern}/", re.compile(pattern))
    for t in STYLE["terms"]
    for pattern in t.get("banned", [])
]
# A form readers type that the site writes another way (data/style_ko.yml, search_variants): the
# search finds it (thaw/search.py), and our prose never uses it, except at the head of a gloss's
# parentheses (볼록하지 않은(비볼록, non-convex)).
TERMS += [
    (
        f"search variant: write {written}, not {typed} (search_variants)",
        re.compile(r"(?<!\()" + re.escape(typed)),
    )
    for typed, written in (STYLE.get("search_variants") or {}).items()
]
NAMES = [
    (
        f"name: write {hangul} in prose; {latin} only in a citation or a first-mention gloss",
        re.compile(rf"(?<![A-Za-z]){re.escape(latin)}(?![A-Za-z])"),
    )
    for latin, hangul in STYLE["names"].items()
]


def prose(text: str) -> str:
    """The words the rules judge: no code, math, tags, URLs, link targets or quotations."""
    for pattern in (INLINE_CODE, MATH, TAG, URL):
        text = pattern.sub(" ", text)
    text = LINK_TARGET.sub("] ", text)
    return QUOTED.sub(" ", text)


def _term(text: str) -> str:
    """A gloss's key: lower case, single spaces, no plural s (ReLU and ReLUs are one term)."""
    words = " ".join(text.lower().split())
    return words[:-1] if words.endswith("s") and not words.endswith("ss") else words


def check(lines):
    """Failures for one page, given (location, Korean text) per line, in reading order."""
    failures, glossed = [], {}
    for where, raw in lines:
        text = prose(raw)
        names_text = AFTER_HANGUL_PARENS.sub(" ", prose(CITATION.sub(" ", raw)))
        for rule, pattern in TERMS + ENDINGS:
            for match in pattern.finditer(text):
                failures.append(
                    f"{where}: {rule}: ...{text[max(0, match.start() - 15) : match.end() + 5].strip()}..."
                )
        if match := ITALIC_HANGUL.search(BOLD.sub(" ", text)):
            failures.append(f"{where}: {ITALIC_RULE}: ...{match.group(0)[:30]}...")
        for rule, pattern in NAMES:
            if pattern.search(names_text):
                failures.append(f"{where}: {rule}")
        for match in GLOSS.finditer(prose(raw.replace('"', " "))):
            keys = [_term(part) for part in match.group(1).split(",")]
            home = GLOSS_AT_HOME.get(Path(where.split(":")[0].split(" ")[0]).name, set())
            if basic := [k for k in keys if k in NEVER_GLOSSED and k not in home]:
                failures.append(
                    f"{where}: gloss: ({match.group(1)}) glosses {basic[0]!r}, which the style sheet never glosses"
                )
            elif seen := [k for k in keys if k in glossed]:
                failures.append(
                    f"{where}: gloss: ({match.group(1)}) was already glossed at {glossed[seen[0]]}"
                )
            for key in keys:
                glossed.setdefault(key, where)
    return failures


def notebook_lines(path: Path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for cell_number, cell in enumerate(cells, start=1):
        for number, alt in enumerate(cell["metadata"].get("thaw", {}).get("alt", []), start=1):
            yield f"{path.name}, cell {cell_number}, figure {number}'s description", alt.get("ko", "")
        if cell["cell_type"] == "code":  # the figures' Korean labels, tr("English", "한국어")
            for line, korean in _korean_arguments("".join(cell["source"])):
                yield f"{path.name}, cell {cell_number}, line {line}", korean
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        for block in re.findall(r'<div lang="ko">(.*?)</div>', text, flags=re.DOTALL):
            inside = False
            for number, line in enumerate(block.splitlines(), start=1):
                if FENCE.match(line):
                    inside = not inside
                elif not inside:
                    yield f"{path.name}, cell {cell_number}, Korean line {number}", line


def yaml_lines(path: Path):
    """Every Korean field (`ko`, `x_ko`) of a data file, as its parsed value.

    Parsed, not read line by line: a double-quoted value would otherwise look like one long
    quotation (which check() skips), and a plain value folded onto continuation lines would
    be read only up to its first line break.
    """
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    text, offset = path.read_text(encoding="utf-8"), 0
    if path.suffix == ".py":  # a snippet that holds its data as a YAML string (thaw/data.py)
        text, offset = datafiles.snippet_string(path, SNIPPET_DATA[path.name])
    stack = [yaml.compose(text)]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else ""
                if (name == "ko" or name.endswith("_ko")) and isinstance(value, yaml.ScalarNode):
                    yield f"{where}:{key.start_mark.line + 1 + offset} ({name})", value.value
                else:
                    stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


PAGES = sorted(DOCS.glob("*.ko.md"))
NOTEBOOKS = sorted((DOCS / "notebooks").glob("*.ipynb"))
# The data files, and the snippets that hold their data as a YAML string (the timeline's events).
SNIPPET_DATA = {Path(snippet).name: variable for snippet, variable in datafiles.IN_SNIPPETS.values()}
DATA = sorted(p for p in (ROOT / "data").glob("*.yml") if p.name != "style_ko.yml") + [
    ROOT / "snippets" / name for name in sorted(SNIPPET_DATA)
]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_korean_page_follows_the_style_sheet(page):
    failures = check((f"{page.relative_to(ROOT)}:{n}", line) for n, line in _numbered(page))
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_korean_notebook_text_follows_the_style_sheet(notebook):
    failures = check(
        (f"{notebook.relative_to(ROOT)} {where}", line) for where, line in notebook_lines(notebook)
    )
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("data", DATA, ids=lambda p: p.name)
def test_korean_data_fields_follow_the_style_sheet(data):
    failures = check(yaml_lines(data))
    assert not failures, "\n".join(failures)


FIGURES = sorted((ROOT / "snippets" / "figures").glob("*.py"))


KOREAN_ARGUMENT = {"tr": 1, "figure_html": 2}  # tr(en, ko); figure_html(fig, title_en, title_ko)


def _korean_arguments(source: str):
    """(line, text) of the Korean argument of each tr() and figure_html() call in source; an
    f-string's literal parts joined (its fields are numbers)."""
    for node in ast.walk(ast.parse(source)):
        index = KOREAN_ARGUMENT.get(getattr(node.func, "id", None)) if isinstance(node, ast.Call) else None
        if index is None or len(node.args) != index + 1:
            continue
        korean = node.args[index]
        if isinstance(korean, ast.Constant) and isinstance(korean.value, str):
            yield korean.lineno, korean.value
        elif isinstance(korean, ast.JoinedStr):
            yield korean.lineno, "".join(v.value for v in korean.values if isinstance(v, ast.Constant))


def figure_lines(path: Path):
    """The Korean side of a figure: every `tr("English", "한국어")` (labels) and the Korean
    title of `figure_html(fig, "English", "한국어")`, what a screen reader announces."""
    for line, korean in _korean_arguments(path.read_text(encoding="utf-8")):
        yield f"{path.relative_to(ROOT)}:{line}", korean


@pytest.mark.parametrize("figure", FIGURES, ids=lambda p: p.name)
def test_korean_figure_labels_follow_the_style_sheet(figure):
    failures = check(figure_lines(figure))
    assert not failures, "\n".join(failures)


def _numbered(path: Path):
    inside = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if FENCE.match(line):
            inside = not inside
        elif not inside:
            yield number, line


PLANTED = {
    "term": "이 모형은 손실을 줄입니다.",
    "name": "이 방법은 Hinton이 제안했습니다.",
    "speech level: 해요체": "이 신경망은 잘 배웁니다. 직접 돌려 보세요.",
    "speech level: 한다체": "이 신경망은 잘 배운다.",
    "speech level: question": "왜 그럴까? 이유는 곱셈입니다.",
    "speech level: -ㅂ시다": "은닉 뉴런의 순서를 바꿔 봅시다.",
    "gloss": "기울기 소실(vanishing gradient)은 오래된 문제입니다.",
    "gloss: (weight": "가중치(weight)를 바꿉니다.",
    "search variant": "배치정규화는 학습률을 높여 줍니다.",
    "italic": "그 실행에서 tanh는 ReLU보다 *먼저* 목표에 닿습니다.",
}


@pytest.mark.parametrize("rule", PLANTED)
def test_each_rule_fails_on_a_planted_line(rule, tmp_path):
    """Each rule fires on a bad line planted in a copy of a real page, and names it."""
    page = DOCS / "vanishing-gradients.ko.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    planted = PLANTED[rule]
    copy = tmp_path / page.name
    copy.write_text("\n".join([*lines, "", planted, ""]), encoding="utf-8")
    failures = check((f"{copy.name}:{n}", line) for n, line in _numbered(copy))
    bad = len(lines) + 2
    assert any(f.startswith(f"{copy.name}:{bad}: {rule}") for f in failures), failures
    if rule == "gloss":  # the first gloss on a page is fine; only a repeat fails
        first = check([("x:1", "야코비 행렬(Jacobian)이 작습니다.")])
        repeat = check(
            [("x:1", "야코비 행렬(Jacobian)이 작습니다."), ("x:2", "야코비 행렬(Jacobian)이 큽니다.")]
        )
        assert first == [] and len(repeat) == 1 and repeat[0].startswith("x:2: gloss"), repeat
    if rule == "gloss: (weight":  # a basic term keeps its gloss on its own chapter only
        home = check([("docs/backpropagation.ko.md:9", "오차역전파(backpropagation)를 씁니다.")])
        away = check([("docs/index.ko.md:9", "오차역전파(backpropagation)를 씁니다.")])
        assert home == [] and len(away) == 1 and "never glosses" in away[0], away


# One planted variant per term the style sheet decided later (its `use`, then a line that
# writes a banned variant): the term rule must name the line, as for PLANTED above.
PLANTED_TERMS = {
    "원글": "에세이는 겨울이 길었다고 말합니다.",
    "사람 기준선": "ResNet은 사람의 기록보다 낮았습니다.",
    "일반": "깊은 플레인 신경망은 학습 세트를 덜 맞춥니다.",
    "세일리언시, 세일리언시 맵 (an image)": [
        "입력 기울기 돌출 맵은 미분값을 씁니다.",
        "입력 기울기 세일리언시 맵은 특성마다 점수를 매깁니다.",
    ],
    "기본 SGD, 기본 경사 하강법": "세 방식 모두 같은 일반 [미니배치 SGD]를 씁니다.",
    "가설 집합": "잡음을 외울 수 있는 모델 집합은 용량이 큽니다.",
    "맵 여섯 개, 특성 여덟 개, 픽셀 64개": [
        "C3의 각 맵은 S2의 여섯 맵 가운데 일부만 읽습니다.",
        "두 방법이 각각 여덟 특성 모두에 점수를 매깁니다.",
        "각 칸은 은닉 뉴런 하나가 64개 픽셀에 거는 가중치입니다.",
        "어느 분할에서나 열 개 숫자의 비율이 같습니다.",
    ],
    "90에포크, 200스텝, 227픽셀 (the unit attached)": "논문이 말하는 약 90 에포크를 곱합니다.",
    "숫자 1,797장": ["숫자 1,300개로 학습하고 나머지로 평가합니다.", "숫자 세 개만 남은 배치는 버립니다."],
    "8×8, 227×227, 6×28×28 (the multiplication sign)": "scikit-learn의 8x8 숫자를 키웁니다.",
    "10.9%포인트, 20%포인트": "SVM이 평균 1.5%p 넘게 앞섭니다.",
    "『책·학술지』, 「논문·글」": "이 척도는 1986년 *Nature* 논문이 씁니다.",
    "1987~1988년, 533~536쪽": "르쿤은 1987-88년에 토론토에 있었습니다.",
    "1,000, 1,797, 10,000 (a thousands comma)": "첫 층의 기울기는 마지막 층의 1000분의 1에도 못 미칩니다.",
    "주석자": "훈련받은 레이블러 한 사람이 레이블을 달았습니다.",
    "랜덤 워크": "무작위 보행은 예측할 수 없습니다.",
    "데이터셋": "작은 데이터 세트를 뽑습니다.",
    "대회 (ILSVRC, 이미지넷 대회)": "이미지넷 챌린지는 2010년에 시작했습니다.",
    "파이썬": "순수 Python은 느립니다.",
    "글로럿": "글로로 초기화를 씁니다.",
    "학습 오류율, 테스트 오류율": "학습 오차가 0이 되었습니다.",
    "왜곡": "변형한 학습 이미지를 더합니다.",
    "상한, 하한 (say which)": "PAC 한계(bound)는 약합니다.",
    "저자들, CPU 수천 개, 아래 스크립트 한곳": [
        "그들의 노력은 두 개의 달력을 따랐습니다.",
        "숫자는 모두 아래 스크립트 한 곳에 모여 있습니다.",
    ],
    "도함수 (the function), 미분값 (its value at a point)": "ReLU는 도함수가 정확히 1입니다.",
    "국소 기술자": "사람이 설계한 지역 기술자를 뽑습니다.",
    "임곗값 뉴런": "임계 뉴런 하나로는 XOR을 계산할 수 없습니다.",
    "임곗값, 목푯값": [
        "임계값 뉴런 하나로는 XOR을 계산할 수 없습니다.",
        "논문은 고정 목표값을 둔 RBF 뉴런을 씁니다.",
    ],
    "초기 가중치": "뉴런과 시작 가중치를 바꿉니다.",
    "고원": "빨간 선은 평탄한 구간에 갇힌 실행입니다.",
    "호황": "신경망은 1986년 이후 붐을 맞았습니다.",
    "합성곱층, 완전 연결층, 선형층, 은닉층, 입력층, 출력층, 풀링층, 서브샘플링층, 정규화층": (
        "합성곱 층 다섯 개와 완전 연결층 세 개입니다."
    ),
    "1,400만, 6,100만, 120만 (a thousands comma inside)": "이미지넷은 약 1400만 장입니다.",
    "샘플": "학습 예제 100개에서 지나치게 확신합니다.",
    "스트라이드": "11×11 커널을 4픽셀 간격으로 밀어 갑니다.",
    "에포크": "약 90번의 데이터 순회를 곱합니다.",
    "실무": "이론이 실제를 따라가지 못합니다.",
    "최고 성능 모델": "그사이 최신 모델은 잔차 연결을 덧붙입니다.",
    "하이퍼파라미터": "조정할 초매개변수가 적습니다.",
    "NumPy": "아래 스크립트는 이 공식을 numpy로 옮깁니다.",
}


@pytest.mark.parametrize("use", PLANTED_TERMS)
def test_each_decided_term_fails_on_a_planted_variant(use, tmp_path):
    """A variant the style sheet bans, planted in a copy of a real page, fails the term rule
    for the word the sheet decided, on the planted line."""
    assert any(t["use"] == use for t in STYLE["terms"]), f"no style sheet term uses {use!r}"
    page = DOCS / "vanishing-gradients.ko.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    planted = PLANTED_TERMS[use]
    for variant in [planted] if isinstance(planted, str) else planted:
        copy = tmp_path / page.name
        copy.write_text("\n".join([*lines, "", variant, ""]), encoding="utf-8")
        failures = check((f"{copy.name}:{n}", line) for n, line in _numbered(copy))
        bad = len(lines) + 2
        assert any(f.startswith(f"{copy.name}:{bad}: term: write {use} for") for f in failures), (
            variant,
            failures,
        )


# Lines the newer mechanical rules must let through: a count after its noun or a counter after
# a numeral, "the two/three X" of things already named, a unit after 만, a size before its unit,
# a year, the post number, a range said in words, emphasis in bold, an italic Latin word and a
# search variant at the head of a first-use gloss.
ALLOWED = [
    "세 사람은 신경망 연구를 붙들고 있었습니다.",
    "두 방법 모두 정보가 있는 특성 세 개를 골라냅니다.",
    "ReLU를 쓰면 tanh 뉴런보다 여섯 배 빨랐고, 분할을 다섯 번 바꿔 가며 여섯 번의 학습을 합니다.",
    "샘플 1,797개 가운데 1,300개로 학습하고, 정답이 그 다섯 개 안에 없을 때만 틀립니다.",
    "C1부터 F6까지의 층에는 매개변수가 60,000개 있습니다.",
    "학습 이미지 120만 장을 약 90에포크 동안 훑습니다.",
    "scikit-learn에는 8×8 픽셀 손글씨 숫자 1,797장이 들어 있습니다.",
    "1986년 『Nature』 논문과 2012년 ILSVRC 결과, PGR21 자유 게시판의 84949번 게시물입니다.",
    "르쿤은 1987~1988년에 토론토에 있었고, 최고 모델은 16층에서 30층이었습니다.",
    "**학습** 오류율이 줄기는커녕 오히려 늘어났습니다.",
    "그림: 위에 출력된 두 테스트 정확도입니다. 논문은 이를 *degradation*이라고 불렀습니다.",
    "볼록하지 않은(비볼록, non-convex) 손실에는 골짜기가 여러 개 있을 수 있습니다.",
]


def test_the_newer_rules_let_good_lines_through():
    failures = check((f"allowed:{n}", line) for n, line in enumerate(ALLOWED, start=1))
    assert not failures, "\n".join(failures)


def test_data_fields_are_read_whole(tmp_path):
    """A double-quoted value is not one long quotation, and a folded value is read past its
    first line: both hid Latin names and banned terms in the timeline's events and claims.yml."""
    data = tmp_path / "planted.yml"
    data.write_text(
        '- event_ko: "이 모형은 손실을 줄입니다."\n'
        "  record_ko: 첫 줄은 문제없습니다.\n"
        "    둘째 줄에서 Hinton이 나옵니다.\n",
        encoding="utf-8",
    )
    failures = check(yaml_lines(data))
    assert any(f.startswith("planted.yml:1 (event_ko): term") for f in failures), failures
    assert any(f.startswith("planted.yml:2 (record_ko): name") for f in failures), failures


def test_timeline_events_end_in_a_noun_phrase():
    """data/style_ko.yml: a timeline event_ko ends in a noun phrase (…을 분석한 책, …의 우승), not in
    a nominalised verb (-함, -임), so the events read alike down the table."""
    path = ROOT / "snippets" / "timeline.py"
    events = [(where, text) for where, text in yaml_lines(path) if "(event_ko)" in where]
    assert events
    bad = [f"{where}: {text}" for where, text in events if re.search(r"[함임]\.?$", text.strip())]
    assert not bad, "\n".join(bad)


HANGUL_TEXT = re.compile(r"[\uac00-\ud7a3]")


def code_lines(path: Path):
    """Every string in the plugin that holds Hangul: table headers, the provenance and citation lines."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}  # comments for us
    for node in ast.walk(tree):
        text = node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""
        if HANGUL_TEXT.search(text) and id(node) not in docstrings:
            yield f"{path.relative_to(ROOT)}:{node.lineno}", text


def config_lines():
    """The Korean strings of mkdocs.yml: the Korean edition's nav titles, description, credit and labels."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        value = line.split(":", 1)[1] if ":" in line else line
        if HANGUL_TEXT.search(value) and not line.strip().startswith("#"):
            yield f"mkdocs.yml:{number}", value.strip().strip('"')


@pytest.mark.parametrize("hook", sorted((ROOT / "thaw").glob("*.py")), ids=lambda p: p.name)
def test_korean_strings_in_the_build_follow_the_style_sheet(hook):
    failures = check(code_lines(hook))
    assert not failures, "\n".join(failures)


def test_korean_strings_in_mkdocs_yml_follow_the_style_sheet():
    failures = check(config_lines())
    assert not failures, "\n".join(failures)


def test_italic_hangul_fails_in_every_form():
    """A caption set in italics across lines fails on its first line; bold, a bullet and an italic
    Latin word do not."""
    caption = check([("x:1", "*그림: 위에 출력된 두 테스트 정확도를"), ("x:2", "나타냅니다.*")])
    assert [f.split(": ")[1] for f in caption] == ["italic"], caption
    fine = ["**먼저** 목표에 닿습니다.", "* 목록의 한 항목입니다.", "이를 *degradation*이라고 불렀습니다."]
    assert check((f"x:{n}", line) for n, line in enumerate(fine, start=1)) == []


GENERATED_TABLES = [ROOT / "data" / "claims.yml", ROOT / "snippets" / "timeline.py"]


@pytest.mark.parametrize("table", GENERATED_TABLES, ids=lambda p: p.name)
def test_generated_tables_write_names_without_a_gloss(table):
    """data/style_ko.yml, names: the ledger and the timeline write names in Hangul with no Latin
    gloss (비숍(2006), 매컬럭과 피츠), since each row's source column gives the Latin citation."""
    bad = [
        f"{where}: {latin} (write {hangul} alone)"
        for where, text in yaml_lines(table)
        for latin, hangul in STYLE["names"].items()
        if re.search(rf"(?<![A-Za-z]){re.escape(latin)}(?![A-Za-z])", CITATION.sub(" ", text))
    ]
    assert not bad, "\n".join(bad)


def page_problems(name: str, text: str) -> list[str]:
    """What a Korean page's line breaks hide from check(), which reads a line at a time:
    - a line of prose that begins with "(" after a line of prose: Markdown renders the break as
      a space, so a citation or gloss stands apart from its word ("합니다 (He 외, 2015)");
      Korean attaches it ("합니다(He 외, 2015)");
    - a gloss that wraps onto the next line, of a term the sheet never glosses."""
    problems, inside, previous = [], False, ""
    kept = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if FENCE.match(stripped):
            inside = not inside
            previous = ""
            continue
        if inside:
            continue
        if stripped.startswith("(") and previous and not previous.startswith(("#", "|", "<", "$")):
            problems.append(f"{name}:{number}: a line starts with '(' after prose: join it to its word")
        previous = stripped
        kept.append(stripped)
    home = GLOSS_AT_HOME.get(name, set())
    for match in GLOSS.finditer(prose(" ".join(kept).replace('"', " "))):
        keys = [_term(part) for part in match.group(1).split(",")]
        if basic := [k for k in keys if k in NEVER_GLOSSED and k not in home]:
            problems.append(
                f"{name}: gloss ({match.group(1)}) of {basic[0]!r}, which the sheet never glosses"
            )
    return problems


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_line_breaks_hide_no_spaced_citation_and_no_wrapped_gloss(page):
    problems = page_problems(page.name, page.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


def test_the_line_break_checks_fail_on_planted_lines():
    spaced = "기울기는 층마다 줄어듭니다\n([He 외, 2015](references.md#he2015)).\n"
    wrapped = "이 신경망은 [합성곱 신경망](glossary.md#convolution)(convolutional neural\n    network) 계보입니다.\n"
    assert page_problems("index.ko.md", spaced), "a citation on its own line was not caught"
    assert page_problems("index.ko.md", wrapped), "a wrapped gloss of a never-glossed term was not caught"
    fine = "기울기는 층마다 줄어듭니다([He 외, 2015](references.md#he2015)).\n\n(괄호로 시작하는 문단)\n"
    assert not page_problems("index.ko.md", fine)
