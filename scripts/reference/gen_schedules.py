#!/usr/bin/env python3
"""Reference paths under learning-rate schedules, computed with torch.optim.lr_scheduler in float64.

Each case is a trajviz spec with a schedule attached after '@':
    adam:lr=0.05@cosine:T_max=200
    sgd:lr=0.001,momentum=0.9@linear:start_factor=0.1,total_iters=20>cosine:T_max=180
'>' chains schedules as torch's SequentialLR; each milestone is the preceding schedule's length
(its `until=N` key, else total_iters / T_max / step_size / T_0 as written). List values are
written with '/': milestones=30/80. The loop is the usual torch one: loss = f(p);
loss.backward(); opt.step(); sched.step() (plateau: sched.step(loss)). OneCycleLR's total_steps
defaults to the run's steps. lrs[k] is the rate that step k+1 used (param_groups[0]['lr'] just
before opt.step()).

The harness (parse, build, run) is the one of ../shared/reference/gen_schedules.py, which pins the
syntax; this file adds trajviz's own cases: every schedule and argument, chains of three,
schedules on every optimizer, cycled momentum on SGD, RMSprop and the Adam family.

usage (from the repository root; needs torch, adabound, torch-optimizer, lion-pytorch):
    python3 scripts/reference/gen_schedules.py Tests/SteppingTests/Fixtures/torch-schedules.json
    python3 scripts/reference/gen_schedules.py Tests/SteppingTests/Fixtures/torch-schedules-extra.json --extra
"""
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_reference import surface, make_optimizer, START  # noqa: E402
import torch  # noqa: E402
import torch.optim.lr_scheduler as S  # noqa: E402

torch.set_default_dtype(torch.float64)

NAMES = dict(step=S.StepLR, multistep=S.MultiStepLR, exponential=S.ExponentialLR,
             cosine=S.CosineAnnealingLR, cosine_restarts=S.CosineAnnealingWarmRestarts,
             linear=S.LinearLR, constant=S.ConstantLR, polynomial=S.PolynomialLR,
             onecycle=S.OneCycleLR, cyclic=S.CyclicLR, plateau=S.ReduceLROnPlateau)


def value(v):
    if "/" in v: return [value(x) for x in v.split("/")]
    if v in ("true", "false"): return v == "true"
    try: return int(v)
    except ValueError: pass
    try: return float(v)
    except ValueError: return v


def parse_kv(s):
    return {k: value(v) for k, v in (kv.split("=", 1) for kv in s.split(",") if kv)} if s else {}


def parse(spec):
    opt, _, sched = spec.partition("@")
    name, _, kv = opt.partition(":")
    chain = []
    for part in sched.split(">") if sched else []:
        n, _, a = part.partition(":")
        chain.append((n, parse_kv(a)))
    return name, parse_kv(kv), chain


def length(name, args):
    for k in ("until", "total_iters", "T_max", "step_size", "T_0"):
        if k in args: return args[k]
    raise ValueError(f"{name} needs until=N inside a chain")


def build(opt, chain, steps):
    made = []
    for n, a in chain:
        a = dict(a); a.pop("until", None)
        if n == "onecycle": a.setdefault("total_steps", steps)
        made.append(NAMES[n](opt, **a))
    if len(made) == 1: return made[0]
    ms, acc = [], 0
    for n, a in chain[:-1]:
        acc += length(n, a); ms.append(acc)
    return S.SequentialLR(opt, schedulers=made, milestones=ms)


def run(case):
    f = surface(case["surface"])
    name, params, chain = parse(case["spec"])
    p = torch.tensor(case["start"], requires_grad=True)
    opt = make_optimizer(name, params, p)
    sched = build(opt, chain, case["steps"]) if chain else None
    xs, ys, ls, lrs = [], [], [], []
    for k in range(case["steps"] + 1):
        opt.zero_grad()
        loss = f(p)
        xs.append(p[0].item()); ys.append(p[1].item()); ls.append(loss.item())
        if k == case["steps"]: break
        loss.backward()
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        if sched is not None:
            sched.step(loss.item()) if isinstance(sched, S.ReduceLROnPlateau) else sched.step()
    return dict(case, xs=xs, ys=ys, losses=ls, lrs=lrs)


def public_cases():
    c = []
    add = lambda s, spec, st, n: c.append(dict(surface=s, spec=spec, start=st, steps=n))
    add("rosenbrock", "adam:lr=0.05@cosine:T_max=300", [-1.5, 2.0], 300)
    add("rosenbrock", "sgd:lr=0.001,momentum=0.9@step:step_size=50,gamma=0.5", [-1.5, 2.0], 300)
    add("beale", "adam:lr=0.05@linear:start_factor=0.1,total_iters=30>cosine:T_max=170", [1.0, 1.5], 200)
    add("beale", "rmsprop:lr=0.01@exponential:gamma=0.99", [1.0, 1.5], 200)
    add("himmelblau", "sgd:lr=0.01,momentum=0.5@onecycle:max_lr=0.02", [-0.5, -0.5], 200)
    add("himmelblau", "adam:lr=0.1@onecycle:max_lr=0.2,anneal_strategy=linear,three_phase=true", [0.0, 0.0], 150)
    add("booth", "adagrad:lr=0.5@multistep:milestones=30/80,gamma=0.3", [-8.0, 8.0], 120)
    add("matyas", "adamw:lr=0.1,weight_decay=0.1@cosine_restarts:T_0=20,T_mult=2", [8.0, -6.0], 150)
    add("rosenbrock", "radam:lr=0.01@constant:factor=0.5,total_iters=40", [-1.5, 2.0], 200)
    add("quadratic", "lion:lr=0.05@plateau:factor=0.5,patience=3", [-4.0, 1.5], 150)
    add("quadratic", "sgd:lr=0.05@polynomial:total_iters=80,power=2", [-4.0, 1.5], 100)
    add("rosenbrock", "adam:lr=0.001@cyclic:base_lr=0.001,max_lr=0.05,step_size_up=25", [-1.5, 2.0], 200)
    return c


# A readable rate per optimizer on the bowls used below (quadratic, booth, himmelblau, matyas).
RATE = dict(sgd=0.02, momentum=0.005, nesterov=0.005, adagrad=0.5, rmsprop=0.02, adadelta=1.0, adam=0.1,
            amsgrad=0.1, adamw=0.1, adamax=0.1, nadam=0.1, radam=0.05, rprop=0.05, adabound=0.1,
            amsbound=0.1, lion=0.05, yogi=0.2, adabelief=0.1)

ALL = list(RATE)

# Every schedule, every argument: (surface, optimizer spec, schedule, steps).
EVERY_ARGUMENT = [
    # StepLR
    ("quadratic", "sgd:lr=0.05", "step:step_size=7", 100),
    ("booth", "adam:lr=0.3", "step:step_size=10,gamma=0.5", 120),
    ("quadratic", "sgd:lr=0.001", "step:step_size=20,gamma=1.5", 100),
    # MultiStepLR: repeated and unsorted milestones count as torch's Counter counts them
    ("booth", "adam:lr=0.3", "multistep:milestones=30/80", 120),
    ("booth", "adam:lr=0.3", "multistep:milestones=10/10/40,gamma=0.5", 120),
    ("himmelblau", "rmsprop:lr=0.05", "multistep:milestones=60/20,gamma=0.2", 100),
    # ExponentialLR
    ("quadratic", "adam:lr=0.2", "exponential:gamma=0.95", 100),
    ("quadratic", "sgd:lr=0.01", "exponential:gamma=1.01", 100),
    # CosineAnnealingLR, also far past T_max (torch's recursive form rises again)
    ("rosenbrock", "adam:lr=0.05", "cosine:T_max=50", 300),
    ("booth", "momentum:lr=0.005", "cosine:T_max=30,eta_min=0.001", 200),
    ("quadratic", "sgd:lr=0.05", "cosine:T_max=7", 100),
    ("quadratic", "sgd:lr=0.05", "cosine:T_max=1", 30),
    ("himmelblau", "adam:lr=0.1", "cosine:T_max=40,eta_min=0.2", 120),
    # CosineAnnealingWarmRestarts
    ("booth", "adam:lr=0.3", "cosine_restarts:T_0=20", 120),
    ("booth", "adam:lr=0.3", "cosine_restarts:T_0=10,T_mult=2", 200),
    ("matyas", "sgd:lr=0.5", "cosine_restarts:T_0=5,T_mult=3,eta_min=0.01", 150),
    # LinearLR
    ("quadratic", "adam:lr=0.2", "linear", 60),
    ("rosenbrock", "adam:lr=0.05", "linear:start_factor=0.1,total_iters=20", 150),
    ("booth", "adam:lr=0.3", "linear:start_factor=1,end_factor=0.1,total_iters=50", 100),
    ("booth", "adam:lr=0.3", "linear:start_factor=0.5,end_factor=0,total_iters=80", 100),
    ("quadratic", "sgd:lr=0.05", "linear:start_factor=0.25,total_iters=0", 40),
    # ConstantLR
    ("quadratic", "sgd:lr=0.05", "constant", 60),
    ("rosenbrock", "adam:lr=0.05", "constant:factor=0.5,total_iters=40", 150),
    ("quadratic", "adam:lr=0.2", "constant:factor=1", 40),
    ("quadratic", "adam:lr=0.2", "constant:factor=0,total_iters=500", 60),
    ("quadratic", "adam:lr=0.2", "constant:factor=0.2,total_iters=0", 40),
    # PolynomialLR
    ("quadratic", "sgd:lr=0.05", "polynomial", 40),
    ("booth", "adam:lr=0.3", "polynomial:total_iters=80,power=2", 120),
    ("booth", "adam:lr=0.3", "polynomial:total_iters=60,power=0.5", 100),
    ("quadratic", "sgd:lr=0.05", "polynomial:total_iters=0", 30),
    # OneCycleLR: strategies, phases, factors, total_steps beyond the run, momentum cycling
    ("himmelblau", "adam:lr=0.1", "onecycle:max_lr=0.2", 150),
    ("himmelblau", "adam:lr=0.1", "onecycle:max_lr=0.2,anneal_strategy=linear", 150),
    ("himmelblau", "adam:lr=0.1", "onecycle:max_lr=0.3,three_phase=true", 150),
    ("himmelblau", "adam:lr=0.1", "onecycle:max_lr=0.3,pct_start=0.1", 150),
    ("himmelblau", "adam:lr=0.1", "onecycle:max_lr=0.3,pct_start=0.5,div_factor=10,final_div_factor=100", 150),
    ("himmelblau", "adam:lr=0.1", "onecycle:max_lr=0.3,total_steps=300", 150),
    ("himmelblau", "adam:lr=0.1", "onecycle:max_lr=0.3,cycle_momentum=false", 150),
    ("himmelblau", "adam:lr=0.1", "onecycle:max_lr=0.3,base_momentum=0.7,max_momentum=0.99", 150),
    ("himmelblau", "sgd:lr=0.01", "onecycle:max_lr=0.02", 150),
    ("himmelblau", "momentum:lr=0.005", "onecycle:max_lr=0.01,three_phase=true,anneal_strategy=linear", 150),
    ("quadratic", "nesterov:lr=0.01", "onecycle:max_lr=0.05", 120),
    ("quadratic", "rmsprop:lr=0.01", "onecycle:max_lr=0.05", 120),
    ("quadratic", "rmsprop:lr=0.01,centered=true,momentum=0.5", "onecycle:max_lr=0.05,base_momentum=0.5", 120),
    ("quadratic", "adagrad:lr=0.5", "onecycle:max_lr=1,cycle_momentum=false", 100),
    ("quadratic", "adadelta", "onecycle:max_lr=2,cycle_momentum=false,three_phase=true", 100),
    ("quadratic", "rprop:lr=0.05", "onecycle:max_lr=0.5,cycle_momentum=false", 60),
    ("quadratic", "sgd:lr=0.05", "onecycle:max_lr=0.1,epochs=2,steps_per_epoch=10", 60),
    # CyclicLR: three modes, exp_range's gamma, asymmetric cycles, momentum cycling
    ("rosenbrock", "adam:lr=0.001", "cyclic:base_lr=0.001,max_lr=0.05,step_size_up=25", 200),
    ("booth", "adam:lr=0.1", "cyclic:base_lr=0.01,max_lr=0.5,step_size_up=10,mode=triangular2", 150),
    ("booth", "adam:lr=0.1", "cyclic:base_lr=0.01,max_lr=0.5,step_size_up=10,mode=exp_range,gamma=0.99", 150),
    ("booth", "adam:lr=0.1", "cyclic:base_lr=0.01,max_lr=0.5,step_size_up=10,mode=exp_range,gamma=0.98,scale_mode=cycle", 100),
    ("booth", "adam:lr=0.1", "cyclic:base_lr=0.01,max_lr=0.5,step_size_up=10,mode=triangular2,scale_mode=iterations", 100),
    ("booth", "adam:lr=0.1", "cyclic:base_lr=0.01,max_lr=0.5,step_size_up=5,step_size_down=15", 150),
    ("booth", "adam:lr=0.1", "cyclic:base_lr=0.01,max_lr=0.5,step_size_up=10,step_size_down=0", 100),
    ("booth", "adam:lr=0.1", "cyclic:base_lr=0.01,max_lr=0.5,step_size_up=10,cycle_momentum=false", 100),
    ("booth", "adam:lr=0.1", "cyclic:base_lr=0.01,max_lr=0.5,step_size_up=10,base_momentum=0.5,max_momentum=0.95", 100),
    ("quadratic", "sgd:lr=0.01,momentum=0.9", "cyclic:base_lr=0.001,max_lr=0.02,step_size_up=15", 150),
    ("quadratic", "sgd:lr=0.01", "cyclic:base_lr=0.001,max_lr=0.05,step_size_up=15,mode=triangular2", 150),
    ("quadratic", "rmsprop:lr=0.01", "cyclic:base_lr=0.001,max_lr=0.05,step_size_up=20", 120),
    ("quadratic", "adagrad:lr=0.5", "cyclic:base_lr=0.1,max_lr=1,step_size_up=10,cycle_momentum=false", 100),
    ("quadratic", "adam:lr=0.1", "cyclic:base_lr=0.01,max_lr=0.3,step_size_up=7.5", 100),
    # ReduceLROnPlateau: modes, threshold modes, patience, cooldown, min_lr, eps
    ("quadratic", "lion:lr=0.05", "plateau", 150),
    ("quadratic", "lion:lr=0.05", "plateau:factor=0.5,patience=3", 150),
    ("quadratic", "lion:lr=0.05", "plateau:factor=0.5,patience=2,cooldown=5", 150),
    ("quadratic", "lion:lr=0.05", "plateau:factor=0.5,patience=2,min_lr=0.01", 150),
    ("quadratic", "lion:lr=0.05", "plateau:factor=0.9,patience=1,eps=0.01", 150),
    ("quadratic", "lion:lr=0.05", "plateau:patience=2,threshold_mode=abs,threshold=0.01", 150),
    ("quadratic", "lion:lr=0.05", "plateau:patience=2,threshold=0", 150),
    ("quadratic", "adam:lr=0.3", "plateau:mode=max,patience=4,factor=0.5", 100),
    ("quadratic", "adam:lr=0.3", "plateau:mode=max,threshold_mode=abs,threshold=0.5,patience=1", 100),
    ("booth", "sgd:lr=0.01,momentum=0.9", "plateau:factor=0.3,patience=5,threshold=0.05", 150),
    # until on a single schedule is accepted and has no effect
    ("quadratic", "adam:lr=0.2", "exponential:gamma=0.97,until=30", 60),
]

# Chains, including three schedules, lengths from every key, and schedules that change initial_lr
# or cycle momentum inside a chain.
CHAINS = [
    ("beale", "adam:lr=0.05", "linear:start_factor=0.1,total_iters=20>cosine:T_max=100>constant:factor=0.5,total_iters=30", 200),
    ("booth", "adam:lr=0.3", "step:step_size=15,gamma=0.5>exponential:gamma=0.97,until=40>cosine_restarts:T_0=15", 150),
    ("booth", "sgd:lr=0.02,momentum=0.9", "constant:factor=0.1,total_iters=10>linear:start_factor=0.5,total_iters=30>polynomial:total_iters=60,power=2", 150),
    ("himmelblau", "adam:lr=0.05", "linear:start_factor=0.2,total_iters=15>onecycle:max_lr=0.3", 150),
    ("himmelblau", "adam:lr=0.05", "onecycle:max_lr=0.3,total_steps=60,until=60>cosine:T_max=50", 150),
    ("himmelblau", "sgd:lr=0.01,momentum=0.5", "cyclic:base_lr=0.001,max_lr=0.02,step_size_up=10,until=40>cosine:T_max=60>exponential:gamma=0.98", 150),
    ("booth", "adam:lr=0.3", "multistep:milestones=5/15,gamma=0.5,until=30>linear:start_factor=1,end_factor=0.1,total_iters=40", 120),
    ("booth", "adam:lr=0.3", "cosine:T_max=25>cosine:T_max=25>cosine:T_max=25", 120),
    ("quadratic", "rmsprop:lr=0.02", "polynomial:total_iters=30,power=3>step:step_size=10,gamma=2>exponential:gamma=0.95", 120),
    ("quadratic", "adam:lr=0.2", "cosine_restarts:T_0=10,T_mult=2,until=30>linear:start_factor=0.3,total_iters=20>cosine:T_max=40", 120),
    ("quadratic", "adam:lr=0.2", "exponential:gamma=0.9,until=10>cyclic:base_lr=0.01,max_lr=0.2,step_size_up=10,until=50>constant:factor=0.5,total_iters=20", 120),
    ("rosenbrock", "adam:lr=0.05", "linear:start_factor=0.01,total_iters=50>cosine:T_max=250", 300),
    ("quadratic", "sgd:lr=0.05", "constant:factor=0.5,total_iters=200>linear:total_iters=10", 100),
]

# Each optimizer under a few schedules (warm-up then cosine; one-cycle with its momentum or
# beta1 cycled; plateau), on the bowls: rates the rules read from the group at every step.
SCHEDULES_FOR_EVERY_OPTIMIZER = [
    ("booth", "linear:start_factor=0.1,total_iters=20>cosine:T_max=80", 100),
    ("six-hump-camel", "onecycle:max_lr={peak}", 100),
    ("quadratic", "step:step_size=15,gamma=0.5", 80),
    ("matyas", "plateau:factor=0.5,patience=4", 100),
]

# Rules whose reference keeps the initial rate, and switches that change how the rate enters.
INITIAL_RATE = [
    ("quadratic", "adabound:lr=0.05,final_lr=0.5,gamma=0.01", "cosine:T_max=30", 120),
    ("quadratic", "amsbound:lr=0.05,final_lr=0.2", "exponential:gamma=0.97", 120),
    ("booth", "adabound:lr=0.1", "linear:start_factor=0.1,total_iters=30", 120),
    ("quadratic", "lion:lr=0.02,weight_decay=0.5,decoupled_weight_decay=true", "cosine:T_max=50", 120),
    ("quadratic", "lion:lr=0.02,weight_decay=0.1", "linear:start_factor=0.2,total_iters=40", 120),
    ("quadratic", "lion:lr=0.02,weight_decay=0.5,decoupled_weight_decay=true", "onecycle:max_lr=0.05", 120),
    ("booth", "adagrad:lr=0.5,lr_decay=0.05", "cosine:T_max=60", 100),
    ("quadratic", "rprop:lr=0.05", "linear:start_factor=0.1,total_iters=10", 60),
    ("quadratic", "rprop:lr=0.05", "cyclic:base_lr=0.001,max_lr=0.1,step_size_up=5,cycle_momentum=false", 60),
    ("quadratic", "adamw:lr=0.1,weight_decay=0.5", "cosine:T_max=40", 100),
    ("quadratic", "adam:lr=0.1,weight_decay=0.5,decoupled_weight_decay=true", "step:step_size=10,gamma=0.5", 100),
    ("quadratic", "nadam:lr=0.1,weight_decay=0.3,decoupled_weight_decay=true", "cosine:T_max=40", 100),
    ("quadratic", "radam:lr=0.1,weight_decay=0.3,decoupled_weight_decay=true", "linear:start_factor=0.2,total_iters=30", 100),
    ("quadratic", "adabelief:lr=0.1,weight_decay=0.3,weight_decouple=true", "cosine:T_max=40", 100),
    ("quadratic", "adabelief:lr=0.1,weight_decay=0.3,weight_decouple=true,fixed_decay=true", "cosine:T_max=40", 100),
    ("booth", "adabelief:lr=0.1,rectify=true", "onecycle:max_lr=0.3", 100),
    ("booth", "yogi:lr=0.2,weight_decay=0.05", "onecycle:max_lr=0.5,three_phase=true", 100),
    ("booth", "amsgrad:lr=0.1", "cyclic:base_lr=0.01,max_lr=0.3,step_size_up=10", 100),
    ("booth", "adamax:lr=0.1", "cyclic:base_lr=0.01,max_lr=0.3,step_size_up=10,mode=triangular2", 100),
    ("booth", "nadam:lr=0.1", "cyclic:base_lr=0.01,max_lr=0.3,step_size_up=8", 100),
    ("booth", "radam:lr=0.1", "onecycle:max_lr=0.3,anneal_strategy=linear", 100),
    ("booth", "adamw:lr=0.1", "onecycle:max_lr=0.3", 100),
    ("quadratic", "nesterov:lr=0.01", "cyclic:base_lr=0.001,max_lr=0.02,step_size_up=10", 100),
    ("quadratic", "sgd:lr=0.01,momentum=0.5,dampening=0.3", "onecycle:max_lr=0.03", 100),
    ("quadratic", "rmsprop:lr=0.01,momentum=0.3,centered=true", "cyclic:base_lr=0.001,max_lr=0.02,step_size_up=10", 100),
    ("quadratic", "adadelta:lr=1", "exponential:gamma=0.98", 100),
    ("quadratic", "sgd:lr=0.05,maximize=false,weight_decay=0.1", "polynomial:total_iters=50,power=1.5", 80),
]


def extra_cases():
    c = []
    add = lambda s, spec, n: c.append(dict(surface=s, spec=spec, start=START[s], steps=n))
    for s, opt, sched, n in EVERY_ARGUMENT + CHAINS + INITIAL_RATE:
        add(s, opt + "@" + sched, n)
    for o in ALL:
        for s, sched, n in SCHEDULES_FOR_EVERY_OPTIMIZER:
            lr = RATE[o]
            if sched.startswith("onecycle"):
                sched_text = sched.format(peak=repr(2 * lr))
                if o in ("adagrad", "adadelta", "rprop"):
                    sched_text += ",cycle_momentum=false"
            else:
                sched_text = sched
            spec = f"{o}:lr={lr!r}@{sched_text}" if o != "adadelta" else f"{o}@{sched_text}"
            add(s, spec, n)
    return c


def finite(r):
    return all(math.isfinite(v) for v in r["xs"] + r["ys"] + r["losses"] + r["lrs"])


if __name__ == "__main__":
    extra = "--extra" in sys.argv[2:]
    cases = extra_cases() if extra else public_cases()
    results = []
    for case in cases:
        r = run(case)
        if not finite(r):
            print("skipped (not finite):", case["surface"], case["spec"])
            continue
        results.append(r)
    with open(sys.argv[1], "w") as fh:
        json.dump(dict(generator="torch " + torch.__version__ + " float64, torch.optim.lr_scheduler", cases=results), fh)
    print(len(results), "cases")
