"""Errors an editor sees: one line, naming the file and what is wrong, in Vietnamese."""

from __future__ import annotations

from pathlib import Path


class SourceError(Exception):
    """A source file that cannot be imported as it is.

    The message is for editors (Vietnamese); the importer prints it as
    ``<file>: <message>`` and exits non-zero without touching ``docs/``.
    """

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = Path(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")


class TextLossError(SourceError):
    """The produced Markdown does not carry every word of the source."""
