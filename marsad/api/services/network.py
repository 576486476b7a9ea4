"""The actor network and actor pages: store reads → API schemas, with relation reviews laid over them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from marsad.api.schemas import (
    ActorDetail,
    ActorPublic,
    ActorsPublic,
    EvidencePublic,
    GraphEdge,
    GraphEvidence,
    GraphNode,
    GraphPublic,
    RelationPublic,
)
from marsad.store import app_queries
from marsad.store.app_queries import GraphFilter, RelationItem
from marsad.store.review import review_states
from marsad.web.i18n import Words

__all__ = ["EVIDENCE_PER_EDGE", "actor_detail", "graph", "list_actors"]

EVIDENCE_PER_EDGE = 5  # sentences shown per edge (its first relations'); the actor page lists them all


def graph(session: Session, flt: GraphFilter, words: Words) -> GraphPublic:
    nodes, edges, degree = app_queries.graph(session, flt)
    rejected = {i for i, s in review_states(session, "relation", [r.id for e in edges for r in e.relations]).items()
                if s.status == "rejected"}
    names = {n.id: n.name for n in nodes}
    out_edges = []
    for edge in edges:
        kept = [r for r in edge.relations if r.id not in rejected]
        if not kept:
            continue
        out_edges.append(GraphEdge(
            id=f"{edge.source_id}-{edge.type}-{edge.target_id}", source=str(edge.source_id), target=str(edge.target_id),
            source_label=names.get(edge.source_id, "?"), target_label=names.get(edge.target_id, "?"), type=edge.type,
            type_label=words.code("relation_type", edge.type), certainty=edge.certainty,
            certainty_label=words.code("certainty", edge.certainty),
            relations=len(kept),
            evidence=[GraphEvidence(relation_id=r.id, article_id=r.doc_id, article_title=r.title, text=text,
                                    start=start, end=end)
                      for r in kept for start, end, text in r.evidence[:1]][:EVIDENCE_PER_EDGE]))
    return GraphPublic(nodes=[GraphNode(id=str(n.id), label=n.name, key=n.kb_id or n.name, kind=n.kind, weight=degree[n.id]) for n in nodes],
                       edges=out_edges)


def relation_public(item: RelationItem, names: dict[int, str], status: str | None = None) -> RelationPublic:
    return RelationPublic(id=item.id, type=item.type, source_id=item.source_id, source=names.get(item.source_id, "?"),
                          target_id=item.target_id, target=names.get(item.target_id, "?"), detail=item.detail,
                          certainty=item.certainty, article_id=item.doc_id,
                          evidence=[EvidencePublic(start=s, end=e, text=t) for s, e, t in item.evidence],
                          reviewed=status is not None, review_status=status)


def actor_detail(session: Session, actor_id: int) -> ActorDetail:
    page = app_queries.actor_page(session, actor_id)
    if page is None:
        raise LookupError(f"no actor {actor_id}")
    states = review_states(session, "relation", [r.id for r in page.relations])
    relations = [relation_public(r, page.names, states[r.id].status if r.id in states else None)
                 for r in page.relations]
    return ActorDetail(id=page.actor.id, name=page.actor.name, kind=page.actor.kind, kb_id=page.actor.kb_id,
                       events=page.events, aliases=list(page.aliases),
                       renames=[r for r in relations if r.type == "rename"],
                       relations=[r for r in relations if r.type != "rename"], per_month=page.per_month)


def list_actors(session: Session, name: str | None, limit: int, offset: int) -> ActorsPublic:
    total, rows = app_queries.search_actors(session, name, limit, offset)
    return ActorsPublic(data=[ActorPublic(id=a.id, name=a.name, kind=a.kind, kb_id=a.kb_id, events=n) for a, n in rows],
                        count=total, limit=limit, offset=offset)
