"""Non-convexity: permuting hidden units keeps the loss, the midpoint between the copies does not."""

import torch
from sklearn.datasets import make_moons
from torch import nn

SEED = 0
torch.manual_seed(SEED)
threads = torch.get_num_threads()
torch.set_num_threads(1)  # tiny tensors: extra threads cost more than they save
HIDDEN, STEPS = 8, 500
X, y = make_moons(n_samples=200, noise=0.1, random_state=SEED)
X, y = torch.tensor(X), torch.tensor(y, dtype=torch.float64)  # float64 throughout


def adam_step(params, mean, square, t, lr):
    """One step of Adam (Kingma & Ba, 2015), written out: torch.optim's first import takes ~0.8 s."""
    with torch.no_grad():
        for p, m, v in zip(params, mean, square):
            m.mul_(0.9).add_(0.1 * p.grad)  # running mean of the gradient
            v.mul_(0.999).add_(0.001 * p.grad**2)  # and of its square
            p -= lr * (m / (1 - 0.9**t)) / ((v / (1 - 0.999**t)).sqrt() + 1e-8)


net = nn.Sequential(nn.Linear(2, HIDDEN), nn.Tanh(), nn.Linear(HIDDEN, 1)).double()
params = list(net.parameters())
mean, square = [torch.zeros_like(p) for p in params], [torch.zeros_like(p) for p in params]
for t in range(1, STEPS + 1):
    net.zero_grad()
    loss = nn.functional.binary_cross_entropy_with_logits(net(X).squeeze(1), y)
    loss.backward()
    adam_step(params, mean, square, t, lr=0.05)
theta = nn.utils.parameters_to_vector(net.parameters()).detach()
torch.set_num_threads(threads)  # leave the process as we found it

# Reorder the hidden units: rows of W1 and b1, columns of W2 move together.
perm = torch.arange(HIDDEN).flip(0)
W1, b1, W2, b2 = (p.detach() for p in net.parameters())
theta_perm = torch.cat([W1[perm].flatten(), b1[perm], W2[:, perm].flatten(), b2])


def loss_at(vector):
    nn.utils.vector_to_parameters(vector, net.parameters())
    with torch.no_grad():
        return nn.functional.binary_cross_entropy_with_logits(net(X).squeeze(1), y).item()


ts = torch.linspace(0, 1, 41, dtype=torch.float64)
line = [loss_at((1 - t) * theta + t * theta_perm) for t in ts]
start, end, middle = line[0], line[-1], line[len(line) // 2]
print(f"loss of the trained net:       {start:.6f}")
print(f"loss after permuting units:    {end:.6f}  (difference {abs(end - start):.1e})")
print(f"loss halfway between the two:  {middle:.6f}")
print(f"highest loss on the line:      {max(line):.6f}")

assert abs(end - start) < 1e-6, "permuting hidden units must leave the loss unchanged"
assert middle > 10 * start, "the midpoint should be clearly worse: a convex loss could not be"
