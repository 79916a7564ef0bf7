#!/usr/bin/env python3
"""Random cases of the textbook, Keras and optax families, each run by its real package (through
gen_families.run) and by trajviz (`--csv -`), compared within 1e-9 relative at every step.

usage: check_families.py TRAJVIZ [--cases N] [--seed S] [--steps K] [--only PREFIX] [--schedules]

The committed fixture (Tests/SteppingTests/Fixtures/families.json) holds chosen cases; this draws
new ones: a random optimizer of a family, random values for each of its options (flags, both ways;
at most one Keras clip; weight decay, eps_root and the like sometimes set), a random surface and a
start near its own, and with --schedules a random torch schedule after '@'. A case whose reference
leaves the floats is compared up to where it stops. Exit status 1 if any case differs; each
difference is printed with its spec so it can be rerun by hand.
"""
import argparse
import csv
import io
import math
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_families as gf  # noqa: E402
from gen_reference import START  # noqa: E402

# Each family's options (trajviz's spec keys) and how to draw them.
OPTIONS = {
    "textbook.sgd": [], "textbook.momentum": ["momentum"], "textbook.nesterov": ["momentum"],
    "textbook.adagrad": [], "textbook.rmsprop": ["decay_rate"], "textbook.adam": ["beta1", "beta2"],
    "keras.sgd": ["momentum", "nesterov", "KBASE"], "keras.rmsprop": ["rho", "momentum", "epsilon", "centered", "KBASE"],
    "keras.adagrad": ["initial_accumulator_value", "epsilon", "KBASE"], "keras.adadelta": ["rho", "epsilon", "KBASE"],
    "keras.adam": ["beta_1", "beta_2", "epsilon", "amsgrad", "KBASE"],
    "keras.adamw": ["beta_1", "beta_2", "epsilon", "amsgrad", "KBASE"],
    "keras.adamax": ["beta_1", "beta_2", "epsilon", "KBASE"], "keras.nadam": ["beta_1", "beta_2", "epsilon", "KBASE"],
    "keras.lion": ["beta_1", "beta_2", "KBASE"],
    "optax.sgd": ["momentum", "nesterov"], "optax.adagrad": ["initial_accumulator_value", "eps"],
    "optax.rmsprop": ["decay", "eps", "initial_scale", "eps_in_sqrt", "centered", "momentum", "nesterov", "bias_correction"],
    "optax.adam": ["b1", "b2", "eps", "eps_root", "nesterov"], "optax.adamw": ["b1", "b2", "eps", "eps_root", "weight_decay", "nesterov"],
    "optax.adamax": ["b1", "b2", "eps"], "optax.nadam": ["b1", "b2", "eps", "eps_root"],
    "optax.radam": ["b1", "b2", "eps", "eps_root", "threshold", "nesterov"],
    "optax.amsgrad": ["b1", "b2", "eps", "eps_root", "bias_correction_mu", "bias_correction_nu"],
    "optax.adabelief": ["b1", "b2", "eps", "eps_root", "nesterov"], "optax.yogi": ["b1", "b2", "eps"],
    "optax.lion": ["b1", "b2", "weight_decay"],
}
FLAGS = {"nesterov", "centered", "amsgrad", "eps_in_sqrt", "bias_correction", "bias_correction_mu", "bias_correction_nu"}
SCHEDULES = ["step:step_size=20,gamma=0.5", "cosine:T_max=60", "exponential:gamma=0.97", "onecycle:max_lr=0.05",
             "linear:start_factor=0.2,total_iters=30", "multistep:milestones=10/40,gamma=0.3",
             "polynomial:total_iters=50,power=2.0", "constant:factor=0.5,total_iters=20"]
# Surfaces of the reference generator whose gradients stay moderate from their starts.
SURFACES = ["rosenbrock", "beale", "quadratic", "booth", "himmelblau", "matyas", "six-hump-camel",
            "three-hump-camel", "rastrigin", "ackley", "saddle", "monkey-saddle", "styblinski-tang", "levi13"]


def log_uniform(rng, lo, hi):
    return float(f"{math.exp(rng.uniform(math.log(lo), math.log(hi))):.3g}")


def draw(rng, key, optimizer):
    if key in FLAGS:
        return rng.random() < 0.5
    if key in ("momentum",):
        return 0.0 if rng.random() < 0.25 else round(rng.uniform(0.3, 0.95), 3)
    if key in ("beta1", "beta_1", "b1", "rho", "decay", "decay_rate"):
        return round(rng.uniform(0.5, 0.98), 3)
    if key in ("beta2", "beta_2", "b2"):
        return round(rng.uniform(0.9, 0.9999), 4)
    if key in ("eps", "epsilon"):
        return log_uniform(rng, 1e-10, 1e-2)
    if key == "eps_root":
        return 0.0 if rng.random() < 0.4 else log_uniform(rng, 1e-12, 1e-5)
    if key == "weight_decay":
        return 0.0 if rng.random() < 0.3 else round(rng.uniform(0.001, 0.2), 4)
    if key == "initial_accumulator_value":
        return round(rng.uniform(0, 1), 3)
    if key == "initial_scale":
        return rng.choice([0.0, 1.0])
    if key == "threshold":
        return round(rng.uniform(2, 8), 2)
    raise KeyError(key)


def case(rng, args):
    optimizer = rng.choice([o for o in OPTIONS if o.startswith(args.only or "")])
    params = {"lr": log_uniform(rng, 1e-3, 0.1)}
    for key in OPTIONS[optimizer]:
        if key == "KBASE":
            if rng.random() < 0.5:
                params["weight_decay"] = round(rng.uniform(0.001, 0.2), 4)
            clip = rng.choice([None, "clipnorm", "clipvalue", "global_clipnorm"])
            if clip:
                params[clip] = round(rng.uniform(0.1, 3), 3)
        elif rng.random() < 0.7:
            params[key] = draw(rng, key, optimizer)
    if optimizer == "keras.lion" and params.get("beta_1", 1) <= 0:
        params["beta_1"] = 0.9
    surface = rng.choice(SURFACES)
    start = [round(v + rng.uniform(-0.3, 0.3), 3) for v in START[surface]]
    c = dict(surface=surface, optimizer=optimizer, params=params, start=start, steps=args.steps)
    if args.schedules and rng.random() < 0.5:
        c["schedule"] = rng.choice(SCHEDULES)
        family, name = optimizer.split(".")
        if c["schedule"].startswith("onecycle") and gf.cycled_kind(family, name, params)[0] is None:
            # as torch's OneCycleLR, trajviz refuses to cycle a momentum the optimizer lacks
            c["schedule"] += ",cycle_momentum=false"
    return c


def text(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    return repr(float(v))


def spec(c):
    s = c["optimizer"] + ":" + ",".join(f"{k}={text(v)}" for k, v in sorted(c["params"].items()))
    return s + ("@" + c["schedule"] if "schedule" in c else "")


def trajviz(binary, c):
    cmd = [binary, "--surface", c["surface"], f"--start={c['start'][0]},{c['start'][1]}", "--steps", str(c["steps"]),
           "--opt", spec(c), "--csv", "-"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        return cmd, None, r.stderr.strip()
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    return cmd, [(float(row["x"]), float(row["y"]), float(row["loss"])) for row in rows], None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("trajviz")
    ap.add_argument("--cases", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--steps", type=int, default=80)
    ap.add_argument("--only", default="")
    ap.add_argument("--schedules", action="store_true")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    bad = worst = 0
    for i in range(args.cases):
        c = case(rng, args)
        ref = gf.run(c)
        cmd, ours, error = trajviz(args.trajviz, c)
        if error:
            print(f"FAIL {spec(c)} on {c['surface']}: trajviz refused: {error}")
            bad += 1
            continue
        theirs = list(zip(ref["xs"], ref["ys"], ref["losses"]))
        if len(ours) != len(theirs):
            print(f"FAIL {spec(c)} on {c['surface']}: {len(ours)} rows, reference {len(theirs)}")
            bad += 1
            continue
        for k, (a, b) in enumerate(zip(ours, theirs)):
            gaps = [abs(u - v) / max(1, abs(v)) for u, v in zip(a, b)]
            worst = max(worst, *gaps)
            if max(gaps) > 1e-9:
                print(f"FAIL {spec(c)} on {c['surface']} from {c['start']}: step {k} trajviz {a} reference {b}")
                print("     " + " ".join(cmd))
                bad += 1
                break
    print(f"{args.cases} random cases (seed {args.seed}, {args.steps} steps): {bad} differ beyond 1e-9; "
          f"largest relative gap {worst:.3g}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
