"""The GLOTIP workbook's vocabulary: its columns, and the slugs its labels become.

Read by :mod:`dashboard.pipeline.glotip` (workbook → tidy tables) and its helpers.
"""

from __future__ import annotations

SOURCE = "unodc-glotip"

COLUMNS = [
    "Iso3_code",
    "Country",
    "Region",
    "Subregion",
    "Indicator",
    "Dimension",
    "Category",
    "Sex",
    "Age",
    "Year",
    "Unit of measurement",
    "txtVALUE",
    "Source",
]

INDICATOR_SLUGS = {
    "Detected trafficking victims": "detected-victims",
    "Persons prosecuted": "persons-prosecuted",
    "Persons convicted": "persons-convicted",
    "Persons brought into formal contact": "persons-formal-contact",
    "Offences of trafficking in persons": "offences",
}
EXPLOITATION_SLUGS = {
    "Sexual exploitation": "sexual-exploitation",
    "Forced labour": "forced-labour",
    "Other forms of exploitation": "other",
}
SEX_SLUGS = {"Total": "total", "Female": "female", "Male": "male", "Other": "other"}
SEX_SLUGS["Unknown"] = "unknown"
AGE_SLUGS = {
    "Total": "total",
    "18 years or over": "adult",
    "0 to 17 years": "child",
    "Unknown": "unknown",
}

DIM_TOTAL = "Total"
DIM_EXPLOITATION = "by form of exploitation"
DIM_CITIZENSHIP = "by citizenship"
DIM_REPATRIATION = "by country of repatriation"
VICTIMS = "Detected trafficking victims"
CONVICTED = "Persons convicted"

EMPTY_LABEL = "(empty)"
