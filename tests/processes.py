"""Stopping a server process a test started."""

from __future__ import annotations

import subprocess

# How long a test waits for a server process to come up: importing the synthesis libraries
# and upgrading the database take seconds, and many more on a loaded machine; how fast it
# starts is not what the tests check.
STARTUP_SECONDS = 120


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
