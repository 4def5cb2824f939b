"""Engines beyond the local worker pool. Each calls the same core function (``core.process_batch``)."""
