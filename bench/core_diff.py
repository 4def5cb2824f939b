"""The differential test of the compiled core over 50 MB: every ported stage, core and Python
reference (tests/test_core_diff.py; the page-break and chunk-marker rules, every finding with its
start, end and message, against tests/paragraphs_reference.py; ellipsis and fullwidth, every fix
against tests/punctuation_reference.py), over generated pages
(bench/core_corpus.py: the bench's dense and typical pages, half of them mutated; half the
megabytes, each page also cut by chunk numbers and page breaks, see ``cut``), plus the samples and
seeds, half of all of them with punctuation damaged (``punctuate``); prints the pages and MB compared, the paragraph findings compared, and any page whose
outputs differ (none, or the exit status is 1).

    python bench/core_diff.py [--megabytes 50] [--seed 13]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import core_corpus  # noqa: E402

from cutter import _core  # noqa: E402
from tests import test_core_diff as reference  # noqa: E402


# What a doc viewer and a page break leave inside a paragraph: a chunk number at a line start (alone
# on its line or not, after blank lines or not), a blank line, a line break.
CUTS = ("\n{n}、", "\n\n{n}、", "\n{n}、\n", " \n\t{n}、 \n\n", "\n\n", "\n", "\n \n", "\n\u3000\n")


def cut(page: str, rng: random.Random) -> str:
    """``page`` with its long lines cut every 30–90 characters as a viewer or a page break cuts them."""
    lines = []
    for line in page.split("\n"):
        if len(line) < 60 or rng.random() < 0.3:
            lines.append(line)
            continue
        parts, at, number = [], 0, rng.choice((1, 2))
        while at < len(line):
            step = rng.randint(30, 90)
            parts.append(line[at : at + step])
            at += step
            if at < len(line):
                parts.append(rng.choice(CUTS).format(n=number))
                number += 1
        lines.append("".join(parts))
    return "\n".join(lines)


# What templating and half-width typing leave in Chinese punctuation: ellipsis runs of every kind
# (some before a digit or a letter, where the rule reads a range or English), half-width marks
# after Chinese characters with a space or a tab or none, a ? after a question word or not, and
# parentheses around Chinese, numbers and letters.
PUNCTUATION = {
    "…": ("。。。", "...", "。。。。。。", "…", "．．．", "… …", "……。。。", "...\t", "。。。 a", "…3", "．．．Z"),
    "。": ("。", "。。。", "...", "…", "..", "?", "...1", "。。。2", "...a"),
    "，": (",", ", ", ",\t", ",  ", "，"),
    "：": (":", ": ", "："),
    "；": (";", "; "),
    "！": ("!", "! ", "!a"),
    "？": ("?", "? ", "吗?"),
    "（": ("(", "(a", "(1", "（"),
    "）": (")", "b)", ")"),
    "、": ("、", "?", ",", "(3)", "(abc)"),
}
_PUNCTUATED = re.compile("[" + "".join(PUNCTUATION) + "]")


def punctuate(page: str, rng: random.Random) -> str:
    """``page`` with a third of its punctuation written as ``PUNCTUATION`` has it (``……`` read as one)."""
    page = page.replace("……", "…")

    def damage(mark: re.Match[str]) -> str:
        return rng.choice(PUNCTUATION[mark.group()]) if rng.random() < 0.34 else mark.group()

    return _PUNCTUATED.sub(damage, page)


# Pinyin ruby as machine conversion and mojibake leave it (the pinyin-ruby rule): a reading after its
# character, toned (字(zì)) or unmarked (們(men)), in ASCII or full-width parentheses, with ɡ for g;
# the character lost to mojibake (?(xiě), \ufffd(xiě)) or the opening parenthesis too (?xiě)); and
# near misses: a reading of another character, a bare ?, eight letters, capitals, a space before
# it, a half-closed pair. A page gets many, or only one or two (the few-ruby pages the rule flags).
_HAN = re.compile(r"[\u4e00-\u9fff]")


def rubify(page: str, rng: random.Random) -> str:
    """``page`` with pinyin ruby after some of its Han characters (``RUBY`` above)."""
    from tests.markup_reference import _dictionary

    readings = _dictionary()
    rate = rng.choice((0.002, 0.02, 0.1)) if rng.random() < 0.7 else 0.0
    few = rng.choice((1, 2, 3)) if rate == 0.0 else 0
    places = [m.start() for m in _HAN.finditer(page)]
    if few:
        chosen = set(rng.sample(places, min(few, len(places))))
    else:
        chosen = {at for at in places if rng.random() < rate}
    parts, last = [], 0
    for at in sorted(chosen):
        character = page[at]
        values = readings.get(ord(character), "").split(",")
        reading = rng.choice(values) if values != [""] else "zì"
        if rng.random() < 0.15:  # a reading of some other character
            reading = rng.choice(readings.get(rng.choice(list(readings)), "a").split(","))
        shape = rng.random()
        if shape < 0.05:
            reading = reading.replace("g", "\u0261")
        elif shape < 0.08:
            reading = reading.upper()
        elif shape < 0.1:
            reading = (reading * 3)[:8]
        opening, closing = rng.choice((("(", ")"), ("(", ")"), ("（", "）"), ("(", "）")))
        annotation = opening + reading + closing
        form = rng.random()
        if form < 0.1:
            character = rng.choice("?\ufffd")  # the character lost
        elif form < 0.16:
            character, annotation = rng.choice("?\ufffd"), reading + closing  # and the parenthesis
        elif form < 0.2:
            annotation = " " + annotation
        elif form < 0.23:
            annotation = annotation[:-1]
        parts += [page[last:at], character, annotation]
        last = at + 1
    parts.append(page[last:])
    return "".join(parts)


# What scraping leaves of HTML (the html rule): entities (named, numeric, hex, the damaged &bsp;,
# too long, unknown, nested &amp;lt;), tags with attributes in every quoting and case, entity-encoded
# tags, fragments (?/p>, /strong>, span> after a letter or not), CRLF residue (x0dx0a, X0D, x0a
# before Han or not), [email protected], and invisible format characters inside and beside them.
MARKUP = (
    "&nbsp;", "&bsp;", "&NBSP;", "&amp;", "&lt;", "&gt;", "&quot;", "&#160;", "&#12288;", "&#x3000;", "&#xA0;",
    "&amp;lt;p&amp;gt;", "&lt;p&gt;", "&lt;/strong&gt;", "&copy;", "&notit;", "&abcdefgh;", "&abcdefghi;", "&#1;",
    "&#0;", "&#128;", "&#55296;", "&#x110000;", "&#1234567;", "&ampx;", "&", "&;", "<br>", "<br/>", "<BR />",
    "<p>", "</p>", "<p class=\"a\">", "<span style='color:red'>", "<div id=x>", "</DIV>", "<strong>",
    "</strong>", "<img src=\"a.png\" />", "<a href=\"http://x.cn/?a=1&b=2\">", "</a>", "<h2>", "</h1>", "<td>",
    "<İmg src=x>", "<ſpan>", "<b x<i>", "<p\n>", "<", ">", "a<b", "1 > 0", "?/p>", "/p>", "p>", "span>",
    "strong>", "xp>", "/em>a", "div>", "x0dx0a", "X0D", "x0a", "x0A", "[email protected]",
    "[email&#160;protected]", "[email\u00a0protected]", "[email  protected]", "\u200b", "\u200e", "\ufeff", "\n",
)  # fmt: skip


def markup(page: str, rng: random.Random) -> str:
    """``page`` with HTML debris (``MARKUP``) planted after some of its characters, in runs or alone."""
    rate = rng.choice((0.0005, 0.005, 0.03))
    parts, last = [], 0
    for at in range(len(page)):
        if rng.random() < rate:
            parts += [page[last:at], "".join(rng.choice(MARKUP) for _ in range(rng.choice((1, 1, 2, 3, 6))))]
            last = at
    parts.append(page[last:])
    return "".join(parts)


def html_findings(text: str) -> tuple[list[str], dict[str, int]]:
    """The html rule, core scan and reference, on ``text``: its clusters and its fixes."""
    from tests import markup_reference

    differing = []
    clusters = _core.markup_clusters(text)
    if clusters != markup_reference.clusters(text):
        differing.append("markup_clusters")
    fixes = markup_reference.core_html_fixes(text)
    if fixes != markup_reference.html_fixes(text):
        differing.append("fix_html")
    return differing, {"html clusters": len(clusters), "html fixes": len(fixes)}


def ruby_findings(text: str) -> tuple[list[str], dict[str, int]]:
    """The pinyin-ruby rule, core and reference, on ``text`` as the pipeline runs it: with the page's
    count and without, on a simplified and a traditional page; and ruby_spans, count_ruby."""
    from cutter.rules import markup
    from tests import markup_reference

    differing, found = [], {"pinyin-ruby fixes": 0, "pinyin-ruby flags": 0, "ruby spans": 0}
    spans = markup.ruby_spans(text)
    if spans != markup_reference.ruby_spans(text):
        differing.append("ruby_spans")
    if markup.count_ruby(text) != markup_reference.count_ruby(text):
        differing.append("count_ruby")
    found["ruby spans"] += len(spans[0]) + len(spans[1])
    for page in (None, len(spans[0])):
        for script in ("simplified", "traditional"):
            core = markup._ruby().findings(text, page, script == "traditional")
            if core != markup_reference.pinyin_ruby(text, page, script):
                differing.append(f"pinyin_ruby({page}, {script})")
            for _, _, message in core:
                found[f"pinyin-ruby {'fixes' if message is None else 'flags'}"] += 1
    return differing, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=float, default=50)
    parser.add_argument("--seed", type=int, default=13)
    options = parser.parse_args()
    started = time.perf_counter()
    texts = [text for _, text in reference.sample_texts()]
    pages = compared = 0
    found = {"page-break fixes": 0, "page-break flags": 0, "chunk-marker fixes": 0, "chunk-marker flags": 0}
    found |= {"ellipsis fixes": 0, "fullwidth fixes": 0}
    found |= {"pinyin-ruby fixes": 0, "pinyin-ruby flags": 0, "ruby spans": 0, "html clusters": 0, "html fixes": 0}
    failures: list[str] = []
    rng = random.Random(options.seed)
    generated = core_corpus.pages(options.megabytes / 2, options.seed)
    # each generated page as it is and cut: half the megabytes each
    inputs = [*texts, *(variant for page in generated for variant in (page, cut(page, rng)))]
    # half of them with their punctuation damaged
    inputs = [punctuate(text, rng) if rng.random() < 0.5 else text for text in inputs]
    # most of them with pinyin ruby planted
    inputs = [rubify(text, rng) for text in inputs]
    # and most with HTML debris
    inputs = [markup(text, rng) if rng.random() < 0.7 else text for text in inputs]
    for number, text in enumerate(inputs):
        data = text.encode("utf-8", "surrogatepass")
        differing = reference.differences(text)
        if _core.control_bytes(data) != reference.control_bytes(data):
            differing.append("control_bytes")
        for markup_differing, markup_found in (ruby_findings(text), html_findings(text)):
            differing += markup_differing
            for name, count in markup_found.items():
                found[name] += count
        if differing:
            failures.append(f"page {number}: {', '.join(differing)}")
        for rule, findings in (("page-break", _core.page_breaks(text)), ("chunk-marker", _core.chunk_markers(text))):
            for _, _, message in findings:
                found[f"{rule} {'fixes' if message is None else 'flags'}"] += 1
        found["ellipsis fixes"] += len(_core.ellipsis(text))
        found["fullwidth fixes"] += len(_core.fullwidth(text))
        pages += 1
        compared += len(data)
    print(f"{pages} pages, {compared / 1e6:.1f} MB compared in {time.perf_counter() - started:.0f} s: "
          f"{len(failures)} differ")  # fmt: skip
    print("findings compared: " + ", ".join(f"{count:,} {name}" for name, count in found.items()))
    for failure in failures[:20]:
        print(failure)
    failures += header_candidates(options.megabytes / 5, options.seed)
    return 1 if failures else 0


def header_candidates(megabytes: float, seed: int) -> list[str]:
    """The header candidates (tests/split_reference.py) over pages of header-heavy lines and
    header-like prose (tests/test_core_headers.py header_pages), on top of the pages above, which
    every comparison (TEXT_PAIRS) already read."""
    from tests import split_reference
    from tests.test_core_headers import header_pages

    started = time.perf_counter()
    failures, compared, found = [], 0, 0
    for number, page in enumerate(header_pages(megabytes, seed)):
        reference_candidates = split_reference.header_candidate_list(page)
        if split_reference.core_header_candidate_list(page) != reference_candidates:
            failures.append(f"header page {number}: the candidates differ")
        compared += len(page.encode("utf-8", "surrogatepass"))
        found += len(reference_candidates)
    print(f"header candidates: {compared / 1e6:.1f} MB of header-heavy pages, {found:,} candidates compared in "
          f"{time.perf_counter() - started:.0f} s: {len(failures)} pages differ")  # fmt: skip
    for failure in failures[:20]:
        print(failure)
    return failures


if __name__ == "__main__":
    sys.exit(main())
