"""nonref: a logic-programming reasoner for the international law of non-refoulement."""

__version__ = "0.1.0"  # pyproject.toml's, checked by a test: reading package metadata slows every command

from .analysis import Analysis, RemovalResult, analyse  # noqa: E402
from .errors import CaseError, UsageError  # noqa: E402
from .loader import load, loads  # noqa: E402

__all__ = ["Analysis", "CaseError", "RemovalResult", "UsageError", "analyse", "load", "loads", "__version__"]
