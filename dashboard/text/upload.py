"""The upload page's sentences: the template, the check's report, the workspace and its datasets.

The reasons of a check's problems are the exchange's own messages
(:mod:`dashboard.exchange.problems`); these are the page's words around them.
"""

from __future__ import annotations

from dashboard.text.core import N_, NN_

INTRO = N_(
    "Upload your own counts of detected victims (CSV or Excel) to explore them in the views "
    "beside the public data. They are kept in a private workspace on this server for "
    "{days} days, seen only from this browser, and every number shown or downloaded from them "
    "has small counts suppressed."
)
TEMPLATE = N_("Template")
TEMPLATE_CSV = N_("Download the template (CSV)")
TEMPLATE_XLSX = N_("Download the template with its data dictionary (Excel)")
DROP = N_("Drag a CSV or Excel file here, or click to choose one (at most {size} MB)")
UPLOAD_HEADING = N_("Upload a file")
TARGET = N_("Store the file as")
NEW_DATASET = N_("A new dataset")
REPLACE = N_("Replacing “{title}”")
KEEP_VALID = N_("Keep only the valid rows")
STORED = N_("“{title}” was stored: {cells} counts. Open it in the views below.")
STORED_VALID = NN_(
    "“{title}” was stored with its valid rows only: {n} row was left out.",
    "“{title}” was stored with its valid rows only: {n} rows were left out.",
)
REPLACED = N_("“{title}” was replaced by {filename}: {cells} counts.")
#: The store's own sentence (dashboard.exchange.store), for a replacement with no workspace.
NO_SUCH_DATASET = N_("There is no dataset “{dataset}” in your workspace.")
NOTHING_STORED = N_("Nothing was stored: your workspace is as it was.")
NOT_BASE64 = N_("The file could not be received (it arrived damaged): upload it again.")
TOO_LARGE = N_(
    "The file is too large: at most {size} MB can be uploaded. Split it into several files."
)
REPORT = N_("Problems found")
REPORT_MORE = NN_(
    "{n} more problem is not listed: correct these first.",
    "{n} more problems are not listed: correct these first.",
)
PREVIEW = N_("Preview: the first counts as they will be published (small counts suppressed)")
ROW = N_("Row")
COLUMN = N_("Column")
VALUE = N_("Value")
REASON = N_("Problem")
COUNT = N_("Count")
WORKSPACE = N_("Your workspace")
NO_WORKSPACE = N_("You have no workspace yet: it is created with your first upload.")
NO_DATASETS = N_("Your workspace holds no dataset.")
TITLE = N_("Title")
FILE = N_("File")
YEARS = N_("Years")
COUNTS = N_("Counts")
STORED_ON = N_("Stored")
OPEN = N_("Open")
OPEN_FLOWS = N_("Flows")
OPEN_MAP = N_("Map")
OPEN_COUNTRY = N_("Country")
CHOOSE = N_("Dataset")
NEW_TITLE = N_("New title")
RENAME = N_("Rename")
DELETE = N_("Delete (every count of it)")
RENAMED = N_("The dataset is now called “{title}”.")
DELETED = N_("“{title}” and every one of its counts were deleted.")
CHOOSE_FIRST = N_("Choose a dataset first.")
THRESHOLD = N_("Smallest count published (k)")
SET_THRESHOLD = N_("Set")
THRESHOLD_SET = N_(
    "Counts below {k} are now published as intervals in every view and download of this workspace."
)
# The header's dataset chooser.
CHOOSER = N_("Data")
PUBLIC = N_("Public data (UNODC and other sources)")
#: The chooser's switch: the public data's view beside the uploaded dataset's, or not.
BESIDE_SWITCH = N_("Beside the public data")
BESIDE_INTRO = N_(
    "The same view of the public data, for the same countries and years, beside yours: their "
    "figures are shown, never added to your dataset’s."
)
UPLOADED_NOTE = N_(
    "You are viewing your uploaded dataset “{title}” (private to your workspace; counts below "
    "{k} are shown as intervals)."
)
NO_BREAKDOWN = N_(
    "These flows have no breakdown by sex, age or form of exploitation (UNODC publishes "
    "citizenship flows as totals): the filters apply to uploaded data only."
)
SEX = N_("Sex")
AGE = N_("Age")
FORM = N_("Form of exploitation")
ALL_SEXES = N_("All (any sex)")
ALL_AGES = N_("All ages")
BESIDE = N_("Your figures beside UNODC’s: “{title}”")
BESIDE_SUMMARY = N_(
    "Detected victims by reporting country and year: {differ} of {total} differ from UNODC’s "
    "(their ranges do not overlap); UNODC has no figure for {missing}."
)
YOURS = N_("Your count")
UNODC = N_("UNODC")
DIFFERS = N_("Differs")
YES = N_("Yes")
NO = N_("No")
NO_FIGURE = N_("No UNODC figure")
COUNTRY = N_("Country")
