#!/usr/bin/env python3
"""Reference optimizer trajectories on 2D test surfaces, computed with the
reference implementations (torch.optim, the adabound package, torch_optimizer,
lion_pytorch) in float64.

usage: gen_reference.py OUT.json [--extra]

--extra writes the further cases of trajviz's own tests (every hyperparameter of issue 3,
maximize, weight decay, all 15 surfaces, other starts, diverging paths) instead of the public ones.

Each case: surface, optimizer, params (in the project's spec keys), start,
steps, and the path: xs, ys, losses for step 0..steps (step 0 = start).
"""
import json
import math
import sys

import torch

torch.set_default_dtype(torch.float64)
PI = math.pi


def surface(name):
    def f(p):
        x, y = p[0], p[1]
        if name == "rosenbrock":
            return (1 - x) ** 2 + 100 * (y - x ** 2) ** 2
        if name == "beale":
            return ((1.5 - x + x * y) ** 2 + (2.25 - x + x * y ** 2) ** 2
                    + (2.625 - x + x * y ** 3) ** 2)
        if name == "saddle":
            return x ** 2 - y ** 2
        if name == "monkey-saddle":
            return x ** 3 - 3 * x * y ** 2
        if name == "himmelblau":
            return (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2
        if name == "booth":
            return (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2
        if name == "matyas":
            return 0.26 * (x ** 2 + y ** 2) - 0.48 * x * y
        if name == "three-hump-camel":
            return 2 * x ** 2 - 1.05 * x ** 4 + x ** 6 / 6 + x * y + y ** 2
        if name == "six-hump-camel":
            return ((4 - 2.1 * x ** 2 + x ** 4 / 3) * x ** 2 + x * y
                    + (-4 + 4 * y ** 2) * y ** 2)
        if name == "rastrigin":
            return (20 + x ** 2 - 10 * torch.cos(2 * PI * x)
                    + y ** 2 - 10 * torch.cos(2 * PI * y))
        if name == "ackley":
            return (-20 * torch.exp(-0.2 * torch.sqrt(0.5 * (x ** 2 + y ** 2)))
                    - torch.exp(0.5 * (torch.cos(2 * PI * x) + torch.cos(2 * PI * y)))
                    + math.e + 20)
        if name == "goldstein-price":
            a = 1 + (x + y + 1) ** 2 * (19 - 14 * x + 3 * x ** 2 - 14 * y + 6 * x * y + 3 * y ** 2)
            b = 30 + (2 * x - 3 * y) ** 2 * (18 - 32 * x + 12 * x ** 2 + 48 * y - 36 * x * y + 27 * y ** 2)
            return a * b
        if name == "levi13":
            return (torch.sin(3 * PI * x) ** 2 + (x - 1) ** 2 * (1 + torch.sin(3 * PI * y) ** 2)
                    + (y - 1) ** 2 * (1 + torch.sin(2 * PI * y) ** 2))
        if name == "styblinski-tang":
            return 0.5 * ((x ** 4 - 16 * x ** 2 + 5 * x) + (y ** 4 - 16 * y ** 2 + 5 * y))
        if name == "quadratic":
            # ill-conditioned bowl, condition number 10
            return 0.5 * (x ** 2 + 10 * y ** 2)
        raise KeyError(name)
    return f


def make_optimizer(name, params, p):
    """Map the project's spec keys onto the reference implementation."""
    g = dict(params)
    b = (g.pop("beta1", None), g.pop("beta2", None))

    def betas(default):
        return (b[0] if b[0] is not None else default[0],
                b[1] if b[1] is not None else default[1])

    o = torch.optim
    if name == "sgd":
        return o.SGD([p], **g)
    if name == "momentum":
        g.setdefault("momentum", 0.9)
        return o.SGD([p], **g)
    if name == "nesterov":
        g.setdefault("momentum", 0.9)
        return o.SGD([p], nesterov=True, **g)
    if name == "adagrad":
        return o.Adagrad([p], **g)
    if name == "rmsprop":
        return o.RMSprop([p], **g)
    if name == "adadelta":
        return o.Adadelta([p], **g)
    if name == "adam":
        return o.Adam([p], betas=betas((0.9, 0.999)), **g)
    if name == "amsgrad":
        return o.Adam([p], betas=betas((0.9, 0.999)), amsgrad=True, **g)
    if name == "adamw":
        return o.AdamW([p], betas=betas((0.9, 0.999)), **g)
    if name == "adamax":
        return o.Adamax([p], betas=betas((0.9, 0.999)), **g)
    if name == "nadam":
        return o.NAdam([p], betas=betas((0.9, 0.999)), **g)
    if name == "radam":
        return o.RAdam([p], betas=betas((0.9, 0.999)), **g)
    if name == "rprop":
        etas = (g.pop("eta_minus", 0.5), g.pop("eta_plus", 1.2))
        sizes = (g.pop("step_min", 1e-6), g.pop("step_max", 50.0))
        return o.Rprop([p], etas=etas, step_sizes=sizes, **g)
    if name == "adabound":
        import adabound
        return adabound.AdaBound([p], betas=betas((0.9, 0.999)), **g)
    if name == "amsbound":
        import adabound
        return adabound.AdaBound([p], betas=betas((0.9, 0.999)), amsbound=True, **g)
    if name == "lion":
        import lion_pytorch
        return lion_pytorch.Lion([p], betas=betas((0.9, 0.99)), **g)
    if name == "yogi":
        import torch_optimizer
        return torch_optimizer.Yogi([p], betas=betas((0.9, 0.999)), **g)
    if name == "adabelief":
        import torch_optimizer
        return torch_optimizer.AdaBelief([p], betas=betas((0.9, 0.999)), **g)
    raise KeyError(name)


def run(case):
    """Steps the reference optimizer; stops where trajviz's `trace` stops.

    A point or loss that is not finite is not recorded and ends the path; a gradient that is
    not finite ends it after its point. `diverged_at` is that step, or None.
    """
    f = surface(case["surface"])
    p = torch.tensor(case["start"], requires_grad=True)
    opt = make_optimizer(case["optimizer"], case["params"], p)
    xs, ys, ls = [], [], []
    diverged = None
    for k in range(case["steps"] + 1):
        opt.zero_grad()
        loss = f(p)
        x, y, l = p[0].item(), p[1].item(), loss.item()
        if not (math.isfinite(x) and math.isfinite(y) and math.isfinite(l)):
            diverged = k
            break
        xs.append(x)
        ys.append(y)
        ls.append(l)
        if k == case["steps"]:
            break
        loss.backward()
        if not bool(torch.isfinite(p.grad).all()):
            diverged = k
            break
        opt.step()
    out = dict(case, xs=xs, ys=ys, losses=ls)
    if diverged is not None or case.get("expect_divergence"):
        out["diverged_at"] = diverged
    return out


ALL = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam",
       "amsgrad", "adamw", "adamax", "nadam", "radam", "rprop", "adabound",
       "amsbound", "lion", "yogi", "adabelief"]

# learning rates that give a readable path on each surface
LR = {
    "rosenbrock": dict(sgd=1e-3, momentum=2e-4, nesterov=2e-4, adagrad=0.3, rmsprop=0.01,
                       adadelta=1.0, adam=0.05, amsgrad=0.05, adamw=0.05, adamax=0.1,
                       nadam=0.05, radam=2e-3, rprop=0.01, adabound=0.05, amsbound=0.05,
                       lion=0.01, yogi=0.1, adabelief=0.05),
    "beale": dict(sgd=1e-3, momentum=1e-3, nesterov=1e-3, adagrad=0.5, rmsprop=0.01,
                  adadelta=1.0, adam=0.05, amsgrad=0.05, adamw=0.05, adamax=0.05,
                  nadam=0.05, radam=0.01, rprop=0.01, adabound=0.05, amsbound=0.05,
                  lion=0.01, yogi=0.05, adabelief=0.05),
}


def public_cases():
    cases = []
    for surf, start in (("rosenbrock", [-1.5, 2.0]), ("beale", [1.0, 1.5])):
        for o in ALL:
            steps = 60 if o in ("lion", "rprop") else 300
            cases.append(dict(surface=surf, optimizer=o, params=dict(lr=LR[surf][o]),
                              start=start, steps=steps))
    cases += [
        dict(surface="saddle", optimizer="sgd", params=dict(lr=0.05), start=[-1.0, 1e-3], steps=100),
        dict(surface="saddle", optimizer="adam", params=dict(lr=0.05), start=[-1.0, 1e-3], steps=100),
        dict(surface="quadratic", optimizer="momentum", params=dict(lr=0.05, momentum=0.8, dampening=0.1),
             start=[3.0, 2.0], steps=200),
        dict(surface="quadratic", optimizer="adamw", params=dict(lr=0.05, weight_decay=0.1),
             start=[3.0, 2.0], steps=200),
        dict(surface="quadratic", optimizer="rmsprop", params=dict(lr=0.01, centered=True, momentum=0.5),
             start=[3.0, 2.0], steps=200),
        dict(surface="quadratic", optimizer="adam", params=dict(lr=0.05, beta1=0.8, beta2=0.99, eps=1e-6, weight_decay=0.01),
             start=[3.0, 2.0], steps=200),
    ]
    return cases


START = {
    "rosenbrock": [-1.5, 2.0], "beale": [1.0, 1.5], "saddle": [-1.0, 1e-3], "monkey-saddle": [-0.8, 0.3],
    "himmelblau": [0.0, 0.0], "booth": [-6.0, 6.0], "matyas": [8.0, -6.0], "three-hump-camel": [1.6, -1.2],
    "six-hump-camel": [-1.2, 0.9], "rastrigin": [2.3, -1.7], "ackley": [2.7, 1.6],
    "goldstein-price": [-0.4, 1.2], "levi13": [-2.5, 3.0], "styblinski-tang": [0.3, 0.2],
    "quadratic": [3.0, 2.0],
}

# Every hyperparameter example of issue 3, each on a surface where its path stays readable.
ISSUE_EXAMPLES = [
    ("quadratic", "sgd", dict(lr=0.05, momentum=0.7, nesterov=True, weight_decay=0.02)),
    ("quadratic", "sgd", dict(momentum=0.8, dampening=0.1)),
    ("booth", "adagrad", dict(lr=0.5, lr_decay=0.01, initial_accumulator_value=0.1, eps=1e-8)),
    ("beale", "rmsprop", dict(centered=True, momentum=0.5)),
    ("himmelblau", "adadelta", dict(lr=2, rho=0.95, weight_decay=0.01)),
    ("rosenbrock", "adam", dict(amsgrad=True, beta2=0.9)),
    ("quadratic", "adamw", dict(amsgrad=True, weight_decay=0.5)),
    ("beale", "nadam", dict(momentum_decay=0.01)),
    ("beale", "nadam", dict(decoupled_weight_decay=True)),
    ("rosenbrock", "radam", dict(decoupled_weight_decay=True)),
    ("himmelblau", "yogi", dict(initial_accumulator=1e-3)),
    ("quadratic", "adabound", dict(final_lr=0.5, gamma=0.01)),
    ("six-hump-camel", "lion", dict(beta1=0.95, beta2=0.98, weight_decay=0.1)),
]

# weight_decay for every rule that has it, plus the other math-changing switches.
VARIANTS = [
    ("sgd", dict(lr=0.01, weight_decay=0.1)),
    ("momentum", dict(lr=0.01, weight_decay=0.05, dampening=0.3)),
    ("nesterov", dict(lr=0.01, momentum=0.5, weight_decay=0.05)),
    ("adagrad", dict(lr=0.3, weight_decay=0.05)),
    ("rmsprop", dict(lr=0.01, weight_decay=0.05, alpha=0.9)),
    ("rmsprop", dict(lr=0.01, momentum=0.9)),
    ("rmsprop", dict(lr=0.01, centered=True, weight_decay=0.1, eps=1e-4)),
    ("adadelta", dict(lr=1.0, rho=0.8, eps=1e-4)),
    ("adam", dict(lr=0.05, weight_decay=0.05)),
    ("adam", dict(lr=0.05, weight_decay=0.05, decoupled_weight_decay=True)),
    ("adam", dict(lr=0.05, beta1=0.3, beta2=0.5)),
    ("amsgrad", dict(lr=0.05, weight_decay=0.02, eps=1e-3)),
    ("adamw", dict(lr=0.05)),
    ("adamax", dict(lr=0.05, weight_decay=0.05, beta1=0.8, eps=1e-3)),
    ("nadam", dict(lr=0.05, weight_decay=0.05)),
    ("nadam", dict(lr=0.05, weight_decay=0.05, decoupled_weight_decay=True)),
    ("radam", dict(lr=0.02, weight_decay=0.05)),
    ("radam", dict(lr=0.02, weight_decay=0.05, decoupled_weight_decay=True, beta2=0.99)),
    ("rprop", dict(lr=0.05, eta_minus=0.3, eta_plus=1.5, step_min=1e-3, step_max=0.5)),
    ("adabound", dict(lr=0.05, weight_decay=0.05)),
    ("amsbound", dict(lr=0.05, final_lr=0.2, gamma=0.1)),
    ("lion", dict(lr=0.01, weight_decay=0.5, decoupled_weight_decay=True)),
    ("lion", dict(lr=0.01, weight_decay=0.1)),
    ("yogi", dict(lr=0.1, weight_decay=0.05, eps=1e-6)),
    ("adabelief", dict(lr=0.05, weight_decay=0.05)),
    ("adabelief", dict(lr=0.05, weight_decay=0.05, weight_decouple=True)),
    ("adabelief", dict(lr=0.05, weight_decay=0.05, weight_decouple=True, fixed_decay=True)),
    ("adabelief", dict(lr=0.05, amsgrad=True)),
    ("adabelief", dict(lr=0.05, rectify=True)),
]

MAXIMIZE = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam", "amsgrad",
            "adamw", "adamax", "nadam", "radam", "rprop"]

SURFACES = list(START)


def extra_cases():
    cases = []
    for surf, o, params in ISSUE_EXAMPLES:
        cases.append(dict(surface=surf, optimizer=o, params=params, start=START[surf], steps=150))
    for i, (o, params) in enumerate(VARIANTS):
        surf = ("quadratic", "booth", "himmelblau", "matyas")[i % 4]
        cases.append(dict(surface=surf, optimizer=o, params=params, start=START[surf], steps=120))
    # maximize: climb the negated bowl -(quadratic) is not a surface, so climb the saddle's x axis
    for o in MAXIMIZE:
        lr = dict(adadelta=1.0, adagrad=0.1, rprop=0.01).get(o, 0.01)
        cases.append(dict(surface="saddle", optimizer=o, params=dict(lr=lr, maximize=True),
                          start=[0.5, -0.3], steps=60))
    # every surface, several rules, its own start
    rotation = ["adam", "momentum", "rmsprop", "nadam", "adabelief", "yogi", "lion", "rprop",
                "radam", "adamax", "amsbound", "adagrad", "adadelta", "nesterov", "adamw"]
    for i, surf in enumerate(SURFACES):
        for j in range(3):
            o = rotation[(i + 5 * j) % len(rotation)]
            lr = dict(momentum=1e-3, nesterov=1e-3, adadelta=1.0, adagrad=0.2, rprop=0.01, lion=0.01).get(o, 0.02)
            cases.append(dict(surface=surf, optimizer=o, params=dict(lr=lr), start=START[surf], steps=100))
    # other starts
    for start in ([0.5, -1.0], [2.0, 2.5], [-0.2, -0.7]):
        for o in ("adam", "sgd", "adagrad", "lion", "rprop", "adabound"):
            lr = dict(sgd=1e-3, adagrad=0.3, lion=0.01, rprop=0.01).get(o, 0.05)
            cases.append(dict(surface="rosenbrock", optimizer=o, params=dict(lr=lr), start=start, steps=100))
    # divergence: paths that leave the floats, to check where `trace` stops
    cases.append(dict(surface="rosenbrock", optimizer="sgd", params=dict(lr=0.01), start=[-1.5, 2.0],
                      steps=50, expect_divergence=True))
    cases.append(dict(surface="goldstein-price", optimizer="momentum", params=dict(lr=0.01), start=[1.5, 1.5],
                      steps=50, expect_divergence=True))
    cases.append(dict(surface="rosenbrock", optimizer="adabound", params=dict(final_lr=0.5, gamma=0.01),
                      start=[-1.5, 2.0], steps=50, expect_divergence=True))
    return cases


if __name__ == "__main__":
    # usage: gen_reference.py OUT.json [--extra]
    out = sys.argv[1]
    cases = extra_cases() if "--extra" in sys.argv[2:] else public_cases()
    res = [run(c) for c in cases]
    with open(out, "w") as fh:
        json.dump(dict(generator="torch " + torch.__version__ + " float64", cases=res), fh)
    diverged = [(r["surface"], r["optimizer"], r.get("diverged_at")) for r in res if "diverged_at" in r]
    print(len(res), "cases; diverged:", diverged)
    for r in res:
        print(f'{r["surface"]:18s} {r["optimizer"]:10s} {r["params"]} start={r["start"]} '
              f'end=({r["xs"][-1]:.4g},{r["ys"][-1]:.4g}) loss={r["losses"][0]:.4g}->{r["losses"][-1]:.4g}')
