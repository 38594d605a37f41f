"""References: the site's numbered sources, loaded from data/sources.yaml.

A page cites a source with {{ cite("id") }}, which returns that page's number for it ([1],
[2], … in order of first use); the page then lists what it cited, each entry linked to the
Sources page. Citing an unknown id fails loudly, so a typo cannot publish an unsourced claim.
"""
from dataclasses import dataclass

from flask import current_app, g, url_for
from markupsafe import Markup

from .datafile import DataFileError, read_yaml, require


@dataclass(frozen=True)
class Source:
    id: str
    ref: int
    title: str
    publisher: str
    year: int | None
    url: str


def load_sources(path):
    data = read_yaml(path)
    sources = {}
    for index, entry in enumerate(require(data, "sources", list, path, "top level")):
        where = f"sources[{index}]"
        source = Source(
            id=require(entry, "id", str, path, where),
            ref=require(entry, "ref", int, path, where),
            title=require(entry, "title", str, path, where),
            publisher=require(entry, "publisher", str, path, where),
            year=require(entry, "year", (int, type(None)), path, where),
            url=require(entry, "url", str, path, where),
        )
        if source.id in sources:
            raise DataFileError(path, where, "id", f"'{source.id}' is used twice")
        if not source.url.startswith(("https://", "http://")):
            raise DataFileError(path, f"{where} ({source.id})", "url", "should start with http:// or https://")
        sources[source.id] = source
    return sources


def init_app(app, path):
    app.extensions["sources"] = load_sources(path)
    app.jinja_env.globals.update(cite=cite, cited_sources=cited_sources, all_sources=all_sources)


def all_sources():
    return list(current_app.extensions["sources"].values())


def cite(*ids):
    """Cite sources in running text; returns links such as [1][2] to this page's source list."""
    links = []
    for source_id in ids:
        number = _page_number(source_id)
        links.append(f'<a class="cite" href="#source-{number}">[{number}]</a>')
    return Markup("<sup>" + "".join(links) + "</sup>")


def cited_sources():
    """(number, source, link to the Sources page) for everything this page has cited so far."""
    return [(number, source, url_for("pages.sources", _anchor=f"ref-{source.id}"))
            for number, source in enumerate(g.get("citations", []), start=1)]


def _page_number(source_id):
    sources = current_app.extensions["sources"]
    if source_id not in sources:
        raise KeyError(f"cite(): no source '{source_id}' in data/sources.yaml")
    citations = g.setdefault("citations", [])
    if sources[source_id] not in citations:
        citations.append(sources[source_id])
    return citations.index(sources[source_id]) + 1
