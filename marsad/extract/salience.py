"""Which sentences deserve the NER tagger: those that can carry an event or a relation.

The pipeline tags names only there (the tagger is the slowest stage), so this sits above the
views, frames and relation patterns it reads, and nothing below imports it.
"""

from __future__ import annotations

from collections.abc import Sequence

from marsad.extract.frames import accepted_triggers
from marsad.extract.lexicon import lexicons
from marsad.extract.relations import relation_cues
from marsad.extract.views import SentenceView
from marsad.model import Sentence, Token

__all__ = ["is_salient"]


def is_salient(text: str, tokens: Sequence[Token], linked: int = 1) -> bool:
    """Whether a sentence can carry an event (a trigger the rules accept) or a relation (a relation
    cue and, among the ``linked`` known actors and places, at least one party)."""
    lex = lexicons()
    triggers = lex.triggers.find(text, tokens)
    if triggers:
        view = SentenceView(Sentence(tokens[0].start, tokens[-1].end, tokens[0].sentence), tokens, triggers=triggers,
                            cues=lex.cues.find(text, tokens))
        return bool(accepted_triggers(view, in_context=False))
    return linked > 0 and bool(relation_cues().find(text, tokens))
