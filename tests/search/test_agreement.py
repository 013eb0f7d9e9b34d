"""search.js tokenises queries exactly as kb.search.normalize tokenises the library.

A word the two sides normalise differently is a word the search silently misses,
so both are run, under node, on every line of the library (its whole vocabulary,
numbers and article headings) and on the cases the rules exist for.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from kb.search.normalize import find_shard, fold, query_terms, rules, shard_key, tokens

ROOT = Path(__file__).resolve().parents[2]
SEARCH_JS = ROOT / "docs" / "assets" / "javascripts" / "search.js"
NODE = shutil.which("node")

# Reads {"rules", "shards", "texts"} on stdin; for each text prints its tokens, their shard
# keys, the shards (of "shards") they are filed in and its query terms, as search.js does.
SCRIPT = """
const { Normalizer } = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const normalizer = new Normalizer(input.rules);
const shards = new Set(input.shards);
const out = input.texts.map((text) => {
  const tokens = normalizer.tokens(text);
  return {
    tokens,
    keys: tokens.map((token) => normalizer.shardKey(normalizer.fold(token))),
    shards: tokens.map((token) => normalizer.findShard(normalizer.fold(token), shards)),
    terms: normalizer.queryTerms(text).map((t) => [t.text, t.folded, t.kind, t.exact]),
  };
});
process.stdout.write(JSON.stringify(out));
"""

CASES = [
    "Hoà bình, THUỶ lợi, sức khoẻ, Uỷ ban, quý, Quỹ, hoàng, thuyết, hoà2, HOẠ",
    unicodedata.normalize("NFD", "Luật An ninh mạng, lừa đảo, Đắk Nông"),
    "điều 8 luật an ninh mạng", "Dieu 10a khoan 2", "ĐIỀU 15", "điều", "điều khoản 3",
    "24/2018/QH14", "3250/QĐ-UBND 3250/QD-UBND 3250 /QĐ-UBND", "30-NQ/TW", "QH14",
    "Ærø, ß, Ω, ø, ç, ñ, ı, İstanbul, ǅ, ², ½, 𝟘, emoji 😀, 中文, Ⅻ",
    "a_b snake_case -lead trail- a//b a--b", "   ", "",
    "lua lừa luat l la 24 24/2018/QH14 24/2019 §8 a ab",
]
# Shard keys as a large library has them, some groups split by a third or fourth character.
SHARDS = ["lu", "lua", "lu_", "24", "24_", "24_2", "_8", "a", "ab", "la", "luat"]


def library_lines() -> list[str]:
    lines = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        lines += page.read_text(encoding="utf-8").splitlines()
    return [line for line in dict.fromkeys(lines) if line.strip()]


def python_side(text: str) -> dict:
    found = tokens(text)
    return {
        "tokens": found,
        "keys": [shard_key(fold(token)) for token in found],
        "shards": [find_shard(fold(token), SHARDS) for token in found],
        "terms": [[t.text, t.folded, t.kind.value, t.exact] for t in query_terms(text)],
    }


@pytest.mark.skipif(NODE is None, reason="cần node để chạy search.js ngoài trình duyệt")
def test_search_js_normalises_like_python() -> None:
    texts = CASES + library_lines()
    assert len(texts) > 1000
    result = subprocess.run(
        [NODE, "-e", SCRIPT, str(SEARCH_JS)],
        input=json.dumps({"rules": rules(), "shards": SHARDS, "texts": texts},
                         ensure_ascii=False),
        capture_output=True, text=True, encoding="utf-8", check=True)
    javascript = json.loads(result.stdout)
    differences = [(text, python_side(text), js) for text, js in zip(texts, javascript, strict=True)
                   if python_side(text) != js]
    assert not differences, differences[:3]
