"""File importers for published indicator data. See base.py for how an import runs."""

from .base import Importer, ImportOutcome, import_file
from .dfe import DfeImporter
from .fingertips import FingertipsImporter

IMPORTERS: dict[str, type[Importer]] = {"dfe": DfeImporter, "fingertips": FingertipsImporter}


def importer_for(format: str, spec: dict) -> Importer:
    try:
        return IMPORTERS[format](spec)
    except KeyError:
        raise ValueError(f"'{format}' is not a file format Jointly imports; use one of {', '.join(IMPORTERS)}.") from None


__all__ = ["IMPORTERS", "DfeImporter", "FingertipsImporter", "ImportOutcome", "Importer", "import_file", "importer_for"]
