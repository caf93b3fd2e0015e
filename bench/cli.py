"""Start-up time of the ``dxmon`` command against a bare Python interpreter.

Runs, in fresh processes and in the same run, ``python -c pass`` (the floor: the interpreter
alone), ``dxmon --help`` and ``dxmon agencies``, and prints the best of N wall times and each
one's ratio to the floor. Target: ``dxmon --help`` and ``dxmon agencies`` under 0.3 s.

    python bench/cli.py [--repeat 10]
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from timing import best_of

TARGET_SECONDS = 0.3
COMMANDS: dict[str, list[str]] = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "dxmon --help": [sys.executable, "-m", "dxmon.cli.app", "--help"],
    "dxmon agencies": [sys.executable, "-m", "dxmon.cli.app", "agencies", "--as-of",
                       "2024-06-30"],
}


def _run(command: list[str]) -> None:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--repeat", type=int, default=10)
    repeat = arguments.parse_args().repeat
    for command in COMMANDS.values():
        _run(command)  # warm the file cache and the bytecode
    seconds = {name: best_of(repeat, lambda c=command: _run(c))  # type: ignore[misc]
               for name, command in COMMANDS.items()}
    floor = seconds["python -c pass"]
    print(f"best of {repeat} runs; target < {TARGET_SECONDS} s for dxmon")
    print(f"{'command':16} {'seconds':>8} {'× python':>9} {'target':>8}")
    for name, value in seconds.items():
        verdict = "" if name.startswith("python") else (
            "met" if value < TARGET_SECONDS else "MISSED")
        print(f"{name:16} {value:8.3f} {value / floor:9.1f} {verdict:>8}")


if __name__ == "__main__":
    main()
