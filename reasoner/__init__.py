"""nonref: a logic-programming reasoner for the international law of non-refoulement."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("nonref")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0+unknown"

from .analysis import Analysis, RemovalResult, analyse  # noqa: E402
from .errors import CaseError, UsageError  # noqa: E402
from .loader import load, loads  # noqa: E402

__all__ = ["Analysis", "CaseError", "RemovalResult", "UsageError", "analyse", "load", "loads", "__version__"]
