"""Degradation: a deep plain stack trains worse than a shallow one; skip connections fix it."""

import torch
from sklearn.datasets import load_digits
from torch import nn

SEED = 0
torch.set_num_threads(1)  # small tensors gain little from more threads; on a busy CPU they spin (3x slower)
WIDTH, STEPS, BATCH, LR = 32, 80, 64, 0.05
SHALLOW, DEEP = 4, 24  # hidden blocks; with the input and output layers: 6 and 26 layers
digits = load_digits()
X = torch.tensor(digits.data / 16.0, dtype=torch.float32)
y = torch.tensor(digits.target)


class Stack(nn.Module):
    """Input layer, `blocks` hidden blocks (Linear, BatchNorm, ReLU), output layer."""

    def __init__(self, blocks, skip):
        super().__init__()
        self.skip = skip
        self.inp, self.out = nn.Linear(64, WIDTH), nn.Linear(WIDTH, 10)
        self.blocks = nn.ModuleList(
            nn.Sequential(nn.Linear(WIDTH, WIDTH), nn.BatchNorm1d(WIDTH), nn.ReLU()) for _ in range(blocks)
        )

    def forward(self, x):
        h = self.inp(x)
        for block in self.blocks:
            h = h + block(h) if self.skip else block(h)  # the residual form: h + F(h)
        return self.out(h)


def training_accuracy(blocks, skip):
    torch.manual_seed(SEED)  # same data order for every net
    model = Stack(blocks, skip)
    velocity = [torch.zeros_like(p) for p in model.parameters()]
    for _ in range(STEPS):
        idx = torch.randint(0, len(X), (BATCH,))
        model.zero_grad()
        nn.functional.cross_entropy(model(X[idx]), y[idx]).backward()
        with torch.no_grad():
            for p, v in zip(model.parameters(), velocity):
                v.mul_(0.9).add_(p.grad)  # SGD with momentum 0.9
                p -= LR * v
    with torch.no_grad():
        return (model(X).argmax(1) == y).float().mean().item()


shallow = training_accuracy(SHALLOW, skip=False)
plain = training_accuracy(DEEP, skip=False)
residual = training_accuracy(DEEP, skip=True)
print(f"training accuracy after {STEPS} steps of SGD")
print(f"{SHALLOW + 2:>4} layers, plain:    {shallow:.1%}")
print(f"{DEEP + 2:>4} layers, plain:    {plain:.1%}")
print(f"{DEEP + 2:>4} layers, residual: {residual:.1%}")

assert plain < shallow - 0.2, "degradation: the deep plain net should trail the shallow one by 20 points"
assert residual > plain + 0.2, "skip connections should lift the deep net by at least 20 points"
assert residual > shallow - 0.1, "the deep residual net should come within 10 points of the shallow one"
