"""Every sentence a user reads, in the request's language.

- :mod:`~dashboard.text.languages`: the languages, their directions, how one is chosen;
- :mod:`~dashboard.text.catalogue`: gettext catalogues (``dashboard/locale``), the
  pseudo-language;
- :mod:`~dashboard.text.formats`: numbers, percentages, ranges, spans and lists (Babel, CLDR);
- :mod:`~dashboard.text.dates`: dates to their source's precision ("March 2009", never a day
  the source does not give);
- :mod:`~dashboard.text.core`: :class:`Text`, one language's messages and formats, and
  :func:`N_`, which marks constants for extraction;
- the other modules: the sentences of each view, whole, with named fields.

The request's language is :func:`dashboard.web.address.current_language`.
"""

from dashboard.text.core import ENGLISH, N_, NN_, NP_, Message, Text, text_for
from dashboard.text.languages import DEFAULT_LANGUAGE, LANGUAGES, PSEUDO, direction

__all__ = [
    "DEFAULT_LANGUAGE",
    "ENGLISH",
    "LANGUAGES",
    "NN_",
    "NP_",
    "N_",
    "PSEUDO",
    "Message",
    "Text",
    "direction",
    "text_for",
]
