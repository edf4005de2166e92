"""How long `handbook insights` takes to summarise a large events log (default: 1 million lines)."""
from __future__ import annotations

import argparse
import random
import time
from pathlib import Path
from urllib.parse import quote

from handbook.insights import summarise

QUERIES = ["宽限期", "原位癌", "等待期", "酒驾", "lapse notice", "grace period", "客户联系不上怎么办", "断保"]
RECORDS = ["glossary/grace-period", "exclusions/carcinoma-in-situ", "procedures/normal-case", "letters/lapse-notice"]


def write_log(path: Path, lines: int, seed: int = 7) -> None:
    """A synthetic log mixing events (all kinds), page reads in an access-log format and a few bad lines."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        for i in range(lines):
            pick = rng.random()
            lang = "en" if rng.random() < 0.3 else "zh"
            if pick < 0.3:
                out.write(f"2026-12-01T09:00:00+08:00\te=no-result&q={quote(rng.choice(QUERIES))}&p=%2F&l={lang}\n")
            elif pick < 0.5:
                out.write(f"2026-12-01T09:00:00+08:00\te=opened&q={quote(rng.choice(QUERIES))}&to=%2F{quote(rng.choice(RECORDS), safe='')}%2F&l={lang}\n")
            elif pick < 0.7:
                ref = rng.choice(RECORDS)
                out.write(f"2026-12-01T09:00:00+08:00\te=helpful&p=%2F&r={quote(ref, safe='')}&v=no&why=outdated%2Cwrong&c=%E4%BE%8B&l={lang}\n")
            elif pick < 0.999:
                prefix = "/en" if lang == "en" else ""
                out.write(f'127.0.0.1 - - [01/Dec/2026:09:00:00 +0800] "GET {prefix}/{rng.choice(RECORDS)}/ HTTP/1.1" 200 5120 "-" "-"\n')
            else:
                out.write(f"garbage line {i}\n")


def measure(lines: int, workdir: Path) -> tuple[float, int]:
    """Seconds to summarise a log of `lines` lines, and the bad lines it skipped."""
    log = workdir / "events.log"
    write_log(log, lines)
    started = time.perf_counter()
    summary = summarise([log])
    return time.perf_counter() - started, summary.bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    import tempfile
    with tempfile.TemporaryDirectory(prefix="handbook-insights-") as tmp:
        seconds, bad = measure(args.lines, Path(tmp))
    print(f"insights: {args.lines:,} log lines in {seconds:.1f} s ({bad:,} bad lines skipped)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
