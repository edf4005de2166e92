"""Speed and size benchmark (`make bench`): prints one table. Not a test: nothing here asserts on speed.

Rows: the real build (both languages) and the time spent in our own hooks; bytes on the wire (gzip, from the access
log of nginx running deploy/nginx.conf) for a first visit to a procedure page and a repeat visit to another one;
Lighthouse mobile scores for home, a procedure, a letter and an exclusion in zh and en; and a scale run with
synthetic records (build time, peak memory of the build, site size, median page size).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from handbook.paths import BUILD_DIR_VARIABLE
from handbook.synthetic import generate
from handbook.timings import TIMINGS_VARIABLE, read_timings, timings_file
from tests.support import CHROMIUM_ARGS, PHONE, ROOT, chromium_path, free_port, launch_chromium, run_build
from tests.support.nginx import running_nginx
from tools import bench_insights

PROCEDURE, OTHER_PROCEDURE = "/procedures/renewal-reminder/", "/procedures/claims-assistance/"
LIGHTHOUSE_PAGES = [("home", ""), ("procedure", "procedures/renewal-reminder/"),
                    ("letter", "letters/renewal-premium-notice/"), ("exclusion", "exclusions/grace-period-lapse/")]
LIGHTHOUSE_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def mb(n: float) -> str:
    return f"{n / 1024 / 1024:,.1f} MB"


# ---------- builds (each measured in its own process, so getrusage(RUSAGE_CHILDREN) is that build's peak) ----------

def measure_build(site: Path, data_dir: Path | None) -> dict:
    """Build once with hook timings on; return time, hooks, peak memory, site size and median page size."""
    timings_file(ROOT).unlink(missing_ok=True)
    started = time.perf_counter()
    env = {TIMINGS_VARIABLE: "1", BUILD_DIR_VARIABLE: str(site.parent / f"{site.name}-build")}  # not the shared .build/docs
    done = run_build(site, data_dir=data_dir, extra_env=env)
    seconds = time.perf_counter() - started
    shutil.rmtree(env[BUILD_DIR_VARIABLE], ignore_errors=True)
    if done.returncode != 0:
        raise SystemExit(f"build failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    pages = [p.stat().st_size for p in site.rglob("*.html")]
    return {
        "seconds": seconds, "hooks": read_timings(ROOT), "pages": len(pages),
        "peak_rss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,  # Linux reports KiB
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "median_page": statistics.median(pages),
    }


def build_in_child(site: Path, records: int | None) -> dict:
    """Run one measured build in a fresh Python process (synthetic data when records is given)."""
    cmd = [sys.executable, "-m", "tools.bench", "--measure-build", str(site)] + (["--records", str(records)] if records else [])
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"measured build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def child_main(site: Path, records: int | None) -> int:
    """The --measure-build mode: generate data if asked, build, print one JSON line."""
    data_dir = None
    if records:
        data_dir = site.parent / f"data-{records}"
        generate(data_dir, records)
    result = measure_build(site, data_dir)
    if data_dir is not None:
        shutil.rmtree(data_dir, ignore_errors=True)
    print(json.dumps(result))
    return 0


# ---------- bytes on the wire, from nginx's access log ----------

class AccessLog:
    """Bytes nginx sent (headers and compressed body) since the last mark."""

    def __init__(self, path: Path):
        self.path = path
        self.offset = 0

    def mark(self) -> None:
        self.offset = self.path.stat().st_size if self.path.exists() else 0

    def settle(self) -> None:
        """Wait until nothing has been logged for a second (the service worker may still be precaching)."""
        last, quiet = -1, 0
        while quiet < 10:
            size = self.path.stat().st_size if self.path.exists() else 0
            quiet = quiet + 1 if size == last else 0
            last = size
            time.sleep(0.1)

    def bytes_since_mark(self) -> tuple[int, int]:
        self.settle()
        with self.path.open("rb") as f:
            f.seek(self.offset)
            lines = f.read().decode("utf-8", errors="replace").splitlines()
        return sum(int(line.split()[3]) for line in lines if len(line.split()) >= 4), len(lines)


def page_weights(browser, base: str, log: AccessLog) -> dict:
    """First visit without and with the service worker, a repeat visit, and the first search."""
    out = {}
    for label, workers in (("first_no_sw", "block"), ("first", "allow")):
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, service_workers=workers)
        page = context.new_page()
        log.mark()
        page.goto(base + PROCEDURE)
        page.wait_for_load_state("networkidle")
        if workers == "allow":
            page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
        out[label] = log.bytes_since_mark()
        if workers == "allow":
            log.mark()
            page.goto(base + OTHER_PROCEDURE)
            page.wait_for_load_state("networkidle")
            out["repeat"] = log.bytes_since_mark()
            log.mark()
            page.click("[data-hb-search-open]")
            page.fill("#hb-search-input", "宽限期")
            page.wait_for_selector("#hb-search .hb-result__link", timeout=30_000)
            out["search"] = log.bytes_since_mark()
        context.close()
    return out


# ---------- Lighthouse ----------

def lighthouse(url: str, workdir: Path) -> dict[str, int]:
    """Mobile Lighthouse scores (0-100) for one URL, with Debian's Chromium."""
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        raise SystemExit("Lighthouse is not installed: run `make bench` (it runs npm ci with dev dependencies)")
    workdir.mkdir(parents=True, exist_ok=True)
    report = workdir / "lighthouse.json"
    report.unlink(missing_ok=True)
    flags = " ".join(CHROMIUM_ARGS)
    cmd = [str(binary), url, "--quiet", "--output=json", f"--output-path={report}", f"--chrome-flags={flags}",
           f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}"]
    env = {**os.environ, "CHROME_PATH": chromium_path()}
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False, timeout=300)
    if done.returncode != 0 or not report.exists():
        return {}
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {c: round((categories[c]["score"] or 0) * 100) for c in LIGHTHOUSE_CATEGORIES}


# ---------- the table ----------

def hook_split(hooks: dict[str, float]) -> str:
    """Seconds in each hook step (content = validate and render, run once per language), and their total."""
    steps = " / ".join(f"{hooks.get(k, 0):.1f} s" for k in ("prepare", "search_index", "offline"))
    return f"{steps} (total {sum(hooks.values()):.1f} s)"


def table(rows: list[tuple[str, str]]) -> str:
    width = max(len(r[0]) for r in rows)
    lines = [f"| {'Measure'.ljust(width)} | Value |", f"|{'-' * (width + 2)}|-------|"]
    lines += [f"| {name.ljust(width)} | {value} |" for name, value in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="100,500,2000", help="total synthetic records per scale step (default 100,500,2000)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse runs")
    parser.add_argument("--no-scale", action="store_true", help="skip the synthetic scale run")
    parser.add_argument("--measure-build", type=Path, metavar="SITE", help=argparse.SUPPRESS)
    parser.add_argument("--records", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure_build:
        return child_main(args.measure_build, args.records)

    from playwright.sync_api import sync_playwright

    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as tmp_name:
        tmp = Path(tmp_name)
        real = build_in_child(tmp / "site", None)
        hooks = real["hooks"]
        rows.append((f"Build, real site ({real['pages']} pages, zh + en)", f"{real['seconds']:.1f} s, peak {mb(real['peak_rss'])}"))
        rows.append(("  of which our hooks: content / Pagefind / offline files", hook_split(hooks)))
        rows.append(("  site size, median page (HTML, uncompressed)", f"{mb(real['site_bytes'])}, {kb(real['median_page'])}"))

        with running_nginx(tmp / "site", free_port(), tmp / "nginx") as base, sync_playwright() as p:
            browser = launch_chromium(p)
            weights = page_weights(browser, base, AccessLog(tmp / "nginx" / "access.log"))
            browser.close()
            rows.append((f"First visit {PROCEDURE} (gzip, no service worker)", f"{kb(weights['first_no_sw'][0])} in {weights['first_no_sw'][1]} requests"))
            rows.append(("First visit with the offline precache", f"{kb(weights['first'][0])} in {weights['first'][1]} requests"))
            rows.append((f"Repeat visit {OTHER_PROCEDURE}", f"{kb(weights['repeat'][0])} in {weights['repeat'][1]} requests"))
            rows.append(("First search 宽限期 (on the wire, headers included)", f"{kb(weights['search'][0])} in {weights['search'][1]} requests"))
            if not args.no_lighthouse:
                for lang, prefix in (("zh", ""), ("en", "en/")):
                    for name, path in LIGHTHOUSE_PAGES:
                        scores = lighthouse(f"{base}/{prefix}{path}", tmp / "lighthouse")
                        value = " / ".join(str(scores[c]) for c in LIGHTHOUSE_CATEGORIES) if scores else "failed"
                        rows.append((f"Lighthouse mobile {lang} {name} (perf / a11y / best practices / SEO)", value))
        shutil.rmtree(tmp / "site", ignore_errors=True)

        if not args.no_scale:
            medians = {}
            for records in [int(n) for n in args.scale.split(",") if n.strip()]:
                r = build_in_child(tmp / f"site-{records}", records)
                shutil.rmtree(tmp / f"site-{records}", ignore_errors=True)
                medians[records] = r["median_page"]
                rows.append((f"Scale {records} records ({r['pages']} pages): build (content / Pagefind / offline), peak memory",
                             f"{r['seconds']:.1f} s (hooks: {hook_split(r['hooks'])}), {mb(r['peak_rss'])}"))
                rows.append((f"Scale {records} records: site size, median page", f"{mb(r['site_bytes'])}, {kb(r['median_page'])}"))
            if len(medians) > 1:
                low, high = min(medians), max(medians)
                rows.append((f"Median page at {high} vs {low} records", f"{medians[high] / medians[low]:.2f}x"))
        seconds, _ = bench_insights.measure(1_000_000, tmp)
        rows.append(("`handbook insights` on a 1,000,000-line log", f"{seconds:.1f} s"))
    print(table(rows))
    (ROOT / ".build").mkdir(exist_ok=True)
    (ROOT / ".build" / "bench.md").write_text(table(rows) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
