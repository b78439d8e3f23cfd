"""ReLU versus saturating units: steps of SGD to reach 10% training error on the digits."""

from itertools import pairwise

import torch
from sklearn.datasets import load_digits
from torch import nn

SEED = 0
torch.set_num_threads(1)  # small tensors gain little from more threads; on a busy CPU they spin (3x slower)
DEPTH, WIDTH, LR, BATCH, STEPS, TARGET = 3, 64, 0.1, 64, 200, 0.10
digits = load_digits()
X = torch.tensor(digits.data / 16.0, dtype=torch.float32)
y = torch.tensor(digits.target)


def training_error_curve(activation):
    torch.manual_seed(SEED)  # same initial weights and mini-batches for every activation
    sizes = [64] + [WIDTH] * DEPTH
    layers = []
    for fan_in, fan_out in pairwise(sizes):
        layers += [nn.Linear(fan_in, fan_out), activation()]
    model = nn.Sequential(*layers, nn.Linear(WIDTH, 10))
    velocity, curve = [torch.zeros_like(p) for p in model.parameters()], []
    for step in range(1, STEPS + 1):
        idx = torch.randint(0, len(X), (BATCH,))
        model.zero_grad()
        nn.functional.cross_entropy(model(X[idx]), y[idx]).backward()
        with torch.no_grad():
            for p, v in zip(model.parameters(), velocity):
                v.mul_(0.9).add_(p.grad)  # SGD with momentum 0.9
                p -= LR * v
        if step % 10 == 0:
            with torch.no_grad():
                curve.append((model(X).argmax(1) != y).float().mean().item())
    return curve


def steps_to_target(curve):
    hits = [10 * (i + 1) for i, err in enumerate(curve) if err < TARGET]
    return hits[0] if hits else float("inf")


curves = {
    name: training_error_curve(act)
    for name, act in [("ReLU", nn.ReLU), ("tanh", nn.Tanh), ("sigmoid", nn.Sigmoid)]
}
steps = {name: steps_to_target(curve) for name, curve in curves.items()}
for name, curve in curves.items():
    reached = f"at step {steps[name]}" if steps[name] <= STEPS else f"not within {STEPS} steps"
    print(f"{name:>8}: below {TARGET:.0%} training error {reached}; after {STEPS} steps: {curve[-1]:.1%}")

assert steps["ReLU"] * 2 < steps["sigmoid"], (
    "ReLU should reach the target in less than half the sigmoid's steps"
)
