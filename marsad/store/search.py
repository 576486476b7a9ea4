"""Full-text search over normalised Arabic: the same words go into SQLite's FTS5 and PostgreSQL's tsvector.

Articles are indexed as their words after :func:`marsad.text.normalize.normalize` (alef forms,
ya/alef maqsura, ta marbuta unified; diacritics and tatweel removed), so "الإسلامية" finds
"الاسلامية" and "الإسلاميّة". A query is normalised the same way and matches articles holding all its
words (a ``"quoted phrase"`` must appear as written). Both databases see the same word lists, so
both return the same articles.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import regex
from sqlalchemy import ColumnElement, Integer, bindparam, func, literal_column, select, text
from sqlalchemy.orm import Session

from marsad.store.tables import ArticleRow
from marsad.text.words import words as _words

__all__ = ["article_words", "index_articles", "matching_ids", "query_terms"]

_PHRASE = regex.compile(r'"([^"]+)"')


def article_words(title: str | None, body: str) -> str:
    """The normalised words of an article, space-separated: what both search engines index."""
    return " ".join(_words(f"{title}\n{body}" if title else body))


def query_terms(query: str) -> list[list[str]]:
    """A query → its terms: each quoted phrase is one term of several words, every other word a term."""
    terms = [_words(phrase) for phrase in _PHRASE.findall(query)]
    terms += [[word] for word in _words(_PHRASE.sub(" ", query))]
    return [term for term in terms if term]


def index_articles(session: Session, rows: Iterable[tuple[int, str | None, str]]) -> None:
    """Add (article id, title, text) rows to the search index (each article once, when it is stored)."""
    params = [{"id": article_id, "words": article_words(title, body)} for article_id, title, body in rows]
    if not params:
        return
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("INSERT INTO articles_fts(rowid, words) VALUES (:id, :words)"), params)
    else:
        session.execute(text("INSERT INTO article_search(article_id, words) "
                             "VALUES (:id, to_tsvector('simple', :words)) ON CONFLICT DO NOTHING"), params)


def matching_ids(dialect: str, query: str) -> ColumnElement[bool]:
    """A condition on ``ArticleRow.id``: the article holds every term of ``query``.

    An empty query (no letters or digits) matches nothing.
    """
    terms = query_terms(query)
    if not terms:
        return literal_column("1") == 0
    if dialect == "sqlite":
        fts = " ".join('"' + " ".join(term) + '"' for term in terms)
        ids = text("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :fts").bindparams(fts=fts)
        return ArticleRow.id.in_(ids.columns(rowid=Integer))
    words: ColumnElement[Any] = literal_column("words")
    found = select(literal_column("article_id", Integer)).select_from(text("article_search"))
    for i, term in enumerate(terms):
        tsquery = func.phraseto_tsquery if len(term) > 1 else func.plainto_tsquery
        found = found.where(words.op("@@")(tsquery("simple", bindparam(f"term_{i}", " ".join(term)))))
    return ArticleRow.id.in_(found)

