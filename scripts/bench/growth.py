#!/usr/bin/env python3
"""The driver of scripts/bench-growth.sh: runs each job at growing sizes under /usr/bin/time and
prints time, peak memory and growth exponents, then the peer ratios. See the shell script's header."""
import argparse
import gzip
import math
import os
import re
import statistics
import struct
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FASHION = "/usr/share/datasets/fashion-mnist"


def measure(cmd, timeout, cwd):
    """(wall seconds, peak RSS in MiB, stdout) of one run, or (None, None, why). The time is taken
    here (GNU time prints hundredths); the peak memory comes from GNU time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        full = ["/usr/bin/time", "-f", "%e %M", "-o", t.name, "timeout", str(timeout)] + cmd
        start = time.perf_counter()
        p = subprocess.run(full, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - start
        if p.returncode == 124:
            return None, None, "timeout"
        if p.returncode != 0:
            return None, None, f"exit {p.returncode}: {p.stderr.strip().splitlines()[-1] if p.stderr.strip() else ''}"
        fields = t.read().split()
        return wall, int(fields[-1]) / 1024, p.stdout


def series(title, sizes, make_cmd, args, work, unit="", parse=None):
    """Runs make_cmd(size) for every size, ROUNDS times each; prints the table."""
    print(f"\n## {title}")
    print(f"{'size':>10} {'seconds':>9} {'peak MiB':>9} {'growth t':>9} {'growth mem':>10}  {unit}")
    previous = None
    for n in sizes:
        times, peaks, notes = [], [], ""
        with tempfile.TemporaryDirectory() as folder:
            for _ in range(args.rounds):
                seconds, mib, out = measure(make_cmd(n, folder), args.timeout, folder)
                if seconds is None:
                    notes = out
                    break
                if parse:
                    seconds = parse(out, seconds)
                times.append(seconds)
                peaks.append(mib)
        if not times:
            print(f"{n:>10} {notes:>9}")
            previous = None
            continue
        t, m = statistics.median(times), max(peaks)
        growth_t = growth_m = ""
        if previous:
            n0, t0, m0 = previous
            w = math.log(work(n) / work(n0))
            if w > 0 and t > 0 and t0 > 0:
                e = math.log(t / t0) / w
                growth_t = f"{e:.2f}" + ("!" if e > 1.25 and t0 > 0.05 else " ")
                growth_m = f"{math.log(m / m0) / w:.2f}" + ("!" if math.log(m / m0) / w > 1.25 and m0 > 64 else " ")
        print(f"{n:>10} {t:9.3f} {m:9.1f} {growth_t:>9} {growth_m:>10}  {notes}")
        sys.stdout.flush()
        previous = (n, t, m)


def optimizer_names(trajviz):
    out = subprocess.run([trajviz, "list", "optimizers"], stdout=subprocess.PIPE, text=True, check=True).stdout
    return re.findall(r"^  ([a-z0-9_]+): ", out, re.M)


def write_idx_subset(source, folder, train_records, test_records=1000):
    """The first records of Fashion-MNIST's four files, gzipped IDX like the originals."""
    for name, count in (("train-images-idx3-ubyte", train_records), ("train-labels-idx1-ubyte", train_records),
                        ("t10k-images-idx3-ubyte", test_records), ("t10k-labels-idx1-ubyte", test_records)):
        raw = gzip.open(os.path.join(source, name + ".gz")).read()
        ndim = raw[3]
        shape = list(struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim]))
        record = math.prod(shape[1:]) if ndim > 1 else 1
        shape[0] = min(count, shape[0])
        body = raw[4 + 4 * ndim: 4 + 4 * ndim + shape[0] * record]
        with gzip.open(os.path.join(folder, name + ".gz"), "wb", compresslevel=1) as f:
            f.write(raw[:4] + struct.pack(">" + "I" * ndim, *shape) + body)


def key_values(line):
    return dict(kv.split("=", 1) for kv in line.split() if "=" in kv)


def peers(args):
    print("\n## peers (interleaved rounds, medians)")
    have = subprocess.run([sys.executable, "-c", "import torch, matplotlib, numpy"], capture_output=True).returncode == 0
    if not have:
        print("python3 cannot import torch, matplotlib and numpy: peer ratios skipped "
              "(pip install torch matplotlib numpy)")
        return
    rounds = args.peer_rounds
    with tempfile.TemporaryDirectory() as folder:
        ours, theirs, our_mib, their_mib = [], [], 0, 0
        for r in range(rounds):
            t, m, _ = measure([args.trajviz, "--surface", "rosenbrock", "--opt", "all", "--output", "t.png"], args.timeout, folder)
            ours.append(t); our_mib = max(our_mib, m)
            t, m, _ = measure([sys.executable, os.path.join(ROOT, "scripts/bench/matplotlib_figure.py"), "m.png"], args.timeout, folder)
            theirs.append(t); their_mib = max(their_mib, m)
            print(f"  figure round {r + 1}: trajviz {ours[-1]:.3f} s, torch+matplotlib {theirs[-1]:.2f} s", file=sys.stderr)
        a, b = statistics.median(ours), statistics.median(theirs)
        print(f"default figure: trajviz {a * 1000:.0f} ms ({our_mib:.1f} MiB peak), torch+matplotlib {b:.2f} s "
              f"({their_mib:.0f} MiB): {b / a:.0f}x faster (goal >= 100x, < 50 MiB)")

        ours, theirs = [], []
        for r in range(rounds):
            t, _, out = measure([args.bench, "mnist", "--epochs", "5", "--threads", "1"], args.timeout, folder)
            ours.append(dict(key_values(out.strip().splitlines()[-1]), process=t))
            t, _, out = measure([sys.executable, os.path.join(ROOT, "scripts/bench/torch_mnist.py"), "--epochs", "5",
                                 "--threads", "2"], args.timeout, folder)
            theirs.append(dict(key_values(out.strip().splitlines()[-1]), process=t))
            print(f"  mnist round {r + 1}: trajviz {float(ours[-1]['epoch_seconds']) * 1000:.1f} ms/epoch, "
                  f"torch {float(theirs[-1]['epoch_seconds']) * 1000:.1f} ms/epoch", file=sys.stderr)

        def med(rows, key):
            return statistics.median(float(r[key]) for r in rows)
        e_ours, e_theirs = med(ours, "epoch_seconds"), med(theirs, "epoch_seconds")
        print(f"MNIST epoch (784-128-10, batch 100, Adam): trajviz {e_ours * 1000:.1f} ms "
              f"({ours[0].get('kernels', '?')} kernels, 1 thread), torch {e_theirs * 1000:.1f} ms (2 threads): "
              f"{e_ours / e_theirs:.2f}x torch's time (goal <= 0.7x); accuracy after 5 epochs "
              f"{med(ours, 'accuracy'):.3f} vs {med(theirs, 'accuracy'):.3f}")
        p_ours, p_theirs = med(ours, "process"), med(theirs, "process")
        print(f"MNIST whole process (5 epochs): trajviz {p_ours:.2f} s, torch {p_theirs:.2f} s: {p_ours / p_theirs:.2f}x")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--trajviz", required=True)
    ap.add_argument("--bench", required=True)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--rounds", type=int)
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("--jobs", default="steps,optimizers,grid,epochs,records,peers")
    args = ap.parse_args()
    args.peer_rounds = args.rounds or (1 if args.quick else 5)
    args.rounds = args.rounds or (1 if args.quick else 3)
    jobs = set(args.jobs.split(","))
    tv = args.trajviz
    quick = args.quick
    print(f"# trajviz growth benchmark: {args.rounds} round(s) per size, timeout {args.timeout} s")
    print(f"# {os.uname().nodename}, {os.cpu_count()} processors, load average {os.getloadavg()[0]:.2f} at the start")

    if "steps" in jobs:
        steps = [1000, 10000] if quick else [1000, 10000, 100000, 1000000]
        linear = lambda n: n
        base = [tv, "--surface", "rosenbrock", "--opt", "all", "--steps"]
        series("figure vs steps: trajviz --surface rosenbrock --opt all --steps N --output x.png",
               steps, lambda n, d: base + [str(n), "--output", "x.png"], args, linear, "(18 paths)")
        series("CSV export vs steps: ... --steps N --csv x.csv", steps,
               lambda n, d: base + [str(n), "--csv", "x.csv"], args, linear, "(18 x (N+1) rows)")
        series("JSON export vs steps: ... --steps N --json x.json", steps,
               lambda n, d: base + [str(n), "--json", "x.json"], args, linear)

        def compare_cmd(n, d):
            path = os.path.join(d, "a.csv")
            if not os.path.exists(path):
                subprocess.run(base + [str(n), "--csv", path], check=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, timeout=args.timeout)
            return [tv, "compare", path, path]
        series("reading back: trajviz compare a.csv a.csv (the CSV of N steps)", steps, compare_cmd, args, linear)

    if "optimizers" in jobs:
        names = optimizer_names(tv)
        counts = [1, 18] if quick else sorted({1, 2, 4, 9, len(names)})
        series("figure vs optimizers: --opt FIRST_N_OF_THE_REGISTRY (500 steps)", counts,
               lambda n, d: [tv, "--surface", "rosenbrock", "--opt", ",".join(names[:n]), "--output", "x.png"],
               args, lambda n: n)

    if "grid" in jobs:
        grids = [100, 200] if quick else [100, 200, 400, 800]

        def grid_seconds(out, wall):
            phases = {m.group(1): float(m.group(2)) for m in re.finditer(r"phase=(\S+) seconds=(\S+)", out)}
            return phases["grid"] + phases["contours"]
        series("grid sampling + marching squares vs grid side G (trajviz-bench figure --grid G; seconds in-process)",
               grids, lambda n, d: [args.bench, "figure", "--grid", str(n), "--repeat", "3"], args,
               lambda n: n * n, "(G x G points, 30 levels)", parse=grid_seconds)

    if "epochs" in jobs:
        epochs = [1, 2] if quick else [1, 2, 5, 10, 20]
        series("MNIST vs epochs: trajviz mnist --opt adam --epochs E --csv x.csv (bundled 4,000/1,000)", epochs,
               lambda n, d: [tv, "mnist", "--opt", "adam", "--epochs", str(n), "--csv", "x.csv"], args, lambda n: n)

    if "records" in jobs:
        if not os.path.isdir(FASHION):
            print(f"\n## records: {FASHION} is missing (Debian's dataset-fashion-mnist); skipped")
        else:
            records = [4000, 10000] if quick else [4000, 10000, 20000, 60000]

            def records_cmd(n, d):
                data = os.path.join(d, "data")
                if not os.path.isdir(data):
                    os.makedirs(data)
                    write_idx_subset(FASHION, data, n)
                return [tv, "mnist", "--opt", "adam", "--epochs", "1", "--data", data, "--csv", "x.csv"]
            series("MNIST vs training records: Fashion-MNIST, one epoch, 1,000 test records", records, records_cmd,
                   args, lambda n: n)

    if "peers" in jobs:
        peers(args)


if __name__ == "__main__":
    main()
