"""The engine behind `analyze`, `transitions` and `plan`: loads once, answers profiles and codes."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from app.core.catalog import Catalog
from app.core.db import database
from app.core.encoder import Encoder
from app.core.errors import SkillShiftError
from app.core.exposure import (
    Evidence,
    ExposureBlend,
    ExposureProfile,
    ReferenceTable,
    TaskScore,
    automation,
    label_of,
    measures,
    percentile,
    references,
)
from app.core.profile import Profile, ProfileError, validate_task_ids
from app.core.progress import NULL_PROGRESS, Progress, check_cancelled
from app.core.search import Matcher, SkillMatch, TaskMatch
from app.core.transitions import (
    DIRECT_RANK,
    Filters,
    GraphContext,
    LearningStep,
    MoveList,
    MovePath,
    NeedTable,
    OccupationData,
    Source,
    check_top,
    exposure_beta,
    is_safer,
    learning_order,
    live_scores,
    load_resource,
    make_move,
    occupation_facts,
    occupation_moves,
    passes,
    rank_moves,
    require_fresh,
    safer_mask,
    shortest_paths,
    source_moves,
)
from app.core.transitions.components import task_weight_vector

SKILL_MATCH_MIN = 0.45  # below this, a free-text skill is reported as unmatched, not guessed
ROLE_MATCH_MIN = 0.35
OWN_TASK_DWA_MIN = 0.6  # an own task borrows its nearest O*NET task's activities above this
GOOD_MOVES = 30  # how many qualifying moves count as "other good moves" for the learning order
DEFAULT_ONET_LEVEL = 3.5  # an O*NET skill the person lists without a level (mid-scale of 0-7)


@dataclass(frozen=True)
class ResolvedProfile:
    """A profile checked against the catalog and turned into a graph source."""

    profile: Profile
    index: int
    resolved_by: str  # "code" | "role"
    role_score: float | None
    task_ids: tuple[int | None, ...]
    texts: tuple[str, ...]
    shares: tuple[float, ...]
    skill_rows: np.ndarray
    skills_source: str  # "occupation" | "occupation+profile" | "profile"
    matched_skills: tuple[dict[str, Any], ...]
    unmatched_skills: tuple[str, ...]
    unknown_technology: tuple[str, ...]
    levels: np.ndarray
    tech: np.ndarray

    def summary(self, data: OccupationData) -> dict[str, Any]:
        return {
            "alias": self.profile.alias,
            "occupation": {
                "code": data.codes[self.index],
                "title": data.titles[self.index],
                "resolved_by": self.resolved_by,
                "match_score": self.role_score,
            },
            "tasks": len(self.texts),
            "skills_source": self.skills_source,
            "skills": len(self.skill_rows),
            "matched_skills": list(self.matched_skills),
            "unmatched_skills": list(self.unmatched_skills),
            "unknown_technology": list(self.unknown_technology),
            "notes": list(self.profile.normalised),
        }


@dataclass
class Analysis:
    resolved: ResolvedProfile
    exposure: ExposureProfile | None
    moves: MoveList
    paths: list[MovePath]
    learning: list[LearningStep]
    learning_target: str | None
    filters: Filters
    empty_reason: str | None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, engine: Engine) -> dict[str, Any]:
        ctx = engine.context()
        return {
            "profile": self.resolved.summary(ctx.data),
            "exposure": self.exposure.to_dict() if self.exposure else None,
            "filters": _filters_dict(self.filters),
            "moves": [m.to_dict() for m in self.moves.moves],
            "rejected": self.moves.rejected,
            "empty_reason": self.empty_reason,
            "paths": [p.to_dict(ctx.data, ctx.res) for p in self.paths],
            "learning_plan": {
                "target": self.learning_target,
                "steps": [s.to_dict() for s in self.learning],
            },
            **self.extra,
        }


def _matrix(vectors: Any) -> np.ndarray:
    """The matcher hands out plain arrays or an index object that holds them in `.vectors`."""
    return np.asarray(getattr(vectors, "vectors", vectors), dtype=np.float32)


def _filters_dict(f: Filters) -> dict[str, Any]:
    return {
        "max_zone_step": f.max_zone_step,
        "min_wage_ratio": f.min_wage_ratio,
        "safer": f.safer,
        "bright_outlook": f.bright_outlook,
    }


def profile_filters(profile: Profile) -> Filters:
    p = profile.preferences
    return Filters(
        max_zone_step=p.max_zone_step, min_wage_ratio=p.min_wage_ratio, safer=p.safer_only
    )


def _onet_levels(profile: Profile, data: OccupationData, index: int) -> np.ndarray:
    """The occupation's O*NET skill and knowledge levels with the profile's own on top."""
    levels = data.level[index].copy()
    epos = {e: j for j, e in enumerate(data.elements)}
    for s in profile.skills:
        if s.kind != "onet":
            continue
        j = epos.get(s.value)
        if j is None:
            raise ProfileError(f"skills: unknown O*NET skill or knowledge element {s.value}")
        if s.level is not None:
            levels[j] = s.level
        elif not np.isfinite(levels[j]):
            levels[j] = DEFAULT_ONET_LEVEL
    return levels


def _technology(profile: Profile, data: OccupationData, index: int) -> tuple[np.ndarray, list[str]]:
    """The occupation's technology with the profile's on top; the names not recognised."""
    tech = data.tech[index].copy()
    unknown: list[str] = []
    for s in profile.skills:
        if s.kind == "technology":
            j = data.tech_examples.get(s.value.lower())
            if j is None:
                unknown.append(s.value)
            else:
                tech[j] = max(tech[j], 1.0)
    return tech, unknown


class Engine:
    """Loads the catalog, the transitions resource and the embeddings once; thread-safe reads."""

    def __init__(
        self,
        encoder: Encoder,
        *,
        db_path: Path | None = None,
        resource_path: Path | None = None,
        matcher: Matcher | None = None,
        check_model: bool = True,
    ) -> None:
        self.encoder = encoder
        self.db_path = db_path
        self.resource_path = resource_path
        self.matcher = matcher if matcher is not None else Matcher(encoder, db_path=db_path)
        self.check_model = check_model
        self.exposure_blend = ExposureBlend(encoder, db_path=db_path)
        self._lock = threading.Lock()
        self._ctx: GraphContext | None = None
        self._refs: ReferenceTable | None = None
        self._catalog: Catalog | None = None
        self._skill_cache: dict[str, SkillMatch | None] = {}

    # ---- loading

    def context(self, progress: Progress = NULL_PROGRESS) -> GraphContext:
        if self._ctx is None:
            with self._lock:
                if self._ctx is None:
                    self._ctx = self._load(progress)
        return self._ctx

    def _load(self, progress: Progress) -> GraphContext:
        db = database(self.db_path)  # the app's own database is checked once per file
        sha = getattr(self.encoder, "model_sha256", None) if self.check_model else None
        res = load_resource(
            self.resource_path, model_sha256=sha, content_hash=db.content_hash or ""
        )
        data = OccupationData.load(db)
        require_fresh(res, data)
        self._refs = ReferenceTable.load(db, data.codes, res.model_beta)
        # The same vectors the matcher searches (its embedding store), without building its
        # search structures: `transitions` needs only the vectors.
        store = self.matcher.store
        skill_vectors = store.vectors("skill", data.skill_labels, progress=progress).vectors
        task_texts = [data.task_text[int(t)] for t in data.task_ids]
        task_vectors = store.vectors("task", task_texts, progress=progress).vectors
        space = res.skill_space(_matrix(skill_vectors))
        return GraphContext(
            data=data,
            res=res,
            space=space,
            all_tasks=np.asarray(_matrix(task_vectors), dtype=np.float32),
            task_weights=task_weight_vector(data),
            needs=NeedTable.build(data, space, res.weights.optional_weight),
        )

    def references_table(self) -> ReferenceTable:
        self.context()
        assert self._refs is not None
        return self._refs

    def catalog(self) -> Catalog:
        if self._catalog is None:
            with self._lock:
                if self._catalog is None:
                    self._catalog = Catalog.open(self.db_path)
        return self._catalog

    # ---- occupations

    def transitions(self, code: str, filters: Filters, top: int = 10) -> MoveList:
        ctx = self.context()
        return occupation_moves(ctx, code, filters, check_top(top))

    # ---- profiles

    def resolve(self, profile: Profile) -> ResolvedProfile:
        data = self.context().data
        index, resolved_by, role_score = self._occupation(profile)
        validate_task_ids(profile, set(data.task_text))
        shares = profile.task_weights(data.task_types)
        texts = tuple(
            data.task_text[t.task_id] if t.task_id is not None else (t.text or "")
            for t in profile.tasks
        )
        skill_rows, matched, unmatched, skills_source = self._skill_rows(profile, index)
        levels = _onet_levels(profile, data, index)
        tech, unknown_tech = _technology(profile, data, index)
        return ResolvedProfile(
            profile=profile,
            index=index,
            resolved_by=resolved_by,
            role_score=role_score,
            task_ids=tuple(t.task_id for t in profile.tasks),
            texts=texts,
            shares=tuple(shares),
            skill_rows=skill_rows,
            skills_source=skills_source,
            matched_skills=tuple(matched),
            unmatched_skills=tuple(unmatched),
            unknown_technology=tuple(unknown_tech),
            levels=levels,
            tech=tech,
        )

    def _occupation(self, profile: Profile) -> tuple[int, str, float | None]:
        """The profile's occupation row, how it was found ("code" or "role") and the match score."""
        data = self.context().data
        if profile.occupation_code:
            from app.core.catalog import normalise_code

            return data.index(normalise_code(profile.occupation_code)), "code", None
        if profile.role:
            found = self.matcher.match_title(profile.role, top_k=1)
            if not found or found[0].score < ROLE_MATCH_MIN:
                raise ProfileError(
                    f"occupation.role: no occupation matches {profile.role!r}; give an O*NET code instead"
                )
            return data.index(found[0].code), "role", found[0].score
        raise ProfileError("occupation: give a code (e.g. 43-4051.00) or a role (a job title)")

    def _skill_rows(
        self, profile: Profile, index: int
    ) -> tuple[np.ndarray, list[dict[str, Any]], list[str], str]:
        """The person's ESCO skills: the occupation's (unless the profile opts out) plus the listed
        ESCO and free-text ones; the free texts matched and not; where the skills came from."""
        data = self.context().data
        rows: list[int] = []
        matched: list[dict[str, Any]] = []
        unmatched: list[str] = []
        free = [s.value for s in profile.skills if s.kind == "text"]
        for s in profile.skills:
            if s.kind == "esco":
                row = data.skill_pos.get(s.value)
                if row is None:
                    raise ProfileError(f"skills: unknown ESCO skill {s.value}")
                rows.append(row)
        if free:
            for text, best in zip(free, self.match_skills(free), strict=True):
                if best is not None and best.score >= SKILL_MATCH_MIN:
                    rows.append(data.skill_pos[best.uri])
                    matched.append(
                        {"text": text, "uri": best.uri, "skill": best.label, "score": best.score}
                    )
                else:
                    unmatched.append(text)
        if profile.include_occupation_skills:
            rows.extend(data.occ_skills[index].tolist())
            skills_source = "occupation+profile" if profile.skills else "occupation"
        else:
            skills_source = "profile"
        return np.array(sorted(set(rows)), dtype=np.int64), matched, unmatched, skills_source

    def encode_tasks(
        self, resolved: ResolvedProfile, progress: Progress = NULL_PROGRESS
    ) -> tuple[np.ndarray, np.ndarray]:
        """Embeddings and model probabilities of the profile's tasks.

        Selected O*NET tasks take the model's precomputed scores (the transitions resource, tied
        to this model's sha256) and the search index's embeddings; the person's own words are
        run through the model now.
        """
        ctx = self.context()
        k = len(resolved.texts)
        embeddings = np.zeros((k, ctx.all_tasks.shape[1]), dtype=np.float32)
        probs = np.zeros((k, ctx.res.task_probs.shape[1]), dtype=np.float32)
        own = [i for i, t in enumerate(resolved.task_ids) if t is None]
        known = [i for i, t in enumerate(resolved.task_ids) if t is not None]
        if known:
            ids = np.array([resolved.task_ids[i] for i in known], dtype=np.int64)
            rows = np.searchsorted(ctx.data.task_ids, ids)
            embeddings[known] = ctx.all_tasks[rows]
            probs[known] = ctx.res.task_probs[rows]
        if own:
            texts = [resolved.texts[i] for i in own]
            # One text per batch: batch mates share int8 activation scales, and a typed task's
            # estimate must not move when another task is typed or deleted (nor differ from
            # the estimate shown while it is being typed, which scores it alone).
            emb, p = self.encoder.score(texts, batch_size=1, progress=progress)
            embeddings[own] = emb
            # Typed words that are an O*NET statement also count the labels of its work
            # activities, as the precomputed scores of the selected O*NET tasks already do.
            probs[own] = self.exposure_blend.probs(texts, p)
        return embeddings, probs

    def match_skills(self, texts: list[str]) -> list[SkillMatch | None]:
        """Best ESCO skill per free text, remembered (profiles are re-analysed after each edit)."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._skill_cache]
        if missing:
            for text, found in zip(
                missing, self.matcher.match_skills(missing, top_k=1), strict=True
            ):
                self._skill_cache[text] = found[0] if found else None
        return [self._skill_cache[t] for t in texts]

    def score_tasks(
        self, resolved: ResolvedProfile, progress: Progress = NULL_PROGRESS
    ) -> tuple[np.ndarray, np.ndarray, list[TaskScore], list[list[TaskMatch]]]:
        """Model probabilities for every task, published labels beside them, nearest O*NET task."""
        if not resolved.texts:
            return np.zeros((0, 0)), np.zeros((0, 3)), [], []
        embeddings, probs = self.encode_tasks(resolved, progress)
        check_cancelled(progress)
        ctx = self.context()
        data = ctx.data
        # Own words: search the nearest O*NET tasks now; selected O*NET tasks: the most similar
        # other task was found when the resource was built.
        own = [i for i, t in enumerate(resolved.task_ids) if t is None]
        found = self.matcher.nearest_tasks(embeddings[own], top_k=2) if own else []
        nearest: list[list[TaskMatch]] = [[] for _ in resolved.texts]
        for i, matches in zip(own, found, strict=True):
            nearest[i] = matches
        for i, task_id in enumerate(resolved.task_ids):
            if task_id is None:
                continue
            row = int(np.searchsorted(data.task_ids, task_id))
            other = int(ctx.res.task_nearest[row])
            if other >= 0:
                sim = float(ctx.all_tasks[row] @ ctx.all_tasks[other])
                other_id = int(data.task_ids[other])
                nearest[i] = [
                    TaskMatch(
                        other_id, data.task_text[other_id], data.task_codes[other], round(sim, 4)
                    )
                ]
        ids = [t for t in resolved.task_ids if t is not None]
        catalog = self.catalog()
        labels = catalog.task_exposure(ids)
        usage = catalog.anthropic_usage(ids)
        out: list[TaskScore] = []
        for i, text in enumerate(resolved.texts):
            task_id = resolved.task_ids[i]
            p = probs[i]
            # The nearest task other than itself is the evidence for a selected O*NET task.
            cands = [m for m in nearest[i] if m.task_id != task_id] or nearest[i]
            ev = (
                Evidence(cands[0].task_id, cands[0].task, cands[0].code, cands[0].similarity)
                if cands
                else None
            )
            lab = labels.get(task_id) if task_id is not None else None
            use = usage.get(task_id) if task_id is not None else None
            out.append(
                TaskScore(
                    index=i,
                    task_id=task_id,
                    text=text,
                    source="onet" if task_id is not None else "own",
                    share=resolved.shares[i],
                    probs=(float(p[0]), float(p[1]), float(p[2])),
                    label=label_of(p, self.encoder.labels),
                    beta=float(exposure_beta(p)),
                    human_label=lab.human_label if lab else None,
                    gpt4_label=lab.gpt4_label if lab else None,
                    gpt4_automation=lab.gpt4_automation if lab else None,
                    human_automation=lab.human_automation if lab else None,
                    anthropic_usage_pct=use.usage_pct if use else None,
                    evidence=ev,
                )
            )
        return embeddings, probs, out, nearest

    def exposure(
        self,
        resolved: ResolvedProfile,
        embeddings_probs: tuple[np.ndarray, np.ndarray, list[TaskScore], list[list[TaskMatch]]],
    ) -> ExposureProfile:
        ctx = self.context()
        _emb, probs, tasks, _nearest = embeddings_probs
        alpha, beta, gamma = measures(probs, np.array(resolved.shares))
        table = self.references_table()
        refs, verdict = references(table, resolved.index)
        occ_beta = ctx.res.model_beta[resolved.index]
        return ExposureProfile(
            alpha=alpha,
            beta=beta,
            gamma=gamma,
            percentile=percentile(beta, ctx.res.model_beta),
            occupation_beta=float(occ_beta) if np.isfinite(occ_beta) else None,
            tasks=tuple(tasks),
            references=refs,
            verdict=verdict,
            automation=automation(tasks, table.split),
        )

    def source(
        self,
        resolved: ResolvedProfile,
        embeddings: np.ndarray,
        beta: float,
        *,
        nearest: list[list[TaskMatch]] | None = None,
    ) -> Source:
        ctx = self.context()
        data, res = ctx.data, ctx.res
        i = resolved.index
        if len(resolved.texts):
            shares = np.array(resolved.shares)
            mean = shares @ embeddings
            norm = float(np.linalg.norm(mean))
            task_embedding = (mean / norm).astype(np.float32) if norm > 0 else res.task_embedding[i]
            dwa = np.zeros(data.dwa.shape[1], dtype=np.float32)
            if nearest is None and any(t is None for t in resolved.task_ids):
                nearest = self.matcher.nearest_tasks(embeddings, top_k=1)
            for k, task_id in enumerate(resolved.task_ids):
                borrowed = task_id
                if (
                    borrowed is None
                    and nearest
                    and nearest[k]
                    and nearest[k][0].similarity >= OWN_TASK_DWA_MIN
                ):
                    borrowed = nearest[k][0].task_id
                for j in data.task_dwa_rows.get(int(borrowed), []) if borrowed is not None else []:
                    dwa[j] += shares[k]
            iwa = self._iwa_from_dwa(dwa)
            if dwa.sum() == 0:
                dwa, iwa = data.dwa[i], data.iwa[i]
            task_vectors = embeddings.astype(np.float32)
        else:
            task_embedding, dwa, iwa = res.task_embedding[i], data.dwa[i], data.iwa[i]
            task_vectors = ctx.all_tasks[data.occ_task_rows[i]]
        return Source(
            index=i,
            skills=resolved.skill_rows,
            level=resolved.levels,
            importance=data.importance[i],
            dwa=dwa,
            iwa=iwa,
            tech=resolved.tech,
            task_embedding=task_embedding,
            task_vectors=task_vectors,
            title_embedding=res.title_embedding[i],
            beta=beta if np.isfinite(beta) else float(res.model_beta[i]),
            from_profile=True,
        )

    def _iwa_from_dwa(self, dwa: np.ndarray) -> np.ndarray:
        """A person's IWA weights: their DWA weights summed per IWA, as for an occupation."""
        data = self.context().data
        iwa = np.zeros(data.iwa.shape[1], dtype=np.float32)
        ok = data.dwa_iwa >= 0
        np.add.at(iwa, data.dwa_iwa[ok], dwa[ok])
        return iwa

    def analyze(
        self, profile: Profile, *, top: int = 10, progress: Progress = NULL_PROGRESS
    ) -> Analysis:
        """Exposure summary, per-task rows, references, top moves, learning plan, safer paths."""
        ctx = self.context(progress)
        resolved = self.resolve(profile)
        if not resolved.texts:
            raise ProfileError("tasks: the profile has no tasks; add at least one task to analyse")
        scored = self.score_tasks(resolved, progress)
        exposure = self.exposure(resolved, scored)
        src = self.source(resolved, scored[0], exposure.beta, nearest=scored[3])
        filters = profile_filters(profile)
        good, _scores = source_moves(ctx, src, filters, top=max(top, GOOD_MOVES), detailed=top)
        moves = MoveList(good.moves[:top], good.rejected, good.considered)
        empty_reason = None
        paths: list[MovePath] = []
        if not moves.moves:
            empty_reason = "no_move_passes_filters"
        if not any(is_safer(m.exposure_beta, src.beta) for m in moves.moves):
            goal = safer_mask(ctx.res.model_beta, src.beta)
            paths = shortest_paths(
                ctx.data, ctx.res, src.index, goal, max_zone_step=filters.max_zone_step
            )
            if not moves.moves and not paths:
                empty_reason = "no_move_or_path"
        learning: list[LearningStep] = []
        target = moves.moves[0] if moves.moves else None
        if target is not None:
            learning = learning_order(ctx.data, target, good.moves, safer_than=src.beta)
        return Analysis(
            resolved=resolved,
            exposure=exposure,
            moves=moves,
            paths=paths,
            learning=learning,
            learning_target=target.code if target else None,
            filters=filters,
            empty_reason=empty_reason,
        )

    def plan(
        self, profile: Profile, target_code: str, *, progress: Progress = NULL_PROGRESS
    ) -> dict[str, Any]:
        """The ordered learning plan towards one target, and a path of at most 3 steps if needed."""
        from app.core.catalog import normalise_code

        ctx = self.context(progress)
        data = ctx.data
        b = data.index(normalise_code(target_code))
        resolved = self.resolve(profile)
        if b == resolved.index:
            raise SkillShiftError(
                f"--target {data.codes[b]} is the profile's own occupation; choose another"
            )
        if resolved.texts:
            embeddings, probs = self.encode_tasks(resolved, progress)
            _alpha, beta, _gamma = measures(probs, np.array(resolved.shares))
        else:
            embeddings = np.zeros((0, ctx.all_tasks.shape[1]), dtype=np.float32)
            beta = float(ctx.res.model_beta[resolved.index])
        src = self.source(resolved, embeddings, beta)
        filters = profile_filters(profile)
        scores, comps = live_scores(ctx, src)
        move = make_move(ctx, src.skills, b, float(scores[b]), comps[b])
        rejected_by = passes(
            filters,
            occupation_facts(data, ctx.res, src.index, beta=src.beta),
            occupation_facts(data, ctx.res, b),
        )
        good = rank_moves(
            ctx, src, np.arange(data.n), scores, comps, filters=filters, top=GOOD_MOVES, detailed=0
        )
        learning = learning_order(data, move, good.moves, safer_than=src.beta)
        rank = int((scores > scores[b]).sum()) + 1 - int(scores[resolved.index] > scores[b])
        direct = rank <= DIRECT_RANK
        path = None
        if not direct:
            goal = np.zeros(data.n, dtype=bool)
            goal[b] = True
            found = shortest_paths(
                data, ctx.res, src.index, goal, max_zone_step=filters.max_zone_step, limit=1
            )
            path = found[0].to_dict(data, ctx.res) if found else None
        return {
            "profile": resolved.summary(data),
            "target": move.to_dict(),
            "rank": rank,
            "direct": direct,
            "filtered_out_by": rejected_by,
            "learning_plan": [s.to_dict() for s in learning],
            "path": path,
            "empty_reason": None if (direct or path) else "no_path_within_3_steps",
        }
