"""Opening a black box: a LIME-style local surrogate and input-gradient saliency."""

import numpy as np
import torch
from torch import nn

SEED = 0
torch.manual_seed(SEED)
torch.set_num_threads(1)  # a model this small runs faster on one thread
rng = np.random.default_rng(SEED)
D, INFORMATIVE, POINTS, SAMPLES, WIDTH = 8, [0, 1, 2], 60, 400, 1.0

# Only features 0, 1 and 2 decide the label; features 3..7 are noise the model could latch onto.
X = rng.normal(size=(2000, D)).astype(np.float32)
y = (2 * X[:, 0] + 2 * np.sin(2 * X[:, 1]) + X[:, 2] ** 2 - 1 > 0).astype(np.float32)


def adam_step(params, mean, square, t, lr):
    """One step of Adam (Kingma & Ba, 2015), written out: torch.optim's first import takes ~0.8 s."""
    with torch.no_grad():
        for p, m, v in zip(params, mean, square):
            m.mul_(0.9).add_(0.1 * p.grad)  # running mean of the gradient
            v.mul_(0.999).add_(0.001 * p.grad**2)  # and of its square
            p -= lr * (m / (1 - 0.9**t)) / ((v / (1 - 0.999**t)).sqrt() + 1e-8)


model = nn.Sequential(nn.Linear(D, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 1))
Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
params = list(model.parameters())
mean, square = [torch.zeros_like(p) for p in params], [torch.zeros_like(p) for p in params]
for t in range(1, 151):
    model.zero_grad()
    nn.functional.binary_cross_entropy_with_logits(model(Xt).squeeze(1), yt).backward()
    adam_step(params, mean, square, t, lr=1e-2)
accuracy = ((model(Xt).squeeze(1) > 0).float() == yt).float().mean().item()


def predict(x):  # the black box: numbers in, probability out
    with torch.no_grad():
        return torch.sigmoid(model(torch.from_numpy(x.astype(np.float32)))).squeeze(1).numpy()


def lime(x0):
    """Sample around x0, weight samples by closeness, fit a weighted linear model."""
    Z = x0 + rng.normal(size=(SAMPLES, D))
    w = np.exp(-((Z - x0) ** 2).sum(1) / (2 * WIDTH**2 * D))
    A = np.hstack([Z - x0, np.ones((SAMPLES, 1))])
    coef = np.linalg.solve(A.T @ (A * w[:, None]) + 1e-3 * np.eye(D + 1), A.T @ (w * predict(Z)))
    return np.abs(coef[:D])


def saliency(x0):
    x = torch.tensor(x0, dtype=torch.float32, requires_grad=True)
    torch.sigmoid(model(x[None])).sum().backward()
    return x.grad.abs().numpy()


points = X[:POINTS]
lime_imp = np.array([lime(p) for p in points])
grad_imp = np.array([saliency(p) for p in points])
lime_avg, grad_avg = lime_imp.mean(0), grad_imp.mean(0)
print(f"training accuracy: {accuracy:.3f}")
print(f"{'feature':>7} {'LIME':>7} {'saliency':>9}   (mean |importance| over {POINTS} points)")
for j in range(D):
    print(f"{j:>7} {lime_avg[j]:>7.3f} {grad_avg[j]:>9.3f}" + ("   informative" if j in INFORMATIVE else ""))
same_top = (lime_imp.argmax(1) == grad_imp.argmax(1)).mean()
print(f"points where both name the same top feature: {same_top:.0%}")
noise = [j for j in range(D) if j not in INFORMATIVE]
margin = [avg[INFORMATIVE].min() / avg[noise].max() for avg in (lime_avg, grad_avg)]
print(f"weakest informative / strongest noise feature: LIME {margin[0]:.1f}x, saliency {margin[1]:.1f}x")
top_lime, top_grad = (sorted(np.argsort(-avg)[:3].tolist()) for avg in (lime_avg, grad_avg))
assert top_lime == INFORMATIVE, f"LIME, averaged, should rank features 0, 1, 2 first, got {top_lime}"
assert top_grad == INFORMATIVE, f"saliency, averaged, should rank features 0, 1, 2 first, got {top_grad}"
