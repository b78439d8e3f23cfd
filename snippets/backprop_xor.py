"""Backpropagation by hand in numpy for a 2-H-1 sigmoid network on XOR, checked by autograd."""

import numpy as np
import torch

SEED = 0
torch.set_num_threads(1)  # small tensors gain little from more threads; on a busy CPU they spin (3x slower)
rng = np.random.default_rng(SEED)
RUNS, STEPS, LR = 100, 3000, 2.0
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
Y = np.array([[0], [1], [1], [0]], dtype=float)


def sigma(z):
    return 1 / (1 + np.exp(-z))


def forward_backward(W1, b1, W2, b2):
    """Error E and its gradients for a stack of independent networks (first axis)."""
    h = sigma(X @ W1 + b1)
    out = sigma(h @ W2 + b2)
    E = 0.5 * ((out - Y) ** 2).sum(axis=(1, 2))  # squared error, as in Rumelhart et al.
    delta_out = (out - Y) * out * (1 - out)  # dE/d(input of the output unit)
    delta_h = (delta_out @ W2.transpose(0, 2, 1)) * h * (1 - h)  # carried back through W2
    grads = [
        X.T @ delta_h,
        delta_h.sum(1, keepdims=True),
        h.transpose(0, 2, 1) @ delta_out,
        delta_out.sum(1, keepdims=True),
    ]
    return E, out, grads


def init(hidden):
    shapes = [(RUNS, 2, hidden), (RUNS, 1, hidden), (RUNS, hidden, 1), (RUNS, 1, 1)]
    return [rng.uniform(-1, 1, shape) for shape in shapes]


# 1. The hand-written gradients against torch.autograd, in float64.
params = init(3)
_, _, grads = forward_backward(*params)
t = [torch.tensor(p, requires_grad=True) for p in params]
out = torch.sigmoid(torch.sigmoid(torch.tensor(X) @ t[0] + t[1]) @ t[2] + t[3])
(0.5 * ((out - torch.tensor(Y)) ** 2).sum()).backward()
gap = max(np.abs(g - p.grad.numpy()).max() for g, p in zip(grads, t))
print(f"largest difference from autograd: {gap:.1e}")
assert all(np.allclose(g, p.grad.numpy(), rtol=0, atol=1e-10) for g, p in zip(grads, t)), (
    "the hand-written gradients must match autograd"
)

# 2. Plain gradient descent from RUNS random starts, for a narrow and a wider hidden layer.
curves, stuck = {}, {}
for hidden in (2, 8):
    params, curve = init(hidden), []
    for _ in range(STEPS):
        E, out, grads = forward_backward(*params)
        params = [p - LR * g for p, g in zip(params, grads)]
        curve.append(E)
    curves[hidden] = np.array(curve)
    stuck[hidden] = (np.abs(out - Y) >= 0.5).any(axis=(1, 2))  # some output on the wrong side
    print(
        f"H = {hidden}: {RUNS - stuck[hidden].sum()} of {RUNS} runs solve XOR, {stuck[hidden].sum()} stay stuck"
    )

assert stuck[2].sum() >= 3, "with two hidden units some starts should get stuck in a poor solution"
assert stuck[8].sum() == 0, "with eight hidden units every start should solve XOR"
