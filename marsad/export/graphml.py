"""The actor network as GraphML (Gephi, networkx, yEd): actors as nodes, relations and attacks as edges.

Nodes are the actors of counted relations and events (``label`` = canonical name, ``kb_id``,
``kind``). Edges are directed and aggregated per (source, target, type): the relation types of
SPEC (``allegiance``, ``support``, ``supply``, ``membership``, …) and ``attacked`` from an event's
perpetrator or claimant to its target; ``weight`` counts the reports, ``articles`` the distinct
articles, ``example`` names one article to read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from marsad.store import EventFilter
from marsad.store.tables import ActorRow, ArticleRow, EventActorRow, EventRow, RelationRow

__all__ = ["write_graphml"]

_NODE_KEYS = (("label", "string"), ("kb_id", "string"), ("kind", "string"))
_EDGE_KEYS = (("type", "string"), ("weight", "int"), ("articles", "int"), ("example", "string"))
Edge = tuple[int, int, str]


def write_graphml(session: Session, out: TextIO, flt: EventFilter | None = None) -> int:
    """The network of counted relations and attacks; returns the number of edges (``flt`` is not used)."""
    edges: dict[Edge, _Reports] = defaultdict(_Reports)
    for source, target, kind, article in (*_relation_edges(session), *_attack_edges(session)):
        if source != target:
            edges[(source, target, kind)].add(article)
    nodes = {n for s, t, _ in edges for n in (s, t)}
    actors = {a.id: a for a in session.scalars(select(ActorRow).where(ActorRow.id.in_(nodes)))} if nodes else {}
    _header(out)
    for actor_id in sorted(actors):
        actor = actors[actor_id]
        out.write(f'    <node id="a{actor_id}">' + _data("label", actor.name) + _data("kb_id", actor.kb_id)
                  + _data("kind", actor.kind) + "</node>\n")
    for number, ((source, target, kind), reports) in enumerate(sorted(edges.items())):
        out.write(f'    <edge id="e{number}" source="a{source}" target="a{target}">' + _data("type", kind)
                  + _data("weight", reports.weight) + _data("articles", len(reports.articles))
                  + _data("example", min(reports.articles)) + "</edge>\n")
    out.write("  </graph>\n</graphml>\n")
    return len(edges)


@dataclass
class _Reports:
    weight: int = 0
    articles: set[str] = field(default_factory=set)

    def add(self, article: str) -> None:
        self.weight += 1
        self.articles.add(article)


def _relation_edges(session: Session) -> list[tuple[int, int, str, str]]:
    rows = session.execute(select(RelationRow.source_id, RelationRow.target_id, RelationRow.type, ArticleRow.doc_id)
                           .join(ArticleRow, ArticleRow.id == RelationRow.article_id)
                           .where(RelationRow.counted.is_(True)))
    return [(s, t, kind, article) for s, t, kind, article in rows]


def _attack_edges(session: Session) -> list[tuple[int, int, str, str]]:
    doer, done_to = aliased(EventActorRow), aliased(EventActorRow)
    rows = session.execute(select(doer.actor_id, done_to.actor_id, ArticleRow.doc_id)
                           .join(done_to, done_to.event_id == doer.event_id)
                           .join(EventRow, EventRow.id == doer.event_id)
                           .join(ArticleRow, ArticleRow.id == EventRow.article_id)
                           .where(EventRow.counted.is_(True), doer.role.in_(("perpetrator", "claimant")),
                                  done_to.role.in_(("target", "victim"))))
    return [(s, t, "attacked", article) for s, t, article in rows]


def _header(out: TextIO) -> None:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for name, kind in _NODE_KEYS:
        out.write(f'  <key id="{name}" for="node" attr.name="{name}" attr.type="{kind}"/>\n')
    for name, kind in _EDGE_KEYS:
        out.write(f'  <key id="{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>\n')
    out.write('  <graph id="marsad" edgedefault="directed">\n')


def _data(key: str, value: object) -> str:
    if value is None:
        return ""
    return f"<data key={quoteattr(key)}>{escape(str(value))}</data>"
