"""cutter's compiled core (crates/cutter-core, bound by crates/cutter-py).

Each function releases the GIL while it works; a panic inside the core is raised as
:class:`cutter.errors.InputError` for that call. Offsets count code points, as ``str``
indexes do. Strings holding lone surrogates are accepted.
"""

def rare_characters(text: str) -> str:
    """The distinct characters of ``text`` that ``patterns.RARE`` matches, in code-point order."""

def document_script(text: str) -> str:
    """``"traditional"`` when traditional-only characters outnumber simplified-only ones, else ``"simplified"``."""

def candidate_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line worth parsing as a piece header, without its newline: read without
    its header debris (``split._reading``), shaped like a header or with a digit early on."""

def control_bytes(data: bytes) -> int:
    """How many bytes of ``data`` are C0 controls other than tab, newlines, VT and FF, or DEL."""

def _panic(text: str) -> int:
    """Panics inside the core: for the test that a panic becomes an ``InputError``."""
