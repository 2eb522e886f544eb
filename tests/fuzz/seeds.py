#!/usr/bin/env python3
"""Writes the frame decoder's seed corpus (tests/fuzz/corpus/frame/): every message type of the worker channel
and the manager's, framed as wire.h says, plus broken streams. Each file starts with fuzz_frame's control byte.
Run once; the fuzzer's own finds are added to the same directory with -merge=1."""
import os
import struct
import sys


def cbor_head(major, n):
    if n < 24:
        return bytes([major << 5 | n])
    for extra, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if n < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | extra]) + struct.pack(fmt, n)
    raise ValueError(n)


def cbor(v):
    if v is None:
        return b"\xf6"
    if v is True or v is False:
        return b"\xf5" if v else b"\xf4"
    if isinstance(v, int):
        return cbor_head(0, v) if v >= 0 else cbor_head(1, -1 - v)
    if isinstance(v, float):
        return b"\xfb" + struct.pack(">d", v)
    if isinstance(v, bytes):
        return cbor_head(2, len(v)) + v
    if isinstance(v, str):
        b = v.encode()
        return cbor_head(3, len(b)) + b
    if isinstance(v, list):
        return cbor_head(4, len(v)) + b"".join(cbor(x) for x in v)
    if isinstance(v, dict):
        return cbor_head(5, len(v)) + b"".join(cbor(k) + cbor(x) for k, x in v.items())
    raise TypeError(v)


PREAMBLE = b"PLAB" + struct.pack("<H", 1) + b"\0\0"
WHOLE, WITH_PREAMBLE = 0x00, 0x10


def frame(body):
    return struct.pack("<I", len(body)) + body


def msg(*fields):
    return frame(cbor(list(fields)))


T = 123456789012345
SEEDS = {
    # engine -> worker
    "init": msg(1, 0, "SpawnPoolWorker-1", 0, 0),
    "define": msg(2, 1, "spin", {"ms": 3.0}),
    "chunk": msg(3, 7, 1, 14, 2, [[1.5], [2.5]]),
    "run": msg(4, 1, ["bob"]),
    "quit": msg(5),
    # worker -> engine
    "ready": msg(20, 4242, 4241, T),
    "started": msg(21, 7, T + 10),
    "done": msg(22, 7, 2, [1, "x", None, 2.5], [T, T + 5, T + 6, T + 9, T + 10, T + 11, T + 12, T + 13], None, T + 14),
    "done-error": msg(22, 9, 1, [None], [T, T + 5], {0: ["ZeroDivisionError", "division by zero"]}, T + 6),
    "rundone": msg(23, 1, "ValueError", "bad value"),
    "events": msg(24, [T, 11, 3, -1, 1, T + 1, 13, 3, -1, 0, T + 2, 17, 5, -1, 4242, T + 3, 99, 0, 0, 0]),
    "fatal": msg(25, "no such kernel 'x'"),
    # manager
    "manager-config": msg(40, 1, "/tmp/proclab-manager-1", b"\x01" * 32),
    "manager-hello": msg(1, 1, b"\x01" * 32, 4242),
    "manager-call": msg(3, 5, 1, 2, ["key", 42]),
    "manager-result": msg(21, 5, {"key": 42, "list": [1, 2, 3]}),
    "manager-error": msg(22, 5, "KeyError", "'key'"),
    # several frames in one stream, and tagged values the engine never sends
    "sequence": msg(20, 1, 0, T) + msg(21, 0, T) + msg(22, 0, 1, [0], [T, T], None, T) + msg(5),
    "tags": frame(b"\x83\x18\x14" + b"\xc0" + cbor("2026-11-21T19:55:00Z") + b"\xd8\x20" + cbor("https://example.org/")),
    # broken
    "truncated-length": msg(5)[:2],
    "truncated-body": msg(25, "the worker died mid-frame")[:-5],
    "oversize": struct.pack("<I", 0xFFFFFFF0) + b"\x80",
    "empty-array": frame(b"\x80"),
    "not-array": frame(cbor({"type": 20})),
    "text-type": frame(cbor(["Ready", 1])),
    "malformed": frame(b"\x9f\x01\x02"),
    "deep": frame(b"\x81" * 2000 + b"\x01"),
    "zero-length": frame(b""),
    "indefinite": frame(b"\x9f\x14\x01\x02\x03\xff"),
}

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus", "frame")
os.makedirs(out, exist_ok=True)
for name, data in SEEDS.items():
    with open(os.path.join(out, name), "wb") as f:
        f.write(bytes([WITH_PREAMBLE]) + data)
with open(os.path.join(out, "bad-magic"), "wb") as f:
    f.write(bytes([WHOLE]) + b"XLAB" + PREAMBLE[4:] + msg(5))
with open(os.path.join(out, "bad-version"), "wb") as f:
    f.write(bytes([WHOLE]) + b"PLAB" + struct.pack("<H", 9) + b"\0\0" + msg(5))
# Cut into 3-byte pieces, repeated 50 times: crosses the reader's 64 KiB compaction point.
with open(os.path.join(out, "long-stream"), "wb") as f:
    f.write(bytes([WITH_PREAMBLE | 0xE0 | 3]) + SEEDS["done"] * 8 + SEEDS["events"] * 4)
