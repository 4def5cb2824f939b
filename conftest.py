"""Collection settings: the Ray engine module is only importable with the ray extra installed."""

import importlib.util

collect_ignore = [] if importlib.util.find_spec("ray") else ["cutter/engines/ray.py"]
