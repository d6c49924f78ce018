"""A small BERT encoder in plain torch (MiniLM-L6 layout) with mean pooling, for fine-tuning and export."""

from __future__ import annotations

import json
import math
from pathlib import Path

import torch
from safetensors.torch import load_file
from torch import nn
from torch.nn import functional as F  # noqa: N812


class _Layer(nn.Module):
    def __init__(self, dim: int, heads: int, inner: int, eps: float) -> None:
        super().__init__()
        self.heads = heads
        self.query = nn.Linear(dim, dim)
        self.key = nn.Linear(dim, dim)
        self.value = nn.Linear(dim, dim)
        self.attn_out = nn.Linear(dim, dim)
        self.attn_norm = nn.LayerNorm(dim, eps=eps)
        self.inner = nn.Linear(dim, inner)
        self.outer = nn.Linear(inner, dim)
        self.out_norm = nn.LayerNorm(dim, eps=eps)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, s, d = x.shape
        h = self.heads

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(b, s, h, d // h).transpose(1, 2)

        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        # Explicit attention (not SDPA) so the ONNX graph is plain MatMul/Softmax.
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d // h) + bias
        probs = self.dropout(torch.softmax(scores, dim=-1))
        ctx = torch.matmul(probs, v).transpose(1, 2).reshape(b, s, d)
        x = self.attn_norm(x + self.dropout(self.attn_out(ctx)))
        y = self.outer(F.gelu(self.inner(x)))
        return self.out_norm(x + self.dropout(y))


class MiniLM(nn.Module):
    """BERT encoder returning the L2-normalised mean of token states over the attention mask."""

    def __init__(self, config: dict) -> None:
        super().__init__()
        dim = config["hidden_size"]
        eps = config["layer_norm_eps"]
        self.word = nn.Embedding(config["vocab_size"], dim)
        self.position = nn.Embedding(config["max_position_embeddings"], dim)
        self.token_type = nn.Embedding(config["type_vocab_size"], dim)
        self.emb_norm = nn.LayerNorm(dim, eps=eps)
        self.emb_dropout = nn.Dropout(0.1)
        self.layers = nn.ModuleList(
            _Layer(dim, config["num_attention_heads"], config["intermediate_size"], eps)
            for _ in range(config["num_hidden_layers"])
        )

    def pooled(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        seq = input_ids.shape[1]
        positions = torch.arange(seq, device=input_ids.device).unsqueeze(0)
        # Single-segment inputs: token type 0 everywhere, folded in as a constant row.
        x = self.word(input_ids) + self.position(positions) + self.token_type.weight[0]
        x = self.emb_dropout(self.emb_norm(x))
        mask = attention_mask.to(x.dtype)
        bias = ((1.0 - mask) * -10000.0)[:, None, None, :]
        for layer in self.layers:
            x = layer(x, bias)
        summed = (x * mask.unsqueeze(-1)).sum(dim=1)
        count = mask.sum(dim=1, keepdim=True).clamp(min=1.0)
        return summed / count

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return F.normalize(self.pooled(input_ids, attention_mask), p=2.0, dim=-1, eps=1e-12)


_RENAMES = {
    "attention.self.query": "query",
    "attention.self.key": "key",
    "attention.self.value": "value",
    "attention.output.dense": "attn_out",
    "attention.output.LayerNorm": "attn_norm",
    "intermediate.dense": "inner",
    "output.dense": "outer",
    "output.LayerNorm": "out_norm",
}


def load_base(base_dir: Path) -> MiniLM:
    """Build the module from a sentence-transformers folder (config.json + model.safetensors)."""
    config = json.loads((base_dir / "config.json").read_text())
    model = MiniLM(config)
    source = load_file(str(base_dir / "model.safetensors"))
    state: dict[str, torch.Tensor] = {}
    for key, value in source.items():
        if key.startswith(("pooler.", "embeddings.position_ids")):
            continue
        if key.startswith("embeddings."):
            rest = key[len("embeddings.") :]
            rest = (
                rest.replace("word_embeddings", "word")
                .replace("position_embeddings", "position")
                .replace("token_type_embeddings", "token_type")
                .replace("LayerNorm", "emb_norm")
            )
            state[rest] = value
            continue
        parts = key.split(".")  # encoder.layer.N.<module path>.weight
        inner = ".".join(parts[3:-1])
        state[f"layers.{parts[2]}.{_RENAMES[inner]}.{parts[-1]}"] = value
    model.load_state_dict(state, strict=True)
    return model


def kept_layer_indices(total: int, keep: int) -> list[int]:
    """`keep` evenly spaced layers of `total`, always ending with the top one."""
    if not 1 <= keep <= total:
        raise ValueError(f"keep must be between 1 and {total}, not {keep}")
    step = total / keep
    return [total - 1 - round(i * step) for i in reversed(range(keep))]


def keep_layers(model: MiniLM, keep: int) -> list[int]:
    """Drop all but `keep` evenly spaced layers in place (a smaller, faster student)."""
    indices = kept_layer_indices(len(model.layers), keep)
    model.layers = nn.ModuleList(model.layers[i] for i in indices)
    return indices
