"""Fit the exposure head (softmax regression or an MLP ensemble) on fixed sentence features."""

from __future__ import annotations

from typing import cast

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F  # noqa: N812

Layers = list[tuple[np.ndarray, np.ndarray]]


def class_weights(y: np.ndarray, power: float = 0.5) -> np.ndarray:
    counts = np.bincount(y, minlength=3).astype(np.float64)
    w = (counts.sum() / np.maximum(counts, 1.0)) ** power
    return (w / (w * counts).sum() * counts.sum()).astype(np.float32)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, seed: int = 0) -> Layers:
    """Multinomial logistic regression on standardised features, folded back to raw features."""
    torch.manual_seed(seed)
    mu, sd = x.mean(0), x.std(0) + 1e-6
    xt = torch.tensor((x - mu) / sd, dtype=torch.float32)
    yt = torch.tensor(y, dtype=torch.int64)
    w = torch.zeros(x.shape[1], 3, requires_grad=True)
    b = torch.zeros(3, requires_grad=True)
    opt = torch.optim.LBFGS([w, b], max_iter=500, line_search_fn="strong_wolfe")

    def closure() -> torch.Tensor:
        opt.zero_grad()
        loss = F.cross_entropy(xt @ w + b, yt) + l2 * (w * w).sum()
        loss.backward()
        return loss

    opt.step(closure)
    wn = w.detach().numpy() / sd[:, None]
    bn = b.detach().numpy() - (mu / sd) @ w.detach().numpy()
    return [(wn.astype(np.float32), bn.astype(np.float32))]


def fit_mlp_ensemble(
    x: np.ndarray,
    y: np.ndarray,
    *,
    members: int = 5,
    hidden: int = 256,
    epochs: int = 60,
    smoothing: float = 0.1,
    weight_power: float = 0.5,
    weight_decay: float = 1e-2,
    dropout: float = 0.2,
    seed: int = 0,
) -> Layers:
    """`members` one-hidden-layer MLPs (different seeds), stacked into two block matrices."""
    mu, sd = x.mean(0), x.std(0) + 1e-6
    xt = torch.tensor((x - mu) / sd, dtype=torch.float32)
    yt = torch.tensor(y, dtype=torch.int64)
    cw = torch.tensor(class_weights(y, weight_power))
    w0s, b0s, w1s, b1s = [], [], [], []
    for m in range(members):
        torch.manual_seed(seed + 1000 * m)
        net = nn.Sequential(
            nn.Dropout(dropout),
            nn.Linear(x.shape[1], hidden),
            nn.ReLU(),
            nn.Dropout(dropout),
            nn.Linear(hidden, 3),
        )
        opt = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=weight_decay)
        n = len(xt)
        steps = epochs * ((n + 127) // 128)
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=2e-3, total_steps=steps)
        gen = torch.Generator().manual_seed(seed + m)
        for _ in range(epochs):
            perm = torch.randperm(n, generator=gen)
            for i in range(0, n, 128):
                idx = perm[i : i + 128]
                loss = F.cross_entropy(net(xt[idx]), yt[idx], weight=cw, label_smoothing=smoothing)
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
        lin0, lin1 = cast(nn.Linear, net[1]), cast(nn.Linear, net[4])
        w0 = lin0.weight.detach().numpy().T / sd[:, None]
        b0 = lin0.bias.detach().numpy() - (mu / sd) @ lin0.weight.detach().numpy().T
        w0s.append(w0)
        b0s.append(b0)
        w1s.append(lin1.weight.detach().numpy().T)
        b1s.append(lin1.bias.detach().numpy())
    w0 = np.concatenate(w0s, axis=1)
    b0 = np.concatenate(b0s)
    w1 = np.zeros((members * hidden, members * 3), dtype=np.float32)
    for m in range(members):
        w1[m * hidden : (m + 1) * hidden, m * 3 : (m + 1) * 3] = w1s[m]
    return [(w0.astype(np.float32), b0.astype(np.float32)), (w1, np.concatenate(b1s))]


def head_probs(x: np.ndarray, layers: Layers, temperature: float = 1.0) -> np.ndarray:
    """Numpy twin of the ONNX head (ReLU between layers, softmax per member, mean)."""
    z = x
    for i, (w, b) in enumerate(layers):
        z = z @ w + b
        if i < len(layers) - 1:
            z = np.maximum(z, 0.0)
    z = z.reshape(len(x), -1, 3) / temperature
    z = z - z.max(-1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(-1, keepdims=True)
    return p.mean(1)


def members_of(layers: Layers) -> int:
    return layers[-1][1].shape[0] // 3


def fit_temperature(x: np.ndarray, y: np.ndarray, layers: Layers) -> float:
    """Temperature minimising log-loss of the ensemble on held-out features (grid search)."""
    best, best_t = np.inf, 1.0
    for t in np.exp(np.linspace(np.log(0.5), np.log(4.0), 41)):
        p = head_probs(x, layers, float(t))
        nll = -np.log(np.clip(p[np.arange(len(y)), y], 1e-9, 1.0)).mean()
        if nll < best:
            best, best_t = nll, float(t)
    return best_t


def combine(parts: list[tuple[Layers, float]]) -> Layers:
    """Stack two-layer heads (each with its own temperature folded in) into one ensemble.

    Every member then gets equal weight in the probability average and the graph uses T = 1.
    """
    w0 = np.concatenate([layers[0][0] for layers, _ in parts], axis=1)
    b0 = np.concatenate([layers[0][1] for layers, _ in parts])
    blocks: list[tuple[np.ndarray, np.ndarray]] = []
    for layers, t in parts:
        w1, b1 = layers[1]
        m = members_of(layers)
        hidden = w1.shape[0] // m
        blocks.extend(
            (
                w1[i * hidden : (i + 1) * hidden, i * 3 : (i + 1) * 3] / t,
                b1[i * 3 : (i + 1) * 3] / t,
            )
            for i in range(m)
        )
    sizes = [w.shape[0] for w, _ in blocks]
    w1_all = np.zeros((sum(sizes), 3 * len(blocks)), dtype=np.float32)
    row = 0
    for k, (w, _) in enumerate(blocks):
        w1_all[row : row + w.shape[0], 3 * k : 3 * k + 3] = w
        row += w.shape[0]
    b1_all = np.concatenate([b for _, b in blocks]).astype(np.float32)
    return [(w0.astype(np.float32), b0.astype(np.float32)), (w1_all, b1_all)]
