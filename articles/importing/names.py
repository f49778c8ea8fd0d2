"""Cleaning credited names: ranks, honorifics and degrees are never part of a name."""

from __future__ import annotations

import re

# Police and military ranks, civil honorifics and academic prefixes seen before names.
_PREFIXES = {
    "akbp",
    "akp",
    "kompol",
    "kombes",
    "kombespol",
    "iptu",
    "ipda",
    "aiptu",
    "aipda",
    "bripka",
    "brigpol",
    "briptu",
    "bripda",
    "bharada",
    "bharatu",
    "bharaka",
    "brigadir",
    "irjen",
    "brigjen",
    "komjen",
    "jenderal",
    "jend",
    "pol",
    "polri",
    "letda",
    "lettu",
    "kapten",
    "mayor",
    "letkol",
    "kolonel",
    "kol",
    "serda",
    "sertu",
    "serka",
    "serma",
    "pelda",
    "peltu",
    "kopda",
    "koptu",
    "praka",
    "pratu",
    "prada",
    "drs",
    "dra",
    "dr",
    "ir",
    "prof",
    "h",
    "hj",
    "kh",
    "ny",
    "nn",
    "tn",
    "sdr",
    "sdri",
    "bpk",
    "bapak",
    "ibu",
    "pdt",
    "romo",
    "rm",
    "ustadz",
    "ust",
}
# Degrees: short capitalised abbreviations, dotted or not (S.H., M.Hum., S. I. K., SIK, MH).
_DEGREE = re.compile(r"^(?:[A-Z][A-Za-z]{0,3}\.?\s?){1,4}$")
_KNOWN_DEGREE_WORDS = {
    "sh",
    "sik",
    "mh",
    "msi",
    "se",
    "mm",
    "st",
    "mt",
    "spd",
    "mpd",
    "ssos",
    "mhum",
    "lc",
    "ma",
    "mba",
    "skom",
    "sip",
    "map",
    "ssi",
    "mkes",
    "skm",
    "ak",
    "cpa",
}
_TOKEN = re.compile(r"\S+")
_WHITESPACE = re.compile(r"\s+")


def clean_name(raw: str | None) -> str | None:
    """A credited name without ranks, honorifics, degrees or stray punctuation."""
    if not raw:
        return None
    text = _WHITESPACE.sub(" ", raw).strip(" \t*•·:;,.-–—|()[]\"'“”")
    if not text:
        return None
    head, *tail = [part.strip() for part in text.split(",")]
    kept_tail = [part for part in tail if part and not is_degree(part)]
    words = head.split(" ")
    while len(words) > 1 and _is_prefix(words[0]):
        words.pop(0)
    while len(words) > 1 and _is_degree_word(words[-1]):
        words.pop()
    name = " ".join([" ".join(words), *kept_tail]).strip(" .,")
    return name or None


def _is_prefix(word: str) -> bool:
    return word.lower().rstrip(".") in _PREFIXES


def _is_degree_word(word: str) -> bool:
    return word.replace(".", "").lower() in _KNOWN_DEGREE_WORDS and (
        "." in word or word.isupper()
    )


def is_degree(part: str) -> bool:
    """True for an academic degree such as `S.H.`, `M.Hum.` or `S. I. K.`."""
    compact = part.replace(" ", "")
    return bool(_DEGREE.match(part)) and (
        "." in part or compact.isupper() or compact.lower() in _KNOWN_DEGREE_WORDS
    )
