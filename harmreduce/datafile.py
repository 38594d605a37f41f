"""Reading the project's data files, with errors that say exactly what is wrong.

Every data file (editions, help directory, self-check) is checked when the app starts, so a
mistake stops start-up with a message naming the file, the entry and the field instead of
showing a visitor a wrong phone number later.
"""
from pathlib import Path

import yaml


class DataFileError(Exception):
    """A data file is missing, unreadable or breaks its schema."""

    def __init__(self, path, where, field, problem):
        self.path, self.where, self.field, self.problem = str(path), where, field, problem
        super().__init__(f"{path}: {where}: field '{field}': {problem}")


def read_yaml(path):
    """Parse a YAML data file, turning parse errors into DataFileError."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except FileNotFoundError:
        raise DataFileError(path, "file", "-", "file not found") from None
    except yaml.YAMLError as exc:
        raise DataFileError(path, "file", "-", f"not valid YAML: {exc}") from None


def require(mapping, key, kind, path, where):
    """Return mapping[key] if present and of the expected type, else raise DataFileError."""
    if not isinstance(mapping, dict) or key not in mapping:
        raise DataFileError(path, where, key, "is missing")
    value = mapping[key]
    if not isinstance(value, kind):
        names = " or ".join(t.__name__ for t in (kind if isinstance(kind, tuple) else (kind,)))
        raise DataFileError(path, where, key, f"should be {names}, not {type(value).__name__}")
    return value


def only_known_fields(mapping, allowed, path, where):
    """Raise DataFileError unless `mapping` is a mapping whose keys are all in `allowed`."""
    if not isinstance(mapping, dict):
        raise DataFileError(path, where, "-", "should be a mapping")
    for key in mapping:
        if key not in allowed:
            raise DataFileError(path, where, str(key), f"unknown field (expected: {', '.join(allowed)})")


def one_of(mapping, key, allowed, path, where):
    """Return mapping[key] if it is one of `allowed` (strings), else raise DataFileError listing them."""
    value = require(mapping, key, str, path, where)
    if value not in allowed:
        raise DataFileError(path, where, key, f"{value!r} is not one of: {', '.join(allowed)}")
    return value
