"""cutter on Ray Data: the core function mapped over a Ray ``Dataset`` with ``map_batches``.

Needs the extra: ``pip install 'cutter[ray]'``. The core install never imports this module.

>>> import ray                                          # doctest: +SKIP
>>> from cutter.engines.ray import clean_dataset        # doctest: +SKIP
>>> pieces = clean_dataset(ray.data.read_json("dump.jsonl"), field="text")  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ray

from ..batch import Outcome, Source, Task, discover, run_task
from ..config import Config
from ..core import ERROR, columns, process_batch

BATCH_SIZE = 16


class Clean:
    """The batch function for ``map_batches``: raw documents in, piece rows out.

    A plain picklable object holding only the Config; every worker builds its own OpenCC
    converter the first time it converts.
    """

    def __init__(self, config: Config | None = None, field: str = "text") -> None:
        self.config, self.field = config or Config(format="jsonl"), field

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        if "path" in batch and "source" not in batch:
            batch = {**batch, "source": batch["path"]}
            batch.pop("path")
        return process_batch(batch, self.config, self.field)


class ReadAndClean:
    """For file sources: read and decode each file in the worker, as the local engine does."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        rows: list[dict[str, Any]] = []
        for label, path in zip(batch["source"], batch["path"]):
            source = Source(str(label), Path(str(path)), Path(str(path)).stem, os.path.getsize(str(path)))
            for outcome in run_task(Task(source), self.config, keep_result=True):
                rows.extend(_rows(outcome, self.config))
        return columns(rows)


def _rows(outcome: Outcome, config: Config) -> list[dict[str, Any]]:
    if outcome.error is not None or outcome.result is None:
        return [{"source": outcome.label, ERROR: outcome.error}]
    return [{**record, ERROR: None} for record in outcome.result.records(edits=config.edits)]


def clean_dataset(dataset: ray.data.Dataset, config: Config | None = None, field: str = "text") -> ray.data.Dataset:
    """A Dataset of raw documents (a ``field`` column, and ``source``, ``id`` or ``path``)
    → a Dataset of piece rows with the fields of the JSONL record."""
    return dataset.map_batches(Clean(config, field), batch_format="numpy", batch_size=BATCH_SIZE)


@dataclass
class RayRun:
    documents_ok: int
    errors: list[tuple[str, str]]
    pieces: int


def split_to_folder(
    paths: list[str],
    output: Path,
    config: Config,
    pattern: str = "*.txt",
    dataset: bool = False,
    field: str = "text",
    address: str | None = None,
) -> RayRun:
    """``cutter split PATH... -o OUTPUT --engine ray``: JSONL part files in OUTPUT.

    Without an address (and without RAY_ADDRESS) a local Ray instance is started.
    """
    ray.data.DataContext.get_current().enable_progress_bars = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    if not ray.is_initialized():
        ray.init(address=address or os.environ.get("RAY_ADDRESS") or None, include_dashboard=False,
                 log_to_driver=False, logging_level="ERROR")  # fmt: skip
    items = list(discover(paths, pattern, dataset, exclude=output))
    errors = [(item.label, item.error or "") for item in items if isinstance(item, Outcome)]
    files = [s for s in items if isinstance(s, Source) and not s.dataset]
    dumps = [s for s in items if isinstance(s, Source) and s.dataset]
    parts = []
    if files:
        listed = ray.data.from_items([{"source": s.label, "path": str(s.path)} for s in files])
        parts.append(listed.map_batches(ReadAndClean(config), batch_format="numpy", batch_size=BATCH_SIZE))
    for dump in dumps:
        rows = ray.data.read_json(str(dump.path), include_paths=True)
        parts.append(clean_dataset(rows, config, field).map_batches(_no_errors, batch_format="pandas"))
    if not parts:
        return RayRun(0, errors, 0)
    pieces = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
    pieces = pieces.materialize()
    with warnings.catch_warnings():  # Ray prefers expression filters; a row function is clearer here
        warnings.simplefilter("ignore", UserWarning)
        failed = pieces.filter(lambda row: row.get(ERROR) is not None).take_all()
        good = pieces.filter(lambda row: row.get(ERROR) is None).drop_columns([ERROR])
    errors += [(row["source"], row[ERROR]) for row in failed]
    output.mkdir(parents=True, exist_ok=True)
    good.write_json(str(output), force_ascii=False)
    documents = len({row["source"] for row in good.select_columns(["source"]).take_all()})
    return RayRun(documents, errors, good.count())


def _no_errors(frame: Any) -> Any:
    frame[ERROR] = None
    return frame
