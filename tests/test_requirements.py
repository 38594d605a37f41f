"""The lock files (requirements/site.txt, requirements/test.txt) match pyproject.toml.

`./run serve`, `./run test`, CI and the Dockerfile install only what the locks pin, with hashes,
so a fresh machine gets the packages the tests passed with. `./run lock` rewrites them; these
tests fail when pyproject.toml changes and nobody re-locked.
"""
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
FROM_PYPROJECT = "harmreduce (pyproject.toml)"
FROM_BUILD_SYSTEM = "harmreduce (pyproject.toml::build-system.requires)"


@dataclass
class Pin:
    version: str
    hashes: list = field(default_factory=list)
    via: list = field(default_factory=list)


def read_lock(path):
    """{name: Pin} from a pip-compile file: `name==version \\`, hash lines, then `# via` lines."""
    pins, current = {}, None
    for line in path.read_text().splitlines():
        if match := re.match(r"^([A-Za-z0-9._-]+)==(\S+)", line):
            current = pins[canonicalize_name(match[1])] = Pin(match[2])
        elif current and (match := re.search(r"--hash=(sha256:[0-9a-f]{64})", line)):
            current.hashes.append(match[1])
        elif current and (match := re.match(r"^\s+#\s+(?:via\s+)?(?:#\s+)?(\S.*)$", line)):
            if match[1] != "via":
                current.via.append(match[1].strip())
    return pins


def direct_requirements(extra=None):
    listed = PYPROJECT["project"]["dependencies"]
    if extra:
        listed = listed + PYPROJECT["project"]["optional-dependencies"][extra]
    return {canonicalize_name(req.name): req for req in map(Requirement, listed)}


LOCKS = {"site": (ROOT / "requirements/site.txt", None), "test": (ROOT / "requirements/test.txt", "test")}


def check_lock_matches(pins, wanted):
    """Problems, as sentences: what pyproject asks for that the lock does not pin right."""
    problems = []
    locked_direct = {name for name, pin in pins.items() if FROM_PYPROJECT in pin.via}
    for name in sorted(set(wanted) - locked_direct):
        problems.append(f"{name} is in pyproject.toml but not locked as its dependency")
    for name in sorted(locked_direct - set(wanted)):
        problems.append(f"{name} is locked as a pyproject.toml dependency but pyproject.toml no longer lists it")
    for name in sorted(set(wanted) & set(pins)):
        if not wanted[name].specifier.contains(pins[name].version, prereleases=True):
            problems.append(f"{name}=={pins[name].version} is outside pyproject.toml's {wanted[name].specifier}")
    return problems


def test_each_lock_pins_exactly_what_pyproject_asks_for():
    for label, (path, extra) in LOCKS.items():
        problems = check_lock_matches(read_lock(path), direct_requirements(extra))
        assert not problems, f"{path.name}: " + "; ".join(problems) + " (run ./run lock)"


def test_a_changed_pyproject_fails_the_sync_check():
    pins = read_lock(LOCKS["site"][0])
    wanted = direct_requirements()
    assert not check_lock_matches(pins, wanted)
    added = dict(wanted, brotli=Requirement("brotli>=1.1"))
    narrowed = dict(wanted, flask=Requirement("Flask>=9"))
    removed = {name: req for name, req in wanted.items() if name != "segno"}
    assert check_lock_matches(pins, added) == ["brotli is in pyproject.toml but not locked as its dependency"]
    assert check_lock_matches(pins, narrowed)[0].startswith("flask==")
    assert check_lock_matches(pins, removed) == [
        "segno is locked as a pyproject.toml dependency but pyproject.toml no longer lists it"]


def test_every_pin_has_hashes_and_the_build_backend_is_locked():
    for path, _ in LOCKS.values():
        pins = read_lock(path)
        assert all(pin.hashes for pin in pins.values()), path.name
        backend = Requirement(PYPROJECT["build-system"]["requires"][0])
        pin = pins[canonicalize_name(backend.name)]
        assert FROM_BUILD_SYSTEM in pin.via and backend.specifier.contains(pin.version), path.name


def test_the_site_and_test_locks_agree_on_every_shared_package():
    site, test = (read_lock(path) for path, _ in LOCKS.values())
    assert set(site) <= set(test)
    assert {name: site[name].version for name in site} == {name: test[name].version for name in site}
