#!/usr/bin/env python3
"""Reference paths of the optimizer families `textbook.`, `keras.` and `optax.` on the 2D
test surfaces, computed with the real packages in float64.

usage: gen_families.py OUT.json [--check-textbook DIR]

* keras.*    Keras 3 on its torch backend (KERAS_BACKEND=torch, floatx float64: the point, every
             optimizer variable and the learning-rate variable are float64; checked below).
* optax.*    optax on jax with jax_enable_x64, run op by op (no user-level jit: XLA's jit
             contracts a*b + c into fused multiply-adds, op-by-op dispatch does not).
* textbook.* the update formulas of oreilly-japan/deep-learning-from-scratch `common/optimizer.py`
             written out in numpy float64 (the book's code itself is not copied here; pass
             `--check-textbook DIR` with a checkout of the book to compare the two bit for bit).

Gradients come from torch autograd on the surfaces of gen_reference.py, so the three families see
the same gradient values and differ only in their update rules. A scheduled case gets its rates
(and, under `cycle_momentum`, its momentum or beta1) from torch.optim.lr_scheduler stepped as
torch's loop steps it, and hands them to each framework the way its users change a rate:
`opt.learning_rate = lr` (Keras), `optax.inject_hyperparams` (optax), `opt.lr = lr` (textbook).

Each case: family, optimizer (`keras.adam`), params (trajviz's spec keys, which are the framework's
argument names, `lr` for the rate), start, steps, xs, ys, losses for step 0..steps, and for a
scheduled case `schedule` (trajviz's syntax after `@`), `lrs` (the rate of each step) and
`momentums` (the cycled momentum or beta1 of each step, if any).
"""
import json
import math
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "torch")

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_reference import START, surface  # noqa: E402  (the same surfaces as the torch references)

torch.set_default_dtype(torch.float64)

import keras  # noqa: E402

keras.config.set_floatx("float64")

import jax  # noqa: E402

jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp  # noqa: E402
import optax  # noqa: E402


def objective(name):
    """(loss, gx, gy) at (x, y) through torch autograd; `linear` is the seed's plane 0.1x - 0.2y."""
    f = (lambda p: 0.1 * p[0] - 0.2 * p[1]) if name == "linear" else surface(name)

    def grad(x, y):
        p = torch.tensor([x, y], requires_grad=True)
        loss = f(p)
        loss.backward()
        return loss.item(), p.grad[0].item(), p.grad[1].item()
    return grad


# ---------------------------------------------------------------------------------------------
# textbook: the formulas of deep-learning-from-scratch common/optimizer.py, numpy float64.
# Defaults are the book's constructor defaults; eps 1e-7 is fixed in the book's code.


class Textbook:
    DEFAULTS = {
        "sgd": dict(lr=0.01),
        "momentum": dict(lr=0.01, momentum=0.9),
        "nesterov": dict(lr=0.01, momentum=0.9),
        "adagrad": dict(lr=0.01),
        "rmsprop": dict(lr=0.01, decay_rate=0.99),
        "adam": dict(lr=0.001, beta1=0.9, beta2=0.999),
    }
    CYCLED = {"momentum": "momentum", "nesterov": "momentum", "adam": "beta1"}

    def __init__(self, name, params):
        self.name = name
        self.h = dict(self.DEFAULTS[name])
        for k, v in params.items():
            if k not in self.h:
                raise KeyError(f"textbook.{name} has no {k}")
            self.h[k] = v
        self.t = 0
        self.a = None  # first state buffer (v, h or m)
        self.b = None  # second (Adam's v)

    def step(self, p, g):
        h, n = self.h, self.name
        lr = h["lr"]
        if self.a is None:
            self.a, self.b = np.zeros_like(p), np.zeros_like(p)
        if n == "sgd":
            p -= lr * g
        elif n == "momentum":
            self.a = h["momentum"] * self.a - lr * g
            p += self.a
        elif n == "nesterov":
            # the book's form since its commit 89eadd0 (2021, "Fix Nesterov update function"): the
            # point moves with the old v, then v is updated; earlier printings updated v first.
            mu = h["momentum"]
            p += mu * mu * self.a
            p -= (1 + mu) * lr * g
            self.a *= mu
            self.a -= lr * g
        elif n == "adagrad":
            self.a += g * g
            p -= lr * g / (np.sqrt(self.a) + 1e-7)
        elif n == "rmsprop":
            rho = h["decay_rate"]
            self.a *= rho
            self.a += (1 - rho) * g * g
            p -= lr * g / (np.sqrt(self.a) + 1e-7)
        elif n == "adam":
            b1, b2 = h["beta1"], h["beta2"]
            self.t += 1
            lr_t = lr * np.sqrt(1.0 - b2 ** self.t) / (1.0 - b1 ** self.t)
            self.a += (1 - b1) * (g - self.a)
            self.b += (1 - b2) * (g ** 2 - self.b)
            p -= lr_t * self.a / (np.sqrt(self.b) + 1e-7)
        return p

    def set_rate(self, lr, momentum):
        self.h["lr"] = lr
        if momentum is not None:
            self.h[self.CYCLED[self.name]] = momentum


class TextbookRunner:
    def __init__(self, name, params, start):
        self.opt = Textbook(name, params)
        self.p = np.array(start, dtype=np.float64)

    def point(self):
        return float(self.p[0]), float(self.p[1])

    def step(self, g, lr, momentum):
        if lr is not None:
            self.opt.set_rate(lr, momentum)
        self.p = self.opt.step(self.p, np.array(g, dtype=np.float64))


# ---------------------------------------------------------------------------------------------
# keras: the real optimizers (their torch-backend subclasses), float64.

KERAS = {
    "sgd": keras.optimizers.SGD, "rmsprop": keras.optimizers.RMSprop, "adagrad": keras.optimizers.Adagrad,
    "adadelta": keras.optimizers.Adadelta, "adam": keras.optimizers.Adam, "adamw": keras.optimizers.AdamW,
    "adamax": keras.optimizers.Adamax, "nadam": keras.optimizers.Nadam, "lion": keras.optimizers.Lion,
}
KERAS_CYCLED = {"sgd": "momentum", "rmsprop": "momentum", "adam": "beta_1", "adamw": "beta_1",
                "adamax": "beta_1", "nadam": "beta_1", "lion": "beta_1"}


class KerasRunner:
    def __init__(self, name, params, start):
        kw = {("learning_rate" if k == "lr" else k): v for k, v in params.items()}
        # trajviz writes "not set" as 0 for the optional float arguments whose Keras default is None.
        for k in ("weight_decay", "clipnorm", "clipvalue", "global_clipnorm"):
            if k in kw and kw[k] == 0 and not (name == "adamw" and k == "weight_decay"):
                kw[k] = None
        self.name = name
        self.opt = KERAS[name](**kw)
        self.var = keras.Variable(np.array(start, dtype=np.float64), dtype="float64")
        assert self.var.value.dtype == torch.float64
        assert self.opt.learning_rate.dtype == "float64"

    def point(self):
        v = self.var.value
        return v[0].item(), v[1].item()

    def step(self, g, lr, momentum):
        if lr is not None:
            self.opt.learning_rate = lr
            if momentum is not None:
                setattr(self.opt, KERAS_CYCLED[self.name], momentum)
        self.opt.apply_gradients([(torch.tensor(g, dtype=torch.float64), self.var)])
        for v in self.opt.variables:
            if v.dtype != "int32":
                assert v.value.dtype == torch.float64, v


# ---------------------------------------------------------------------------------------------
# optax: the real aliases, float64, op by op.

OPTAX = {
    "sgd": optax.sgd, "adagrad": optax.adagrad, "rmsprop": optax.rmsprop, "adam": optax.adam,
    "adamw": optax.adamw, "adamax": optax.adamax, "nadam": optax.nadam, "radam": optax.radam,
    "amsgrad": optax.amsgrad, "adabelief": optax.adabelief, "yogi": optax.yogi, "lion": optax.lion,
}
OPTAX_CYCLED = {"sgd": "momentum", "rmsprop": "momentum"}


class OptaxRunner:
    def __init__(self, name, params, start, scheduled):
        kw = {("learning_rate" if k == "lr" else k): v for k, v in params.items()}
        # momentum=None is optax's default for sgd and rmsprop; trajviz writes it as 0.
        if kw.get("momentum") == 0:
            kw["momentum"] = None
        self.name = name
        self.scheduled = scheduled
        self.cycled = OPTAX_CYCLED.get(name, "b1")
        if scheduled:
            if self.cycled == "momentum" and kw.get("momentum") is None:
                self.cycled = None
            self.tx = optax.inject_hyperparams(OPTAX[name])(**kw)
        else:
            self.tx = OPTAX[name](**kw)
        self.p = jnp.asarray(np.array(start, dtype=np.float64))
        self.state = self.tx.init(self.p)

    def point(self):
        return float(self.p[0]), float(self.p[1])

    def step(self, g, lr, momentum):
        if self.scheduled:
            hp = self.state.hyperparams
            hp["learning_rate"] = jnp.asarray(lr, dtype=jnp.float64)
            if momentum is not None:
                hp[self.cycled] = jnp.asarray(momentum, dtype=jnp.float64)
        u, self.state = self.tx.update(jnp.asarray(np.array(g, dtype=np.float64)), self.state, self.p)
        self.p = optax.apply_updates(self.p, u)
        assert self.p.dtype == jnp.float64


# ---------------------------------------------------------------------------------------------
# schedules: torch.optim.lr_scheduler, stepped as torch's loop steps it.

SCHEDULES = {
    "step": "StepLR", "multistep": "MultiStepLR", "exponential": "ExponentialLR", "cosine": "CosineAnnealingLR",
    "linear": "LinearLR", "constant": "ConstantLR", "polynomial": "PolynomialLR", "onecycle": "OneCycleLR",
}


def parse_schedule(text):
    name, _, rest = text.partition(":")
    kw = {}
    for item in filter(None, rest.split(",")):
        k, v = item.split("=")
        if "/" in v:
            kw[k] = [int(x) for x in v.split("/")]
        elif v in ("true", "false"):
            kw[k] = v == "true"
        else:
            x = float(v)
            kw[k] = int(x) if k in ("step_size", "T_max", "total_iters", "total_steps") else x
    return name, kw


def schedule_rates(text, lr, steps, cycled, base_momentum):
    """The lr (and cycled momentum or beta1, else None) of each of `steps` steps."""
    name, kw = parse_schedule(text)
    p = torch.zeros(1, requires_grad=True)
    if cycled == "beta1":
        o = torch.optim.Adam([p], lr=lr, betas=(base_momentum, 0.999))
    elif cycled == "momentum":
        o = torch.optim.SGD([p], lr=lr, momentum=base_momentum)
    else:
        o = torch.optim.SGD([p], lr=lr)
    if name == "onecycle":
        kw.setdefault("total_steps", steps)
        kw["cycle_momentum"] = cycled is not None and kw.get("cycle_momentum", True)
    sched = getattr(torch.optim.lr_scheduler, SCHEDULES[name])(o, **kw)
    lrs, moms = [], []
    for _ in range(steps):
        grp = o.param_groups[0]
        lrs.append(grp["lr"])
        if name == "onecycle" and kw["cycle_momentum"]:
            moms.append(grp["betas"][0] if cycled == "beta1" else grp["momentum"])
        o.step()
        sched.step()
    return lrs, (moms or None)


# ---------------------------------------------------------------------------------------------

DEFAULT_LR = {
    "textbook": Textbook.DEFAULTS,
    "keras": dict(sgd=0.01, rmsprop=1e-3, adagrad=1e-3, adadelta=1e-3, adam=1e-3, adamw=1e-3, adamax=1e-3,
                  nadam=1e-3, lion=1e-3),
}


def cycled_kind(family, name, params):
    if family == "textbook":
        kind = Textbook.CYCLED.get(name)
        return (kind, params.get(kind, Textbook.DEFAULTS[name].get(kind))) if kind else (None, None)
    if family == "keras":
        kind = KERAS_CYCLED.get(name)
        if kind == "momentum":
            m = params.get("momentum", 0.0)
            return ("momentum", m) if m > 0 else (None, None)
        return ("beta1", params.get("beta_1", 0.9)) if kind else (None, None)
    kind = OPTAX_CYCLED.get(name, "b1")
    if kind == "momentum":
        m = params.get("momentum", 0.0)
        return ("momentum", m) if m else (None, None)
    return "beta1", params.get("b1", 0.9)


def run(case):
    family, name = case["optimizer"].split(".")
    params = case["params"]
    f = objective(case["surface"])
    steps = case["steps"]
    lrs = moms = None
    if "schedule" in case:
        kind, base_m = cycled_kind(family, name, params)
        lrs, moms = schedule_rates(case["schedule"], params["lr"], steps, kind, base_m)
    if family == "textbook":
        r = TextbookRunner(name, params, case["start"])
    elif family == "keras":
        r = KerasRunner(name, params, case["start"])
    else:
        r = OptaxRunner(name, params, case["start"], lrs is not None)
    xs, ys, ls = [], [], []
    diverged = None
    for k in range(steps + 1):
        x, y = r.point()
        if not (math.isfinite(x) and math.isfinite(y)):
            diverged = k
            break
        loss, gx, gy = f(x, y)
        if not math.isfinite(loss):
            diverged = k
            break
        xs.append(x)
        ys.append(y)
        ls.append(loss)
        if k == steps:
            break
        if not (math.isfinite(gx) and math.isfinite(gy)):
            diverged = k
            break
        r.step([gx, gy], lrs[k] if lrs else None, moms[k] if moms else None)
    out = dict(case, family=family, xs=xs, ys=ys, losses=ls)
    if lrs is not None:
        out["lrs"] = lrs
        if moms is not None:
            out["momentums"] = moms
    if diverged is not None or case.get("expect_divergence"):
        out["diverged_at"] = diverged
    return out


# Rates that give a readable path on the two main surfaces (bare-name paths).
LR = {
    "rosenbrock": {
        "textbook": dict(sgd=1e-3, momentum=2e-4, nesterov=2e-4, adagrad=0.3, rmsprop=0.01, adam=0.05),
        "keras": dict(sgd=1e-3, rmsprop=0.01, adagrad=0.3, adadelta=1.0, adam=0.05, adamw=0.05, adamax=0.1,
                      nadam=0.05, lion=0.01),
        "optax": dict(sgd=1e-3, adagrad=0.3, rmsprop=0.01, adam=0.05, adamw=0.05, adamax=0.1, nadam=0.05,
                      radam=0.01, amsgrad=0.05, adabelief=0.05, yogi=0.1, lion=0.01),
    },
    "beale": {
        "textbook": dict(sgd=1e-3, momentum=1e-3, nesterov=1e-3, adagrad=0.5, rmsprop=0.01, adam=0.05),
        "keras": dict(sgd=1e-3, rmsprop=0.01, adagrad=0.5, adadelta=1.0, adam=0.05, adamw=0.05, adamax=0.05,
                      nadam=0.05, lion=0.01),
        "optax": dict(sgd=1e-3, adagrad=0.5, rmsprop=0.01, adam=0.05, adamw=0.05, adamax=0.05, nadam=0.05,
                      radam=0.01, amsgrad=0.05, adabelief=0.05, yogi=0.05, lion=0.01),
    },
}

# Every option of every optimizer, alone and in the combinations that change the math.
VARIANTS = [
    ("textbook.sgd", dict(lr=0.05)),
    ("textbook.momentum", dict(lr=0.01, momentum=0.5)),
    ("textbook.momentum", dict(lr=0.02)),
    ("textbook.nesterov", dict(lr=0.01, momentum=0.7)),
    ("textbook.nesterov", dict(lr=0.02)),
    ("textbook.adagrad", dict(lr=0.5)),
    ("textbook.rmsprop", dict(lr=0.01, decay_rate=0.9)),
    ("textbook.rmsprop", dict(lr=0.05)),
    ("textbook.adam", dict(lr=0.05, beta1=0.8, beta2=0.99)),
    ("textbook.adam", dict(lr=0.1, beta1=0.5)),

    ("keras.sgd", dict(lr=0.01, momentum=0.9)),
    ("keras.sgd", dict(lr=0.01, momentum=0.8, nesterov=True)),
    ("keras.sgd", dict(lr=0.02, nesterov=True)),
    ("keras.sgd", dict(lr=0.01, weight_decay=0.1)),
    ("keras.sgd", dict(lr=0.01, momentum=0.5, weight_decay=0.05, clipvalue=0.5)),
    ("keras.sgd", dict(lr=0.01, momentum=0.9, nesterov=True, clipnorm=1.0)),
    ("keras.rmsprop", dict(lr=0.01, rho=0.8)),
    ("keras.rmsprop", dict(lr=0.01, momentum=0.5)),
    ("keras.rmsprop", dict(lr=0.01, centered=True)),
    ("keras.rmsprop", dict(lr=0.01, centered=True, momentum=0.9, epsilon=1e-4)),
    ("keras.rmsprop", dict(lr=0.01, weight_decay=0.1, global_clipnorm=2.0)),
    ("keras.adagrad", dict(lr=0.5, initial_accumulator_value=0.5, epsilon=1e-3)),
    ("keras.adagrad", dict(lr=0.3, initial_accumulator_value=0.0)),
    ("keras.adagrad", dict(lr=0.3, weight_decay=0.05, clipvalue=1.0)),
    ("keras.adadelta", dict(lr=1.0, rho=0.8, epsilon=1e-4)),
    ("keras.adadelta", dict(lr=2.0, weight_decay=0.01)),
    ("keras.adam", dict(lr=0.05, amsgrad=True)),
    ("keras.adam", dict(lr=0.05, beta_1=0.5, beta_2=0.9)),
    ("keras.adam", dict(lr=0.05, epsilon=1e-3, weight_decay=0.05)),
    ("keras.adam", dict(lr=0.05, amsgrad=True, beta_2=0.9, clipnorm=0.5)),
    ("keras.adamw", dict(lr=0.05)),
    ("keras.adamw", dict(lr=0.05, weight_decay=0.5, amsgrad=True)),
    ("keras.adamw", dict(lr=0.05, weight_decay=0.0, beta_1=0.8, epsilon=1e-5)),
    ("keras.adamax", dict(lr=0.05, beta_1=0.8, beta_2=0.99, epsilon=1e-3)),
    ("keras.adamax", dict(lr=0.1, weight_decay=0.05)),
    ("keras.nadam", dict(lr=0.05, beta_1=0.8)),
    ("keras.nadam", dict(lr=0.05, beta_2=0.99, epsilon=1e-4, weight_decay=0.05)),
    ("keras.lion", dict(lr=0.01, beta_1=0.95, beta_2=0.98)),
    ("keras.lion", dict(lr=0.01, weight_decay=0.5)),
    ("keras.lion", dict(lr=0.02, beta_1=1.0, clipvalue=0.1)),

    # each gradient clip of the base optimizer before each Keras rule
    ("keras.sgd", dict(lr=0.01, momentum=0.9, global_clipnorm=1.5)),
    ("keras.rmsprop", dict(lr=0.01, momentum=0.5, clipvalue=0.5)),
    ("keras.rmsprop", dict(lr=0.01, clipnorm=1.0)),
    ("keras.adagrad", dict(lr=0.3, clipnorm=2.0)),
    ("keras.adagrad", dict(lr=0.3, global_clipnorm=0.5)),
    ("keras.adadelta", dict(lr=1.0, clipnorm=1.0)),
    ("keras.adadelta", dict(lr=1.0, clipvalue=0.5)),
    ("keras.adadelta", dict(lr=1.0, global_clipnorm=2.0)),
    ("keras.adam", dict(lr=0.05, clipvalue=0.5)),
    ("keras.adam", dict(lr=0.05, global_clipnorm=1.0)),
    ("keras.adamw", dict(lr=0.05, clipvalue=1.0)),
    ("keras.adamw", dict(lr=0.05, weight_decay=0.1, global_clipnorm=3.0)),
    ("keras.adamax", dict(lr=0.05, clipnorm=1.0)),
    ("keras.adamax", dict(lr=0.05, clipvalue=0.2)),
    ("keras.adamax", dict(lr=0.05, global_clipnorm=0.7)),
    ("keras.nadam", dict(lr=0.05, clipnorm=0.5)),
    ("keras.nadam", dict(lr=0.05, clipvalue=1.0)),
    ("keras.nadam", dict(lr=0.05, global_clipnorm=2.0)),
    ("keras.lion", dict(lr=0.01, clipnorm=1.0)),
    ("keras.lion", dict(lr=0.01, global_clipnorm=0.1)),

    ("optax.sgd", dict(lr=0.01, momentum=0.9)),
    ("optax.sgd", dict(lr=0.01, momentum=0.8, nesterov=True)),
    ("optax.sgd", dict(lr=0.02, nesterov=True)),
    ("optax.adagrad", dict(lr=0.5, initial_accumulator_value=0.0, eps=1e-3)),
    ("optax.adagrad", dict(lr=0.3, initial_accumulator_value=1.0)),
    ("optax.rmsprop", dict(lr=0.01, decay=0.8)),
    ("optax.rmsprop", dict(lr=0.01, eps=1e-4, eps_in_sqrt=False)),
    ("optax.rmsprop", dict(lr=0.01, centered=True)),
    ("optax.rmsprop", dict(lr=0.01, centered=True, eps_in_sqrt=False, initial_scale=1.0)),
    ("optax.rmsprop", dict(lr=0.005, momentum=0.5, nesterov=True)),
    ("optax.rmsprop", dict(lr=0.01, momentum=0.9)),
    ("optax.rmsprop", dict(lr=0.01, bias_correction=True)),
    ("optax.rmsprop", dict(lr=0.01, centered=True, bias_correction=True, momentum=0.5, decay=0.95)),
    ("optax.adam", dict(lr=0.05, b1=0.8, b2=0.99)),
    ("optax.adam", dict(lr=0.05, eps_root=1e-8, eps=1e-3)),
    ("optax.adam", dict(lr=0.05, nesterov=True)),
    ("optax.adamw", dict(lr=0.05)),
    ("optax.adamw", dict(lr=0.05, weight_decay=0.1, nesterov=True, eps_root=1e-6)),
    ("optax.adamw", dict(lr=0.05, b1=0.8, b2=0.99, eps=1e-4)),
    ("optax.adamax", dict(lr=0.05, b1=0.8, b2=0.99, eps=1e-3)),
    ("optax.nadam", dict(lr=0.05, b1=0.8)),
    ("optax.nadam", dict(lr=0.05, eps_root=1e-8, nesterov=False)),
    ("optax.radam", dict(lr=0.02, threshold=3.0)),
    ("optax.radam", dict(lr=0.02, b2=0.99, eps=1e-4, eps_root=1e-8)),
    ("optax.radam", dict(lr=0.02, nesterov=True)),
    ("optax.radam", dict(lr=0.02, b1=0.8, threshold=6.0)),
    ("optax.amsgrad", dict(lr=0.05, bias_correction_mu=False)),
    ("optax.amsgrad", dict(lr=0.05, bias_correction_nu=False, b2=0.9, eps_root=1e-8)),
    ("optax.amsgrad", dict(lr=0.05, b1=0.7, eps=1e-4)),
    ("optax.adabelief", dict(lr=0.05, eps=1e-8, eps_root=1e-8)),
    ("optax.adabelief", dict(lr=0.05, b1=0.8, b2=0.99, nesterov=True)),
    ("optax.yogi", dict(lr=0.1, b1=0.8, b2=0.99, eps=1e-4)),
    ("optax.lion", dict(lr=0.01, weight_decay=0.0)),
    ("optax.lion", dict(lr=0.01, b1=0.95, b2=0.98, weight_decay=0.1)),
]

VARIANT_SURFACES = ["quadratic", "booth", "himmelblau", "matyas", "six-hump-camel", "three-hump-camel"]

# Schedules, each on an optimizer whose family handles a changing rate in its own way.
SCHEDULED = [
    ("quadratic", "textbook.momentum", dict(lr=0.02), "step:step_size=30,gamma=0.5"),
    ("rosenbrock", "textbook.adam", dict(lr=0.05), "cosine:T_max=100"),
    ("booth", "textbook.sgd", dict(lr=0.05), "exponential:gamma=0.98"),
    ("quadratic", "textbook.nesterov", dict(lr=0.02), "onecycle:max_lr=0.05"),
    ("beale", "textbook.rmsprop", dict(lr=0.01), "linear:start_factor=0.1,total_iters=40"),
    ("quadratic", "keras.sgd", dict(lr=0.02, momentum=0.9), "step:step_size=30,gamma=0.5"),
    ("rosenbrock", "keras.adam", dict(lr=0.05), "cosine:T_max=100"),
    ("himmelblau", "keras.adamw", dict(lr=0.05, weight_decay=0.1), "multistep:milestones=20/60,gamma=0.3"),
    ("beale", "keras.nadam", dict(lr=0.05), "onecycle:max_lr=0.1"),
    ("quadratic", "keras.rmsprop", dict(lr=0.01, momentum=0.5, centered=True), "onecycle:max_lr=0.02"),
    ("booth", "keras.lion", dict(lr=0.05, weight_decay=0.1), "polynomial:total_iters=80,power=2.0"),
    ("rosenbrock", "keras.adadelta", dict(lr=1.0), "exponential:gamma=0.99"),
    ("quadratic", "optax.sgd", dict(lr=0.02, momentum=0.9), "onecycle:max_lr=0.05"),
    ("rosenbrock", "optax.adamw", dict(lr=0.05, weight_decay=0.1), "cosine:T_max=100"),
    ("booth", "optax.lion", dict(lr=0.05), "step:step_size=25,gamma=0.5"),
    ("matyas", "optax.rmsprop", dict(lr=0.01, momentum=0.5), "exponential:gamma=0.98"),
    ("beale", "optax.adam", dict(lr=0.05), "onecycle:max_lr=0.1"),
    ("himmelblau", "optax.radam", dict(lr=0.05), "linear:start_factor=0.2,total_iters=30"),
    # momentum 0 (Keras's 0, optax's None) has no velocity: a cycling schedule moves only the rate
    ("quadratic", "keras.sgd", dict(lr=0.01), "onecycle:max_lr=0.05"),
    ("booth", "keras.rmsprop", dict(lr=0.01), "onecycle:max_lr=0.05"),
    ("quadratic", "optax.sgd", dict(lr=0.01, nesterov=True), "onecycle:max_lr=0.05"),
    ("matyas", "optax.rmsprop", dict(lr=0.01), "onecycle:max_lr=0.02"),
    ("beale", "keras.adadelta", dict(lr=1.0), "onecycle:max_lr=2.0,cycle_momentum=false"),
]

SEED_PRINTOUTS = [("textbook.sgd", 0.01), ("textbook.momentum", 0.01), ("textbook.nesterov", 0.01),
                  ("textbook.adagrad", 0.01), ("textbook.rmsprop", 0.01), ("textbook.adam", 0.001)]


def cases():
    out = []
    for surf, start in (("rosenbrock", [-1.5, 2.0]), ("beale", [1.0, 1.5])):
        for family in ("textbook", "keras", "optax"):
            for name, lr in LR[surf][family].items():
                steps = 100 if name == "lion" else 200
                out.append(dict(surface=surf, optimizer=f"{family}.{name}", params=dict(lr=lr), start=start,
                                steps=steps))
    for i, (opt, params) in enumerate(VARIANTS):
        surf = VARIANT_SURFACES[i % len(VARIANT_SURFACES)]
        out.append(dict(surface=surf, optimizer=opt, params=params, start=START[surf], steps=120))
    # every surface, several optimizers of every family, from its own start
    rotation = ["keras.adam", "optax.adabelief", "textbook.momentum", "keras.rmsprop", "optax.yogi",
                "textbook.adagrad", "keras.nadam", "optax.radam", "textbook.rmsprop", "keras.adamax",
                "optax.amsgrad", "textbook.adam", "keras.adagrad", "optax.rmsprop", "keras.lion", "optax.adamax",
                "textbook.nesterov", "keras.sgd", "optax.nadam", "keras.adadelta", "optax.sgd"]
    lrs = {"textbook.momentum": 1e-3, "textbook.nesterov": 1e-3, "keras.sgd": 1e-3, "optax.sgd": 1e-3,
           "keras.adadelta": 1.0, "textbook.adagrad": 0.2, "keras.adagrad": 0.2, "keras.lion": 0.01}
    surfaces = list(START)
    for i, surf in enumerate(surfaces):
        for j in range(3):
            opt = rotation[(i * 3 + j) % len(rotation)]
            out.append(dict(surface=surf, optimizer=opt, params=dict(lr=lrs.get(opt, 0.02)), start=START[surf],
                            steps=100))
    for surf, opt, params, sched in SCHEDULED:
        out.append(dict(surface=surf, optimizer=opt, params=params, start=START[surf], steps=150, schedule=sched))
    for opt, lr in SEED_PRINTOUTS:
        out.append(dict(surface="linear", optimizer=opt, params=dict(lr=lr), start=[1.0, 2.0], steps=1))
    # paths that leave the floats, to check where each family's path stops
    for opt in ("textbook.sgd", "keras.sgd", "optax.sgd"):
        out.append(dict(surface="rosenbrock", optimizer=opt, params=dict(lr=0.01), start=[-1.5, 2.0], steps=50,
                        expect_divergence=True))
    return out


def check_textbook(folder):
    """Compares the numpy formulas above with the book's own classes, bit for bit."""
    sys.path.insert(0, folder)
    import common.optimizer as book  # noqa: E402
    classes = dict(sgd=book.SGD, momentum=book.Momentum, nesterov=book.Nesterov, adagrad=book.AdaGrad,
                   rmsprop=book.RMSprop, adam=book.Adam)
    bad = 0
    for surf in ("rosenbrock", "beale", "quadratic", "himmelblau"):
        f = objective(surf)
        for name, cls in classes.items():
            lr = LR.get(surf, LR["rosenbrock"])["textbook"][name]
            theirs, mine = cls(lr=lr), TextbookRunner(name, dict(lr=lr), START[surf])
            params = {"x": np.array(START[surf][0]), "y": np.array(START[surf][1])}
            for k in range(150):
                x, y = float(params["x"]), float(params["y"])
                if (x, y) != mine.point():
                    print("textbook", name, surf, "differs at step", k, (x, y), mine.point())
                    bad += 1
                    break
                _, gx, gy = f(x, y)
                theirs.update(params, {"x": np.array(gx), "y": np.array(gy)})
                mine.step([gx, gy], None, None)
    print("textbook check:", "identical" if bad == 0 else f"{bad} differences")


if __name__ == "__main__":
    if "--check-textbook" in sys.argv:
        check_textbook(sys.argv[sys.argv.index("--check-textbook") + 1])
        sys.exit(0)
    res = [run(c) for c in cases()]
    meta = dict(generator=f"gen_families.py: keras {keras.__version__} (torch {torch.__version__} backend), "
                          f"optax {optax.__version__} (jax {jax.__version__}), numpy {np.__version__}; float64")
    with open(sys.argv[1], "w") as fh:
        json.dump(dict(meta, cases=res), fh)
    print(len(res), "cases;", "diverged:",
          [(r["surface"], r["optimizer"], r.get("diverged_at")) for r in res if "diverged_at" in r])
    for r in res:
        print(f'{r["surface"]:17s} {r["optimizer"]:18s} {json.dumps(r["params"]):60s} {r.get("schedule", ""):30s}'
              f'end=({r["xs"][-1]:.4g},{r["ys"][-1]:.4g}) loss={r["losses"][0]:.4g}->{r["losses"][-1]:.4g}')
