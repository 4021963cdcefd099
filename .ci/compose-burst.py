#!/usr/bin/env python3
"""Sends a burst of distinct photo uploads to POST /predict and checks every answer (stdlib only).

    compose-burst.py URL COUNT CONCURRENCY SALT IMAGE=LABEL [IMAGE=LABEL ...]

With BURST_MODEL=<name> in the environment every upload also carries the multipart field model=<name> (issue #18:
the api routes it to that model's queue); without it there is no such field (the default model).

Upload i is IMAGE number i % len(images) with a JPEG comment segment ("SALT-i") inserted right after the SOI marker:
the pixels stay the same, so the expected top-1 label does too, but the bytes differ. The api stores uploads and
caches answers by the SHA-256 of the bytes, so each upload becomes a job of its own, answered by a worker.

Prints one line per answer as it arrives (`<i> <status> <seconds> <top-1 label>`), so a caller can follow progress,
then a summary that names the model the answers came from. Exits 0 only when every upload got 200 with its image's
expected top-1 label.
"""
import concurrent.futures
import json
import os
import sys
import threading
import time
import urllib.error
import urllib.request

REQUEST_TIMEOUT_S = 60  # above the api's own request-timeout (30 s): the api must answer, not this client give up


def with_comment(jpeg: bytes, text: str) -> bytes:
    if jpeg[:2] != b"\xff\xd8":
        raise SystemExit("not a JPEG (no SOI marker)")
    payload = text.encode("ascii")
    # COM segment: marker FF FE, then a big-endian length that counts itself (2 bytes) and the payload.
    return jpeg[:2] + b"\xff\xfe" + (len(payload) + 2).to_bytes(2, "big") + payload + jpeg[2:]


def multipart(filename: str, data: bytes, model=None):
    boundary = "----compose-burst-" + os.urandom(8).hex()
    field = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n{model}\r\n".encode()
             if model else b"")
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n"
            "Content-Type: image/jpeg\r\n\r\n").encode()
    return field + head + data + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def upload(url: str, filename: str, data: bytes):
    body, content_type = multipart(filename, data, os.environ.get("BURST_MODEL") or None)
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": content_type})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_S) as response:
            status, text = response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as ex:
        status, text = ex.code, ex.read().decode("utf-8", "replace")
    except OSError as ex:  # refused, reset, timed out
        status, text = 0, str(ex)
    elapsed = time.monotonic() - started
    try:
        answer = json.loads(text) if status == 200 else {}
    except ValueError:
        answer = {}
    return status, elapsed, answer.get("prediction"), answer.get("model"), text


def main():
    if len(sys.argv) < 6:
        raise SystemExit(__doc__)
    url, count, concurrency, salt = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    images = []
    for spec in sys.argv[5:]:
        path, label = spec.split("=", 1)
        with open(path, "rb") as f:
            images.append((os.path.basename(path), f.read(), label))

    printing = threading.Lock()
    failures = []
    latencies = []
    models = set()

    def one(i):
        name, jpeg, expected = images[i % len(images)]
        status, elapsed, label, model, text = upload(url, name, with_comment(jpeg, f"{salt}-{i}"))
        with printing:
            print(f"{i} {status} {elapsed:.2f} {label}", flush=True)
            latencies.append(elapsed)
            if model:
                models.add(model)
            if status != 200 or label != expected:
                failures.append(f"upload {i} ({name}): status {status}, top-1 {label!r}, expected {expected!r}: "
                                f"{text[:200]}")

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(one, range(count)))
    wall = time.monotonic() - started
    latencies.sort()
    print(f"burst {salt}: {count - len(failures)}/{count} right in {wall:.1f} s (median "
          f"{latencies[len(latencies) // 2]:.1f} s, max {latencies[-1]:.1f} s; model {', '.join(sorted(models))})",
          flush=True)
    for failure in failures:
        print("FAILED " + failure, flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
