"""Codes that stand in for a number in published statistics.

These follow the symbols DfE uses in its statistics releases (see
cla_data_guidance.txt, "Rounding and suppression") and the Government
Statistical Service's symbols. A cell holding one of them becomes an
observation with no value and the code kept, never an error and never a zero.
Add a code here, with its meaning, when a publisher starts using a new one.
"""

SUPPRESSION_CODES: dict[str, str] = {
    "c": "Suppressed to protect confidentiality",
    "k": "Rounds to zero, but is not zero",
    "low": "Rounds to zero, but is not zero",
    "~": "Rounds to zero, but is not zero",
    "u": "Low reliability",
    "x": "Not available",
    "z": "Not applicable",
    ":": "Not available",
    "..": "Not available",
}


def suppression_code(text: str) -> str | None:
    """The code in canonical form if `text` is one, else None."""
    code = text.strip().lower()
    return code if code in SUPPRESSION_CODES else None


def describe(code: str) -> str:
    return SUPPRESSION_CODES.get(code, "No value given")
