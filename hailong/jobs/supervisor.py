"""A tiny process supervisor for the embedded mode (``hailong run-demo``).

Starts child processes, forwards SIGINT/SIGTERM to all of them, and stops everything as soon as
any one of them exits. Children run in their own process group, so a Ctrl-C in the terminal
reaches them once, through us, instead of twice.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import time
from dataclasses import dataclass, field
from types import FrameType

logger = logging.getLogger(__name__)


@dataclass
class Supervisor:
    commands: dict[str, list[str]]
    stop_timeout: float = 30.0
    poll: float = 0.2
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    stopping: bool = False

    def start(self) -> None:
        for name, argv in self.commands.items():
            self.processes[name] = subprocess.Popen(argv, process_group=0)  # noqa: S603
            logger.info("started %s (pid %d)", name, self.processes[name].pid)

    def run(self) -> int:
        """Start the children, wait until one exits or we are told to stop; return an exit code.

        1. Install handlers that turn SIGINT/SIGTERM into a stop request.
        2. Poll until a child exits or a stop is requested.
        3. Stop the others (SIGTERM, then SIGKILL after ``stop_timeout``).
        4. Exit 0 when asked to stop, else the dead child's code (1 if it was 0).
        """
        previous = {sig: signal.signal(sig, self._request_stop) for sig in self._signals()}
        try:
            self.start()
            dead = self._wait_for_exit()
        finally:
            self.stop_all()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if dead is None:
            return 0
        logger.error("%s exited with code %s, stopping the others", dead, self._code(dead))
        return self._code(dead) or 1

    def _signals(self) -> tuple[signal.Signals, ...]:
        return (signal.SIGINT, signal.SIGTERM)

    def _request_stop(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True

    def _code(self, name: str) -> int:
        """The child's exit code, shell style (128 + N when signal N killed it)."""
        code = self.processes[name].returncode or 0
        return 128 - code if code < 0 else code

    def _wait_for_exit(self) -> str | None:
        while not self.stopping:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    return name
            time.sleep(self.poll)
        return None

    def stop_all(self) -> None:
        running = [p for p in self.processes.values() if p.poll() is None]
        for process in running:
            process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + self.stop_timeout
        for process in running:
            try:
                process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                logger.warning("pid %d did not stop in time, killing it", process.pid)
                process.kill()
                process.wait()
