#!/usr/bin/env python3
"""Writes fuzz_probe's seed corpus (tests/fuzz/corpus/probe/): the Python probe's wire as its processes send it (a
hello line, then JSON arrays of records), for a pool, queues, locks, pipes and a killed worker, plus broken streams.
Each file starts with fuzz_probe's control byte (piece size and number of connections). Run once; the fuzzer's own
finds are added to the same directory with -merge=1."""
import hashlib
import json
import os
import sys

HELLO = b'{"hello":1,"pid":100,"ppid":1,"python":"3.11.7"}\n'


def batch(*records):
    return json.dumps(list(records), separators=(",", ":")).encode() + b"\n"


POOL = [
    [10, "ProcessSpawn", None, 101, None, {"name": "ForkPoolWorker-1", "method": "fork"}],
    [11, "ProcessSpawn", None, 102, None, {"name": "ForkPoolWorker-2", "method": "fork"}],
    [20, "ProcessReady", None, 101, None, {"name": "ForkPoolWorker-1", "parent": 100}],
    [30, "TaskSubmit", "c100:0:0", None, 3, {"fn": "sq"}],
    [31, "TaskSubmit", "c100:0:1", None, 2, {"fn": "sq"}],
    [40, "TaskDispatch", "c100:0:0", None, 3, None],
    [41, "TaskStart", "c100:0:0", 0, None, None],
    [45, "TaskEnds", "c100:0:0", 0, 0, [42, 43, 44]],
    [46, "TaskDispatch", "c100:0:1", None, 2, None],
    [47, "TaskStart", "c100:0:1", 0, None, None],
    [49, "TaskEnds", "c100:0:1", 0, 1, [48]],
    [50, "TaskResult", "c100:0:0", None, 0, None],
    [51, "TaskResult", "c100:0:1", None, 1, None],
    [60, "ProcessExit", None, 101, -15, None],
    [61, "ProcessExit", None, 102, -9, None],
]
OBJECTS = [
    [10, "ObjectCreate", "q100.1", 0, "Queue", None],
    [11, "ObjectCreate", "l100.2", -1, "Lock", None],
    [12, "ObjectCreate", "p100.3", 2, "Pipe", None],
    [13, "ObjectCreate", "v100.4", -1, "Value", {"lock": "l100.5"}],
    [20, "QueuePut", "q100.1", None, 1, None],
    [21, "QueueGetWait", "q100.1", None, 0, None],
    [22, "QueueGet", "q100.1", None, 0, None],
    [23, "LockWait", "l100.2", None, 0, None],
    [24, "LockAcquire", "l100.2", None, 100, None],
    [25, "LockRelease", "l100.2", None, 100, None],
    [26, "PipeSend", "p100.3", None, 40, None],
    [27, "PipeRecvWait", "p100.3", None, 0, None],
    [28, "PipeRecv", "p100.3", None, 0, None],
    [29, "SharedWrite", "v100.4", None, 7, None],
    [30, "ManagerCall", "m7f01", None, 0, {"method": "append", "type": "list"}],
    [31, "ProbeMode", None, None, 0, {"missing": "multiprocessing.pool", "python": "3.14.0"}],
    [32, "Nonsense", "x", None, 0, None],
]


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "probe")
    os.makedirs(out, exist_ok=True)
    seeds = [
        bytes([0]) + HELLO + batch(*POOL),
        bytes([97 + 1]) + HELLO + batch(*POOL[:6]) + batch(*POOL[6:]),
        bytes([2]) + HELLO + b"".join(batch(r) for r in POOL),  # three connections share the records
        bytes([5]) + HELLO + batch(*OBJECTS),
        bytes([0]) + HELLO + b"[[1,\"QueuePut\"",  # cut in the middle
        bytes([0]) + b"[[1,\"QueuePut\",\"q\",null,1,null]]\n",  # no hello
        bytes([0]) + HELLO + b"{\"not\":\"a batch\"}\n",
        bytes([0]) + HELLO + batch([1e300, "TaskStart", "c", 0, 0, None], [-5, "QueuePut", "q", None, 1, None],
                                   [1, "TaskEnds", "c100:0:0", 0, 0, [1, 2, 3, 4, 5, 6]],
                                   [1, "TaskSubmit", "c100:0:9", None, 1 << 40, None]),
    ]
    for s in seeds:
        with open(os.path.join(out, hashlib.sha1(s).hexdigest()), "wb") as f:
            f.write(s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
