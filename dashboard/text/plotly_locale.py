"""plotly.js's own words in the request's language: modebar buttons, its notices, the hover
labels it writes itself, and the names of months and days (``dcc.Graph(config=…)``).

plotly.js reads them from its graph config (``locale`` and ``locales``), so nothing is fetched:
no locale script from a CDN. French: plotly.js's own ``fr`` locale (plotly.js 4.1.1,
``lib/locales/fr.js``, MIT licence, copyright Plotly, Inc.), copied below. Its ``ar`` locale
has no words at all (an empty dictionary, and Levantine month names with آذار twice), so the
words plotly.js can show in the dashboard's charts are catalogue messages (:data:`MESSAGES`),
translated like every other message, and month and day names come from CLDR (Babel) for
Arabic. A translation in the catalogue wins over plotly.js's French.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

from dashboard.text.core import N_, Text, text_for
from dashboard.text.formats import plotly_separators
from dashboard.text.languages import DEFAULT_LANGUAGE, PSEUDO

#: The words plotly.js writes in the dashboard's charts (cartesian, map and Sankey traces;
#: the buttons it offers them; its notices and hover labels), as plotly.js writes them in
#: English: they are its dictionary's keys.
MESSAGES = (
    N_("Autoscale"),
    N_("Box Select"),
    N_("Compare data on hover"),
    N_("Double-click on legend to isolate one trace"),
    N_("Double-click to zoom back out"),
    N_("Download plot"),
    N_("Download plot as a PNG"),
    N_("Image download succeeded"),
    N_("Lasso Select"),
    N_("Pan"),
    N_("Preparing image - this may take a few seconds"),
    N_("Reset"),
    N_("Reset axes"),
    N_("Reset view"),
    N_("Reset views"),
    N_("Show closest data on hover"),
    N_("Sorry, there was a problem downloading your image!"),
    N_("Toggle Spike Lines"),
    N_("Toggle show closest data on hover"),
    N_("Zoom"),
    N_("Zoom in"),
    N_("Zoom out"),
    N_("incoming flow count:"),
    N_("lat:"),
    N_("lon:"),
    N_("new text"),
    N_("outgoing flow count:"),
    N_("source:"),
    N_("target:"),
    N_("trace"),
)

#: plotly.js 4.1.1 ``lib/locales/fr.js`` (MIT, copyright Plotly, Inc.), as published.
PLOTLY_FR = {
    "dictionary": {
        "Autoscale": "Échelle automatique",
        "Box Select": "Sélection rectangulaire",
        "Click to enter Colorscale title": "Ajouter un titre à l'échelle de couleurs",
        "Click to enter Component A title": "Ajouter un titre à la composante A",
        "Click to enter Component B title": "Ajouter un titre à la composante B",
        "Click to enter Component C title": "Ajouter un titre à la composante C",
        "Click to enter Plot title": "Ajouter un titre au graphique",
        "Click to enter Plot subtitle": "Ajouter un sous-titre au graphique",
        "Click to enter X axis title": "Ajouter un titre à l'axe des x",
        "Click to enter Y axis title": "Ajouter un titre à l'axe des y",
        "Click to enter radial axis title": "Ajouter un titre à l'axe radial",
        "Compare data on hover": "Comparaison entre données en survol",
        "Double-click on legend to isolate one trace": (
            "Double-cliquer sur la légende pour isoler une série"
        ),
        "Double-click to zoom back out": "Double-cliquer pour dézoomer",
        "Download plot as a PNG": "Télécharger le graphique en fichier PNG",
        "Download plot": "Télécharger le graphique",
        "Edit in Chart Studio": "Éditer le graphique sur Chart Studio",
        "IE only supports svg.  Changing format to svg.": (
            "IE ne permet que les conversions en SVG. Conversion en SVG en cours."
        ),
        "Lasso Select": "Sélection lasso",
        "Orbital rotation": "Rotation orbitale",
        "Pan": "Translation",
        "Produced with Plotly.js": "Généré avec Plotly.js",
        "Reset": "Réinitialiser",
        "Reset axes": "Réinitialiser les axes",
        "Reset camera to default": "Régler la caméra à sa valeur défaut",
        "Reset camera to last save": "Régler la caméra à sa valeur sauvegardée",
        "Reset view": "Réinitialiser",
        "Reset views": "Réinitialiser",
        "Show closest data on hover": "Données les plus proches en survol",
        "Image download succeeded": "Téléchargement du graphique réussi",
        "Sorry, there was a problem downloading your image!": (
            "Désolé, un problème est survenu lors du téléchargement de votre graphique"
        ),
        "Preparing image - this may take a few seconds": (
            "Conversion en cours, ceci peut prendre quelques secondes"
        ),
        "Zoom": "Zoom",
        "Zoom in": "Zoom intérieur",
        "Zoom out": "Zoom extérieur",
        "close:": "fermeture :",
        "trace": "série",
        "lat:": "lat. :",
        "lon:": "lon. :",
        "q1:": "q1 :",
        "q3:": "q3 :",
        "source:": "source :",
        "target:": "embouchure :",
        "lower fence:": "clôture inférieure :",
        "upper fence:": "clôture supérieure :",
        "max:": "max. :",
        "mean ± σ:": "moyenne ± σ :",
        "mean:": "moyenne :",
        "median:": "médiane :",
        "min:": "min. :",
        "new text": "nouveau texte",
        "Turntable rotation": "Rotation planaire",
        "Toggle Spike Lines": "Activer/désactiver les pics",
        "open:": "ouverture :",
        "high:": "haut :",
        "low:": "bas :",
        "Toggle show closest data on hover": "Activer/désactiver le survol",
        "incoming flow count:": "flux entrant :",
        "outgoing flow count:": "flux sortant :",
        "kde:": "est. par noyau :",
    },
    "format": {
        "days": ["Dimanche", "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi"],
        "shortDays": ["Dim", "Lun", "Mar", "Mer", "Jeu", "Ven", "Sam"],
        "months": [
            "Janvier", "Février", "Mars", "Avril", "Mai", "Juin",
            "Juillet", "Août", "Septembre", "Octobre", "Novembre", "Décembre",
        ],
        "shortMonths": [
            "Jan", "Fév", "Mar", "Avr", "Mai", "Jun", "Jul", "Aoû", "Sep", "Oct", "Nov", "Déc",
        ],
        "date": "%d/%m/%Y",
        "year": "%Y",
        "month": "%b %Y",
        "dayMonth": "%-d %b",
        "dayMonthYear": "%-d %b %Y",
    },
}  # fmt: skip
#: Published plotly.js locales the dashboard uses as they are.
PUBLISHED = {"fr": PLOTLY_FR}


def _cldr_format(lang: str) -> dict:
    """Month and day names from CLDR (plotly.js wants Sunday first; Babel starts on Monday)."""
    locale = Locale.parse(lang)
    days, short_days = locale.days["format"]["wide"], locale.days["format"]["abbreviated"]
    months = locale.months["format"]
    return {
        "days": [days[(i + 6) % 7] for i in range(7)],
        "shortDays": [short_days[(i + 6) % 7] for i in range(7)],
        "months": [months["wide"][i] for i in range(1, 13)],
        "shortMonths": [months["abbreviated"][i] for i in range(1, 13)],
        "date": "%d/%m/%Y",
    }


@cache
def _locale(lang: str) -> dict:
    text = text_for(lang)
    published = PUBLISHED.get(lang, {})
    translated = {
        message: shown for message in MESSAGES if (shown := text.gettext(message)) != message
    }
    if lang in PUBLISHED:
        format_ = dict(published["format"])
    elif lang == PSEUDO:
        format_ = {}
    else:
        format_ = _cldr_format(lang)
    separators = plotly_separators(lang)
    format_.update(decimal=separators[0], thousands=separators[1])
    return {"dictionary": {**published.get("dictionary", {}), **translated}, "format": format_}


def config(text: Text) -> dict:
    """The ``locale`` and ``locales`` of a graph's config in ``text``'s language (nothing for
    English, plotly.js's own).

    Examples
    --------
    >>> config(text_for("en"))
    {}
    >>> french = config(text_for("fr"))
    >>> french["locale"], french["locales"]["fr"]["dictionary"]["Reset axes"]
    ('fr', 'Réinitialiser les axes')
    >>> config(text_for("ar"))["locales"]["ar"]["format"]["months"][0]
    'يناير'
    """
    if text.lang == DEFAULT_LANGUAGE:
        return {}
    return {"locale": text.lang, "locales": {text.lang: _locale(text.lang)}}
