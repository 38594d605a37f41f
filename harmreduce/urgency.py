"""The urgency model: every red flag and warning sign once, each with its one level.

Read from data/urgency.yaml when the app starts, and checked then: an unknown level, a cited
source that does not exist or a help kind the directory does not know stops start-up with a
message naming the file, the entry and the field. Every surface that names a sign (the urgent
page, the risk pages' callouts, the self-check results, the share kit's cards and leaflet, the
printed results) asks this model for its level and help, so no two surfaces can disagree.
"""
from dataclasses import dataclass

from .datafile import DataFileError, only_known_fields, read_yaml, require
from .directory import KINDS

LEVEL_IDS = ("emergency", "urgent_today", "doctor_soon", "routine")
_LEVEL_FIELDS = ("id", "title", "list_heading", "message", "help_kinds", "cite")
_SIGN_FIELDS = ("id", "level", "text", "cite")
_OPTIONAL_SIGN_FIELDS = ("action", "help_kinds")


@dataclass(frozen=True)
class Level:
    id: str
    rank: int  # 0 is the most urgent
    title: str
    list_heading: str
    message: str
    help_kinds: tuple[str, ...]
    cite: tuple[str, ...]


@dataclass(frozen=True)
class Sign:
    id: str
    level: Level
    text: str
    action: str | None
    help_kinds: tuple[str, ...]
    cite: tuple[str, ...]


@dataclass(frozen=True)
class Urgency:
    levels: tuple[Level, ...]
    signs: dict[str, Sign]

    def level(self, level_id):
        return next(level for level in self.levels if level.id == level_id)

    def sign(self, sign_id):
        return self.signs[sign_id]

    def signs_at(self, level_id):
        """Every sign of one level, in file order (the urgent page, cards and leaflet list these)."""
        return tuple(sign for sign in self.signs.values() if sign.level.id == level_id)

    def by_level(self, signs):
        """(level, signs) for the levels these signs (or sign ids) reach, most urgent first; signs
        in file order. An unknown id is a template's mistake: KeyError."""
        chosen = {self.signs[getattr(sign, "id", sign)].id for sign in signs}
        return tuple((level, ticked) for level in self.levels
                     if (ticked := tuple(s for s in self.signs_at(level.id) if s.id in chosen)))

    def help_kinds_of(self, sign_ids):
        """The kinds of help these signs need: their own, and their levels'."""
        kinds = []
        for sign in (self.signs[sign_id] for sign_id in sign_ids):
            kinds.extend(k for k in sign.level.help_kinds + sign.help_kinds if k not in kinds)
        return tuple(kinds)

    def all_help_kinds(self, level):
        """Every kind a result at this level can need, whichever of its signs was ticked: the
        level's own kinds first, then what its signs add."""
        return self.help_kinds_of(sign.id for sign in self.signs_at(level.id)) or level.help_kinds


def load_urgency(path, source_ids):
    """Read and check data/urgency.yaml; `source_ids` are the ids in data/sources.yaml."""
    data = read_yaml(path)
    only_known_fields(data, ("levels", "signs"), path, "top level")
    levels = tuple(_level(item, rank, path, source_ids)
                   for rank, item in enumerate(require(data, "levels", list, path, "top level")))
    if tuple(level.id for level in levels) != LEVEL_IDS:
        raise DataFileError(path, "levels", "id", f"should be, in this order: {', '.join(LEVEL_IDS)}")
    by_id = {level.id: level for level in levels}
    signs = {}
    for index, item in enumerate(require(data, "signs", list, path, "top level")):
        sign = _sign(item, f"signs[{index}]", path, by_id, source_ids)
        if sign.id in signs:
            raise DataFileError(path, f"signs[{index}]", "id", f"'{sign.id}' is used twice")
        signs[sign.id] = sign
    return Urgency(levels=levels, signs=signs)


def _level(item, rank, path, source_ids):
    where = f"levels[{rank}]"
    only_known_fields(item, _LEVEL_FIELDS, path, where)
    lists = {key: tuple(require(item, key, list, path, where)) for key in ("help_kinds", "cite")}
    _check_references(lists, where, path, source_ids)
    texts = {key: require(item, key, str, path, where) for key in ("id", "title", "list_heading", "message")}
    return Level(rank=rank, **texts, **lists)


def _sign(item, where, path, levels, source_ids):
    only_known_fields(item, _SIGN_FIELDS + _OPTIONAL_SIGN_FIELDS, path, where)
    sign_id = require(item, "id", str, path, where)
    where = f"{where} ({sign_id})"
    level_id = require(item, "level", str, path, where)
    if level_id not in levels:
        raise DataFileError(path, where, "level", f"'{level_id}' is not one of: {', '.join(LEVEL_IDS)}")
    values = {"help_kinds": item.get("help_kinds", []), "cite": require(item, "cite", list, path, where)}
    _check_references(values, where, path, source_ids)
    action = item.get("action")
    if action is not None and not isinstance(action, str):
        raise DataFileError(path, where, "action", "should be text")
    return Sign(id=sign_id, level=levels[level_id], text=require(item, "text", str, path, where),
                action=action, help_kinds=tuple(values["help_kinds"]), cite=tuple(values["cite"]))


def _check_references(values, where, path, source_ids):
    for kind in values.get("help_kinds", ()):
        if kind not in KINDS:
            raise DataFileError(path, where, "help_kinds", f"'{kind}' is not a directory kind ({', '.join(KINDS)})")
    for source_id in values.get("cite", ()):
        if source_id not in source_ids:
            raise DataFileError(path, where, "cite", f"'{source_id}' is not in data/sources.yaml")
