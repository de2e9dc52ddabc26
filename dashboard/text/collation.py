"""Sorting names as each language sorts them: a light, pure-Python collation key.

Python sorts strings by code point, which puts "Égypte" after "Zambie" and "الأردن" (Jordan) among
the names that start with the article. ICU would do it properly, but PyICU is not installed and
``locale.strxfrm`` needs system locales a fresh machine lacks, so :func:`sort_key` does the
little a list of country names needs:

- French: accents, case and the ligatures œ/æ are ignored (``Égypte`` sorts with E, ``Œ`` as
  OE), hyphens and apostrophes count as spaces; then the name itself breaks ties.
- Arabic: the definite article ال at the start of the name is ignored, as the UN's Arabic lists
  of States do (الاتحاد الروسي, إثيوبيا, أذربيجان, الأرجنتين, الأردن, أرمينيا …); the forms of
  alif (أ إ آ ٱ) count as ا, ى and ئ as ي, ؤ as و, ة as ه; short vowels, shadda and tatweel
  are ignored. Arabic letters then follow Unicode's order, which is the alphabetical (hijāʾī)
  order ا ب ت ث ج ح خ د ذ ر ز س ش ص ض ط ظ ع غ ف ق ك ل م ن ه و ي.
- English and anything else: the name as it is (the order the dashboard always had).

Limits: this is not the Unicode Collation Algorithm. Only the name's first article is dropped
(so "جمهورية الكونغو الديمقراطية" sorts under ج and "المملكة المتحدة" under م, as in the UN's
lists); French's secondary rule (accents compared from the end of the word) is approximated by the
tie-break on the name; Latin letters in an Arabic list sort before Arabic ones; ligatures other
than œ/æ, and letters outside French and Arabic, fall back to code point order.
"""

from __future__ import annotations

import re
import unicodedata

#: Arabic letters that sort as another (forms of alif, hamza carriers, ta marbuta, alif maqsura).
_ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ئ": "ي", "ؤ": "و", "ة": "ه"}
)
#: Short vowels, tanwin, shadda, sukun, dagger alif and tatweel: ignored when sorting.
_ARABIC_IGNORED = re.compile("[\u064b-\u065f\u0670\u0640]")
_ARTICLE = re.compile(r"^ال(?=\S{2})")


def _french(name: str) -> str:
    decomposed = unicodedata.normalize("NFD", name.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = bare.replace("œ", "oe").replace("æ", "ae")
    return " ".join(re.sub(r"[-'’]", " ", bare).split())


def _arabic(name: str) -> str:
    bare = _ARABIC_IGNORED.sub("", unicodedata.normalize("NFC", name)).strip()
    return _ARTICLE.sub("", bare).translate(_ARABIC_FOLD)


def sort_key(name: str, lang: str) -> str:
    """A key that sorts ``name`` among others as ``lang`` does (see the module's docstring).

    Examples
    --------
    >>> sorted(["Zambie", "Égypte", "Érythrée", "Espagne"], key=lambda n: sort_key(n, "fr"))
    ['Égypte', 'Érythrée', 'Espagne', 'Zambie']
    >>> names = ["المغرب", "تونس", "الأردن", "إثيوبيا", "مصر", "الجزائر"]
    >>> sorted(names, key=lambda n: sort_key(n, "ar"))
    ['إثيوبيا', 'الأردن', 'تونس', 'الجزائر', 'مصر', 'المغرب']
    """
    if lang == "fr":
        return f"{_french(name)}\x00{name}"
    if lang == "ar":
        return f"{_arabic(name)}\x00{name}"
    return name
