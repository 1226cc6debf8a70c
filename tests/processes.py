"""Stopping a server process a test started."""

from __future__ import annotations

import subprocess


def stop(proc: subprocess.Popen[bytes] | subprocess.Popen[str]) -> None:
    """SIGTERM, as docker stop sends it, then wait. A loaded machine may take a while to
    finish the process's shutdown (the digest worker, the scheduler); that is not what the
    tests check, so after a minute the process is killed."""
    proc.terminate()
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
