"""What to do with each input item, decided in input order against the store and what this run has seen.

Every item gets exactly one class, the same in a clean run, a second run of the same input and a
run resumed after ``kill -9`` — which is what makes ``input = stored + duplicates + failures`` hold
and repeat:

=============  ==========================================================  ===========
action         when                                                        class
=============  ==========================================================  ===========
``fail``       the reader could not read it                                failed
``conflict``   its id is already stored (or seen) with a different text    failed
``repeat``     its id was already seen earlier in this run, same text      duplicate
``known``      its id is stored with this text and a current record        stored or duplicate
``retry``      its id is stored with this text but no record (extraction   after extraction
               failed earlier): extract again
``copy``       its text is stored under another id (an exact copy)         duplicate
``new``        a text never seen: stored, its near-duplicate link found,   stored, duplicate
               extracted                                                   (near copy) or failed
=============  ==========================================================  ===========

The near-duplicate index is rebuilt from the stored signatures, and new articles are added to it
in input order before they are written, so an item is compared with exactly the articles before it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from marsad.corpus import Failure
from marsad.ingest import Article, InputError
from marsad.ingest.neardup import NearDuplicateIndex, NearDupOptions, Shingles, jaccard, shingles
from marsad.model import Result
from marsad.store.rows import content_hash
from marsad.store.tables import ArticleRow, DocIdRow, MinHashRow, NearDuplicateRow, RecordRow

__all__ = ["STORED", "DUPLICATE", "FAILED", "Triage", "Work"]

STORED, DUPLICATE, FAILED = "stored", "duplicate", "failed"
EXTRACT = ("new", "retry")
_CACHE = 512


@dataclass(slots=True)
class Work:
    """One input item on its way to the store."""

    item: Article | InputError
    action: str
    content_hash: str | None = None
    signature: bytes | None = None
    near_of: str | None = None
    jaccard: float | None = None
    klass: str | None = None
    message: str | None = None
    outcome: Result | Failure | None = field(default=None)

    @property
    def extract(self) -> bool:
        return self.action in EXTRACT

    @property
    def doc_id(self) -> str | None:
        return self.item.doc.id if isinstance(self.item, Article) else None

    def settle(self, outcome: Result | Failure) -> None:
        """Record the extraction outcome and the class it gives."""
        self.outcome = outcome
        if isinstance(outcome, Failure):
            self.klass = FAILED
        else:
            self.klass = DUPLICATE if self.near_of else STORED


@dataclass(slots=True)
class _Known:
    """A stored (or, this run, triaged) article: its order, whether it has a record, its cluster's first copy."""

    order: int
    has_record: bool
    near_of: str | None = None


class Triage:
    """Classifies items one by one; load it from the store, then call :meth:`classify` in input order."""

    def __init__(self, text_of: Callable[[str], str | None], options: NearDupOptions | None = None) -> None:
        self.index = NearDuplicateIndex(options)
        self.options = self.index.options
        self._text_of = text_of
        self._ids: dict[str, tuple[str, str]] = {}  # doc id → (content hash, first|exact)
        self._articles: dict[str, _Known] = {}
        self._seen: set[str] = set()
        self._pending: dict[str, Shingles] = {}
        self._cache: OrderedDict[str, Shingles] = OrderedDict()
        self._next = 0

    @classmethod
    def load(cls, session: Session, options: NearDupOptions | None = None) -> Triage:
        """The state of the store: ids, articles, records, near-duplicate links and signatures."""
        triage = cls(lambda digest: session.scalar(select(ArticleRow.text).where(ArticleRow.content_hash == digest)),
                     options)
        original = aliased(ArticleRow)
        with_record = set(session.scalars(select(RecordRow.article_id).where(RecordRow.current.is_(True))))
        near = dict(session.execute(select(NearDuplicateRow.article_id, original.content_hash)
                                    .join(original, original.id == NearDuplicateRow.original_id)).all())
        for article_id, digest in session.execute(select(ArticleRow.id, ArticleRow.content_hash)).all():
            triage._articles[digest] = _Known(article_id, article_id in with_record, near.get(article_id))
            triage._next = max(triage._next, article_id + 1)
        for doc_id, digest, kind in session.execute(select(DocIdRow.doc_id, ArticleRow.content_hash, DocIdRow.kind)
                                                    .join(ArticleRow, ArticleRow.id == DocIdRow.article_id)).all():
            triage._ids[doc_id] = (digest, kind)
        triage.index.add_many(session.execute(select(ArticleRow.content_hash, MinHashRow.signature)
                                               .join(MinHashRow, MinHashRow.article_id == ArticleRow.id)
                                               .order_by(ArticleRow.id)).all())
        return triage

    def classify(self, item: Article | InputError) -> Work:
        if isinstance(item, InputError):
            return Work(item, "fail", klass=FAILED, message=item.message)
        doc_id, digest = item.doc.id, content_hash(item.doc.text)
        repeated = doc_id in self._seen
        self._seen.add(doc_id)
        if doc_id in self._ids:
            return self._known_id(item, digest, repeated)
        self._ids[doc_id] = (digest, "exact" if digest in self._articles else "first")
        if digest in self._articles:
            return Work(item, "copy", digest, klass=DUPLICATE)
        return self._new(item, digest)

    def written(self, work: Work) -> None:
        """The work is in the store: its article has a record if extraction succeeded."""
        if work.content_hash is not None and work.extract:
            self._articles[work.content_hash].has_record = isinstance(work.outcome, Result)
            self._pending.pop(work.content_hash, None)

    def _known_id(self, item: Article, digest: str, repeated: bool) -> Work:
        stored_digest, kind = self._ids[item.doc.id]
        if stored_digest != digest:
            return Work(item, "conflict", digest, klass=FAILED,
                        message=f"id {item.doc.id!r} is already stored with a different text; the first text "
                                "is kept: give this document another id")
        if repeated:
            return Work(item, "repeat", digest, klass=DUPLICATE)
        known = self._articles[digest]
        if kind == "first" and not known.has_record:
            return Work(item, "retry", digest, near_of=known.near_of)
        klass = DUPLICATE if kind == "exact" or known.near_of else STORED
        return Work(item, "known", digest, klass=klass)

    def _new(self, item: Article, digest: str) -> Work:
        shingled = shingles(item.doc.text, self.options.words)
        signature = self.index.signature(shingled)
        near_of, similarity = self._near(shingled, signature) if signature else (None, None)
        self._articles[digest] = _Known(self._next, has_record=False, near_of=near_of)
        self._next += 1
        if signature is not None:
            self.index.add(digest, signature)
            self._pending[digest] = shingled
        return Work(item, "new", digest, signature, near_of, similarity)

    def _near(self, shingled: Shingles, signature: bytes) -> tuple[str | None, float | None]:
        """The first copy of the earliest cluster this text nearly duplicates, and the similarity found."""
        best: tuple[int, str, float] | None = None
        for candidate in self.index.candidates(signature):
            similarity = jaccard(shingled, self._shingles_of(candidate))
            if similarity < self.options.threshold:
                continue
            root = self._articles[candidate].near_of or candidate
            key = (self._articles[root].order, root, similarity)
            if best is None or key[0] < best[0] or (key[0] == best[0] and similarity > best[2]):
                best = key
        return (best[1], round(best[2], 4)) if best else (None, None)

    def _shingles_of(self, digest: str) -> Shingles:
        if digest in self._pending:
            return self._pending[digest]
        if digest not in self._cache:
            text = self._text_of(digest) or ""
            self._cache[digest] = shingles(text, self.options.words)
            if len(self._cache) > _CACHE:
                self._cache.popitem(last=False)
        return self._cache[digest]
