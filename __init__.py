"""clausewatch: watch AI providers' legal documents for material changes in data use."""

__version__ = "0.1.0"
