"""The same pipeline on Ray Data (issue 5). Needs the ray extra; run with ``pytest -m ray``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cutter.cli import main

from .conftest import SAMPLES

pytestmark = pytest.mark.ray
ray = pytest.importorskip("ray")


def _key(record: dict) -> tuple[str, int]:
    return record["source"], record["index"]


def _canonical(records: list[dict]) -> list[str]:
    return [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in sorted(records, key=_key)]


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    yield
    ray.shutdown()


def test_ray_gives_the_records_of_the_local_batch(tmp_path: Path, local_ray: None) -> None:
    corpus = tmp_path / "samples"
    shutil.copytree(SAMPLES, corpus)
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 4)
    local = CliRunner().invoke(main, ["split", str(corpus), "--format", "jsonl", "-q", "-j", "1"])
    on_ray = CliRunner().invoke(main, ["split", str(corpus), "-o", str(tmp_path / "out"), "--format", "jsonl",
                                       "--engine", "ray"])  # fmt: skip
    assert local.exit_code == on_ray.exit_code == 1  # the binary file fails alone in both
    assert f"cutter: error: {corpus / 'binary.txt'}: binary file" in on_ray.stderr
    ray_records = [json.loads(line) for part in (tmp_path / "out").glob("*.json") for line in part.open(encoding="utf-8")]
    local_records = [json.loads(line) for line in local.stdout.splitlines()]
    assert len(local_records) > 30
    assert _canonical(ray_records) == _canonical(local_records)


def test_clean_dataset_helper_maps_a_ray_dataset(local_ray: None) -> None:
    from cutter.engines.ray import clean_dataset

    text = (SAMPLES / "04-di-pian.txt").read_text(encoding="utf-8")
    rows = clean_dataset(ray.data.from_items([{"id": "a", "url": "u", "text": text}])).take_all()
    assert [(r["source"], r["index"], r["title"]) for r in rows] == [
        ("a", 1, "第一篇：平凡中的不平凡"), ("a", 2, "第二篇：苦难是一所大学"), ("a", 3, "第三篇：我眼中的田晓霞"),
    ]  # fmt: skip
    assert rows[0]["meta"] == {"id": "a", "url": "u"}


def test_ray_engine_reads_jsonl_datasets(tmp_path: Path, local_ray: None) -> None:
    dump = tmp_path / "dump.jsonl"
    texts = [(SAMPLES / name).read_text(encoding="utf-8") for name in ("04-di-pian.txt", "07-fullwidth-digits.txt")]
    dump.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts)))
    result = CliRunner().invoke(main, ["split", str(dump), "-o", str(tmp_path / "out"), "--format", "jsonl",
                                       "--engine", "ray"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for part in (tmp_path / "out").glob("*.json") for line in part.open(encoding="utf-8")]
    assert sorted((r["meta"]["id"], r["index"]) for r in rows) == [(0, 1), (0, 2), (0, 3), (1, 1), (1, 2)]


def test_ray_engine_needs_a_folder_and_jsonl() -> None:
    result = CliRunner().invoke(main, ["split", str(SAMPLES), "--engine", "ray"])
    assert result.exit_code == 2 and "--engine ray writes JSONL to a folder" in result.stderr
