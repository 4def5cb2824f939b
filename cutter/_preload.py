"""Imported once by the fork server that cutter's worker processes are forked from (cutter.pool):
the pipeline is imported and its patterns, tables and converters are built there once, so that each
worker starts as a fork of a warm process instead of a new interpreter that builds them again."""

from __future__ import annotations

from .config import Config
from .core import process
from .model import Document
from .pool import WARM_UP

try:
    process(Document("warm-up", WARM_UP), Config())
except Exception:  # noqa: BLE001 - each worker warms up again, and reports what fails
    pass
