"""Export the encoder to ONNX, quantise it, graft the exposure head and run it with onnxruntime."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from tokenizers import Tokenizer

from models.bert import MiniLM
from models.common import MAX_LENGTH


def load_tokenizer(path: Path, max_length: int = MAX_LENGTH) -> Tokenizer:
    """The tokenizer as the runtime uses it: pad to the longest in the batch, truncate."""
    tok = Tokenizer.from_file(str(path))
    tok.no_padding()
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    tok.enable_truncation(max_length=max_length)
    return tok


def write_runtime_tokenizer(base_tokenizer: Path, out: Path, max_length: int = MAX_LENGTH) -> None:
    """Ship the base tokenizer with its fixed 128-token padding removed and truncation set."""
    tok = Tokenizer.from_file(str(base_tokenizer))
    tok.no_padding()
    tok.enable_truncation(max_length=max_length)
    tok.save(str(out), pretty=False)


def export_encoder(model: MiniLM, out: Path) -> None:
    """ONNX graph: (input_ids, attention_mask) -> embedding [batch, 384]."""
    model.eval()
    ids = torch.tensor([[101, 2000, 2001, 102], [101, 2003, 102, 0]], dtype=torch.int64)
    mask = (ids != 0).to(torch.int64)
    with torch.no_grad():
        torch.onnx.export(
            model,
            (ids, mask),
            str(out),
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "seq"},
                "attention_mask": {0: "batch", 1: "seq"},
                "embedding": {0: "batch"},
            },
            opset_version=17,
            dynamo=False,
        )


def quantise(src: Path, out: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.quantization.shape_inference import quant_pre_process

    pre = out.with_suffix(".pre.onnx")
    quant_pre_process(str(src), str(pre), skip_symbolic_shape=True)
    quantize_dynamic(str(pre), str(out), per_channel=True, weight_type=QuantType.QInt8)
    pre.unlink()


def add_head(
    src: Path,
    out: Path,
    layers: Sequence[tuple[np.ndarray, np.ndarray]],
    members: int,
    temperature: float,
) -> None:
    """Append a float head to the `embedding` output: an ensemble of `members` small MLPs.

    `layers` are (weight [in, out], bias [out]) of the stacked ensemble; hidden layers use ReLU,
    the last gives members*3 logits that are averaged as probabilities after temperature scaling.
    """
    model = onnx.load(str(src))
    graph = model.graph
    name = "embedding"
    for i, (weight, bias) in enumerate(layers):
        w_name, b_name = f"head_w{i}", f"head_b{i}"
        graph.initializer.extend(
            [
                numpy_helper.from_array(weight.astype(np.float32), w_name),
                numpy_helper.from_array(bias.astype(np.float32), b_name),
            ]
        )
        graph.node.append(helper.make_node("MatMul", [name, w_name], [f"head_mm{i}"]))
        graph.node.append(helper.make_node("Add", [f"head_mm{i}", b_name], [f"head_z{i}"]))
        name = f"head_z{i}"
        if i < len(layers) - 1:
            graph.node.append(helper.make_node("Relu", [name], [f"head_a{i}"]))
            name = f"head_a{i}"
    graph.initializer.extend(
        [
            numpy_helper.from_array(np.array([0, members, 3], dtype=np.int64), "head_shape"),
            numpy_helper.from_array(np.array([1.0 / temperature], dtype=np.float32), "head_inv_t"),
        ]
    )
    opset = next(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))
    if opset >= 18:  # ReduceMean takes its axes as an input from opset 18 on
        graph.initializer.append(
            numpy_helper.from_array(np.array([1], dtype=np.int64), "head_axes")
        )
        mean = helper.make_node(
            "ReduceMean", ["head_member_probs", "head_axes"], ["exposure_probs"], keepdims=0
        )
    else:
        mean = helper.make_node(
            "ReduceMean", ["head_member_probs"], ["exposure_probs"], axes=[1], keepdims=0
        )
    graph.node.extend(
        [
            helper.make_node("Reshape", [name, "head_shape"], ["head_logits"]),
            helper.make_node("Mul", ["head_logits", "head_inv_t"], ["head_scaled"]),
            helper.make_node("Softmax", ["head_scaled"], ["head_member_probs"], axis=-1),
            mean,
        ]
    )
    graph.output.append(
        helper.make_tensor_value_info("exposure_probs", TensorProto.FLOAT, ["batch", 3])
    )
    onnx.checker.check_model(model)
    onnx.save(model, str(out))


class OrtModel:
    """onnxruntime CPU session plus tokenizer; runs the graph in length-sorted batches."""

    def __init__(
        self, model: Path, tokenizer: Path, max_length: int = MAX_LENGTH, threads: int = 2
    ) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # The same graph fusions as the app's CPU sessions, so the head is fitted on the numbers
        # the app will see.
        from app.core.encoder import CPU_DISABLED_OPTIMIZERS

        self.session = ort.InferenceSession(
            str(model),
            options,
            providers=["CPUExecutionProvider"],
            disabled_optimizers=list(CPU_DISABLED_OPTIMIZERS),
        )
        self.outputs = [o.name for o in self.session.get_outputs()]
        self.tokenizer = load_tokenizer(tokenizer, max_length)

    def run(
        self, texts: Sequence[str], batch: int = 64, outputs: Sequence[str] | None = None
    ) -> dict[str, np.ndarray]:
        names = list(outputs or self.outputs)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        results: dict[str, list[np.ndarray]] = {o: [] for o in names}
        for start in range(0, len(order), batch):
            chunk = [texts[i] for i in order[start : start + batch]]
            enc = self.tokenizer.encode_batch(chunk)
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            for name, value in zip(
                names,
                self.session.run(names, {"input_ids": ids, "attention_mask": mask}),
                strict=True,
            ):
                results[name].append(value)
        inverse = np.argsort(np.array(order, dtype=np.int64))
        return {k: np.concatenate(v)[inverse] if v else np.zeros((0,)) for k, v in results.items()}
