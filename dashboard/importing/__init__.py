"""Import that loses nothing: partner lists, mobility flows and reference files, every row accounted for.

Each loader returns its frame with the data model's columns and a FileReport in which every input row is
either loaded or rejected with file, line, column and a reason; whole-file problems go to FileReport.fail
and give an empty frame, never an exception.
"""

from dashboard.importing.agreements import load_agreements
from dashboard.importing.institution import load_institution
from dashboard.importing.mobility import load_mobility
from dashboard.importing.partners import load_partners, read_partner_rows
from dashboard.importing.reference import load_campuses, load_key_figures

__all__ = [
    "load_agreements",
    "load_campuses",
    "load_institution",
    "load_key_figures",
    "load_mobility",
    "load_partners",
    "read_partner_rows",
]
