"""Multi-task fine-tuning of the encoder: in-batch-negative contrastive pairs + exposure head."""

from __future__ import annotations

import math
import random
import time
from collections import defaultdict
from collections.abc import Callable
from typing import cast

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F  # noqa: N812

from app.core.messy import messy_variant
from models.bert import MiniLM
from models.common import (
    BASE_DIR,
    MAX_LENGTH,
    SEED,
    contrastive_titles,
    encoder_code,
    load_esco_skill_synonyms,
    load_labelled_tasks,
    load_occupations,
    load_task_dwa_pairs,
)
from models.heads import Layers, class_weights
from models.onnx_tools import load_tokenizer

Pair = tuple[str, str, str]  # anchor, positive, key (same key = not a negative)

HYPER = {
    "steps": 700,
    "pair_batch": 64,
    "task_batch": 40,
    "lr_encoder": 5e-5,
    "lr_head": 1e-3,
    "warmup_share": 0.06,
    "weight_decay": 0.01,
    "contrastive_scale": 20.0,
    "exposure_loss_weight": 1.5,
    "label_smoothing": 0.1,
    "class_weight_power": 0.5,
    "pair_mix": {"title": 0.55, "messy_title": 0.3, "skill": 0.05, "task_dwa": 0.1},
    "head_hidden": 256,
    "threads": 1,
    "freeze_word_embeddings": True,
    "bf16_autocast": True,
    "distil_weight": 2.0,  # only with a teacher
    "distil_titles": True,  # False: title pairs may leave the teacher (measured: no better)
    # Title pairs come from every occupation (an occupation's titles carry no exposure label);
    # titles that any search evaluation queries are never used. "training" keeps the old rule.
    "title_codes": "all",
    # Share of a title batch drawn as groups of occupations of the same SOC minor group, so the
    # in-batch negatives include the look-alikes search must tell apart.
    "hard_title_share": 0.5,
    "hard_group_size": 8,
}


class PairSource:
    """Draws contrastive pairs of each kind: titles from `contrastive_titles`, skills from ESCO,
    task → work activity links of the encoder's training occupations only."""

    def __init__(
        self,
        seed: int,
        title_codes: str = "all",
        hard_share: float = 0.0,
        group_size: int = 8,
    ) -> None:
        self.rs = np.random.default_rng(seed)
        by_code: dict[str, list[str]] = defaultdict(list)
        official = {c: t for c, (t, _) in load_occupations().items()}
        for t in contrastive_titles(title_codes):
            by_code[t.code].append(t.text)
        self.titles = [(c, official[c], alts) for c, alts in sorted(by_code.items())]
        self.flat = [(c, a) for c, _, alts in self.titles for a in alts]
        self.official = official
        self.by_code = by_code
        self.hard_share = hard_share
        self.group_size = group_size
        # Title rows grouped by SOC minor group ("29-1"): where look-alike occupations live.
        groups: dict[str, list[int]] = defaultdict(list)
        for i, (code, _) in enumerate(self.flat):
            groups[code[:4]].append(i)
        self.groups = dict(groups)
        self.skills = load_esco_skill_synonyms()
        self.dwa = [(t, d, i) for c, t, i, d in load_task_dwa_pairs() if encoder_code(c)]

    def _title_row(self, near: int | None = None) -> int:
        if near is None:
            return int(self.rs.integers(len(self.flat)))
        group = self.groups[self.flat[near][0][:4]]
        return group[int(self.rs.integers(len(group)))]

    def _title(self, near: int | None = None) -> Pair:
        code, alt = self.flat[self._title_row(near)]
        others = self.by_code[code]
        # Half the time the official title, otherwise another alternate of the same occupation.
        if self.rs.random() < 0.5 or len(others) < 2:
            pos = self.official[code]
        else:
            pos = others[self.rs.integers(len(others))]
            if pos == alt:
                pos = self.official[code]
        return alt, pos, code

    def _messy(self, near: int | None = None) -> Pair:
        code, alt = self.flat[self._title_row(near)]
        clean = alt if self.rs.random() < 0.7 else self.official[code]
        return messy_variant(clean, self.rs), clean, code

    def _skill(self) -> Pair:
        uri, alt, pref = self.skills[self.rs.integers(len(self.skills))]
        return alt, pref, uri

    def _task(self) -> Pair:
        task, dwa, key = self.dwa[self.rs.integers(len(self.dwa))]
        return task, dwa, key

    def batch(self, kind: str, size: int) -> list[Pair]:
        draw: Callable[[], Pair] = {
            "title": self._title,
            "messy_title": self._messy,
            "skill": self._skill,
            "task_dwa": self._task,
        }[kind]
        out: list[Pair] = []
        keys: set[str] = set()
        tries = 0
        hard = round(size * self.hard_share) if kind in ("title", "messy_title") else 0
        seed_row, group_left, misses = 0, 0, 0
        while len(out) < size and tries < size * 10:
            tries += 1
            grouped = len(out) < hard
            if grouped:
                # Groups of look-alikes: a random row, then others of its SOC minor group
                # (a new group once this one is full or keeps repeating occupations).
                if group_left == 0 or misses >= 3:
                    seed_row, group_left, misses = self._title_row(), self.group_size, 0
                pair = (self._title if kind == "title" else self._messy)(seed_row)
            else:
                pair = draw()
            if pair[2] not in keys:  # one pair per key keeps in-batch negatives true negatives
                keys.add(pair[2])
                out.append(pair)
                group_left -= grouped
            else:
                misses += grouped
        return out


class ExposureHead(nn.Module):
    def __init__(self, hidden: int) -> None:
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(384, hidden), nn.ReLU(), nn.Dropout(0.1), nn.Linear(hidden, 3)
        )

    def forward(self, emb: torch.Tensor) -> torch.Tensor:
        # Unit-norm embeddings have tiny components; rescale to unit variance per dimension.
        return self.net(emb * math.sqrt(384.0))


Teacher = Callable[[list[str]], np.ndarray]


def train(
    model: MiniLM, hyper: dict | None = None, teacher: Teacher | None = None
) -> tuple[Layers, dict]:
    """Fine-tune `model` in place; return the jointly trained head (numpy layers) and a log.

    With a `teacher` (texts -> unit embeddings of a larger trained encoder) the model also
    learns to reproduce the teacher's embeddings of every text it sees (weight `distil_weight`):
    a smaller student keeps more of the teacher's search quality that way.
    """
    h = dict(HYPER, **(hyper or {}))
    torch.manual_seed(SEED)
    random.seed(SEED)
    torch.set_num_threads(h["threads"])
    tok = load_tokenizer(BASE_DIR / "tokenizer.json", MAX_LENGTH)

    def enc(texts: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
        e = tok.encode_batch(texts)
        return (
            torch.tensor([x.ids for x in e], dtype=torch.int64),
            torch.tensor([x.attention_mask for x in e], dtype=torch.int64),
        )

    tasks = [t for t in load_labelled_tasks() if encoder_code(t.code)]
    y_all = np.array([t.label for t in tasks])
    cw = torch.tensor(class_weights(y_all, h["class_weight_power"]))
    pairs = PairSource(SEED, h["title_codes"], h["hard_title_share"], h["hard_group_size"])
    head = ExposureHead(h["head_hidden"])
    # Frozen word embeddings: a third of the weights, costly to update, and keeping them fixed
    # protects words that never occur in the training titles.
    model.word.weight.requires_grad_(not h["freeze_word_embeddings"])
    trainable = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    decay = [p for n, p in trainable if "norm" not in n and not n.endswith("bias")]
    no_decay = [p for n, p in trainable if "norm" in n or n.endswith("bias")]
    opt = torch.optim.AdamW(
        [
            {"params": decay, "lr": h["lr_encoder"], "weight_decay": h["weight_decay"]},
            {"params": no_decay, "lr": h["lr_encoder"], "weight_decay": 0.0},
            {"params": head.parameters(), "lr": h["lr_head"], "weight_decay": h["weight_decay"]},
        ]
    )
    steps = h["steps"]
    warm = max(1, int(steps * h["warmup_share"]))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm)))
    )
    kinds = list(h["pair_mix"])
    weights = np.array([h["pair_mix"][k] for k in kinds])
    rs = np.random.default_rng(SEED + 1)
    order = rs.permutation(len(tasks))
    cursor = 0
    model.train()
    head.train()
    started = time.time()
    history: list[dict] = []
    run_con = run_cls = run_dis = 0.0
    for step in range(steps):
        kind = kinds[rs.choice(len(kinds), p=weights / weights.sum())]
        batch = pairs.batch(kind, h["pair_batch"])
        if cursor + h["task_batch"] > len(order):
            order, cursor = rs.permutation(len(tasks)), 0
        idx = order[cursor : cursor + h["task_batch"]]
        cursor += h["task_batch"]
        anchors, positives = [p[0] for p in batch], [p[1] for p in batch]
        task_texts = [tasks[i].text for i in idx]
        # bf16 matmuls (where the CPU has them) roughly halve the step time; weights stay float32.
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=h["bf16_autocast"]):
            a = model(*enc(anchors)).float()
            b = model(*enc(positives)).float()
            emb = model(*enc(task_texts)).float()
        distil = torch.zeros(())
        if teacher is not None:
            # Title pairs may leave the teacher behind (it learnt titles no better than the base
            # model); task statements, skills and work activities stay close to it.
            free = kind in ("title", "messy_title") and not h["distil_titles"]
            texts = task_texts if free else anchors + positives + task_texts
            student = emb if free else torch.cat([a, b, emb])
            target_emb = torch.from_numpy(np.ascontiguousarray(teacher(texts), dtype=np.float32))
            distil = (1.0 - (student * target_emb).sum(dim=1)).mean()
        logits = a @ b.T * h["contrastive_scale"]
        target = torch.arange(len(batch))
        con = (F.cross_entropy(logits, target) + F.cross_entropy(logits.T, target)) / 2
        cls = F.cross_entropy(
            head(emb), torch.tensor(y_all[idx]), weight=cw, label_smoothing=h["label_smoothing"]
        )
        loss = con + h["exposure_loss_weight"] * cls + h["distil_weight"] * distil
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_([p for _, p in trainable] + list(head.parameters()), 1.0)
        opt.step()
        sched.step()
        run_con = 0.98 * run_con + 0.02 * con.item() if step else con.item()
        run_cls = 0.98 * run_cls + 0.02 * cls.item() if step else cls.item()
        run_dis = 0.98 * run_dis + 0.02 * distil.item() if step else distil.item()
        if step % 50 == 0 or step == steps - 1:
            entry = {
                "step": step,
                "contrastive": round(run_con, 4),
                "exposure": round(run_cls, 4),
                **({"distil": round(run_dis, 4)} if teacher is not None else {}),
                "seconds": round(time.time() - started, 1),
            }
            history.append(entry)
            print(entry, flush=True)
    model.eval()
    first, last = cast(nn.Linear, head.net[0]), cast(nn.Linear, head.net[3])
    scale = math.sqrt(384.0)
    layers = [
        (first.weight.detach().numpy().T * scale, first.bias.detach().numpy()),
        (last.weight.detach().numpy().T.copy(), last.bias.detach().numpy()),
    ]
    return layers, {
        "hyper_parameters": h,
        "teacher": teacher is not None,
        "train_seconds": round(time.time() - started, 1),
        "tasks": len(tasks),
        "title_pairs_pool": len(pairs.flat),
        "skill_pairs_pool": len(pairs.skills),
        "task_dwa_pool": len(pairs.dwa),
        "loss_history": history,
    }
