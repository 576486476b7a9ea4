"""The extractor's learned models, one bundle in ``kb/models/extraction/``.

Each is a small linear model (``linear.py``) trained by ``marsad train events`` on gold files
(``marsad/learn/events.py``); ``config.json`` beside them holds the decision thresholds and where
the models came from (gold files and their checksums, counts, options, date):

- ``detector``: for each trigger candidate, ``none`` or the ACLED event type it reports;
- ``background``: whether a candidate recalls an earlier event as context;
- ``starter``: whether a candidate is the first report of an incident (not a restatement);
- ``merge``: whether a candidate reports the incident of an earlier group of candidates;
- ``typer``: the ACLED event type of an incident, from all its candidates together;
- ``keeper``: whether an incident is one a careful annotator codes (trained on the incidents the
  other models find in articles they did not learn from);
- ``date``, ``place``, ``actor``: rankers of an incident's argument candidates (``arguments.py``);
- ``relation``: whether a relation a pattern proposes is stated (``network.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from marsad.extract.linear import LinearModel

__all__ = ["ExtractionModels", "default_models", "MODEL_DIR"]

MODEL_DIR = "models/extraction"
_MODELS = ("detector", "background", "starter", "merge", "typer", "keeper", "date", "place", "actor", "relation")
_THRESHOLDS = ("accept", "join", "start", "restate", "keep", "date_min", "place_min", "actor_min", "relation_min")


@dataclass(frozen=True, eq=False)
class ExtractionModels:
    detector: LinearModel
    background: LinearModel
    starter: LinearModel
    merge: LinearModel
    typer: LinearModel
    keeper: LinearModel
    date: LinearModel
    place: LinearModel
    actor: LinearModel
    relation: LinearModel
    accept: float = 0.5  # least probability of being an event
    join: float = 0.5  # least probability of continuing an incident
    start: float = 0.5  # least probability of being an incident's first report
    restate: float = 0.8  # least probability that a rejected candidate restates an incident
    keep: float = 0.0  # least probability that an incident is one a careful annotator codes
    date_min: float = 0.5  # least score of the date, place and perpetrator taken
    place_min: float = 0.5
    actor_min: float = 0.5
    relation_min: float = 0.5  # least probability of a relation
    # the relation types the filter judges: those the gold has examples of; the patterns' word
    # stands for the others
    judged_relations: tuple[str, ...] = ()

    def save(self, folder: Path, provenance: dict[str, object] | None = None) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for name in _MODELS:
            getattr(self, name).save(folder / f"{name}.npz")
        config = {**{name: getattr(self, name) for name in _THRESHOLDS},
                  "judged_relations": list(self.judged_relations), **(provenance or {})}
        (folder / "config.json").write_text(json.dumps(config, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> ExtractionModels:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        models = {name: LinearModel.load(folder / f"{name}.npz") for name in _MODELS}
        thresholds = {name: float(config[name]) for name in _THRESHOLDS}
        return cls(**models, **thresholds, judged_relations=tuple(config["judged_relations"]))  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def default_models() -> ExtractionModels:
    with resources.as_file(resources.files("marsad.kb").joinpath(MODEL_DIR)) as folder:
        return ExtractionModels.load(Path(folder))
