"""It just works, and theory lags: a small net fits randomly shuffled digit labels perfectly,
test accuracy falls to chance, and fitting takes longer than with the true labels
(Zhang et al., 2017, in miniature)."""

import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn

SEED, N_TRAIN, WIDTH, LR, MAX_STEPS = 0, 500, 128, 0.005, 2000
torch.manual_seed(SEED)
torch.set_num_threads(1)  # small matrices: a second thread costs more than it saves
torch.set_default_dtype(torch.float32)  # restated: the site builds all pages in one process
X, y = load_digits(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X / 16, y, train_size=N_TRAIN, random_state=SEED)
X_train, X_test = torch.tensor(X_train, dtype=torch.float32), torch.tensor(X_test, dtype=torch.float32)
y_train, y_test = torch.tensor(y_train), torch.tensor(y_test)


def adam_step(params, mean, square, t, lr):
    """One step of Adam (Kingma & Ba, 2015), written out: torch.optim's first import takes ~0.8 s."""
    with torch.no_grad():
        for p, m, v in zip(params, mean, square):
            m.mul_(0.9).add_(0.1 * p.grad)  # running mean of the gradient
            v.mul_(0.999).add_(0.001 * p.grad**2)  # and of its square
            p -= lr * (m / (1 - 0.9**t)) / ((v / (1 - 0.999**t)).sqrt() + 1e-8)


def fit(labels):
    """Full-batch Adam until every training label is predicted; returns the accuracy curve."""
    model = nn.Sequential(
        nn.Linear(64, WIDTH), nn.ReLU(), nn.Linear(WIDTH, WIDTH), nn.ReLU(), nn.Linear(WIDTH, 10)
    )
    params, curve = list(model.parameters()), []
    mean, square = [torch.zeros_like(p) for p in params], [torch.zeros_like(p) for p in params]
    for t in range(1, MAX_STEPS + 1):
        model.zero_grad()
        out = model(X_train)
        curve.append((out.argmax(1) == labels).float().mean().item())
        if curve[-1] == 1.0:
            break
        nn.functional.cross_entropy(out, labels).backward()
        adam_step(params, mean, square, t, lr=LR)
    with torch.no_grad():
        return curve, (model(X_test).argmax(1) == y_test).float().mean().item()


true_curve, true_test = fit(y_train)
shuffled = y_train[torch.randperm(N_TRAIN)]  # same labels, assigned to the wrong images
random_curve, random_test = fit(shuffled)
weights = (64 + 1) * WIDTH + (WIDTH + 1) * WIDTH + (WIDTH + 1) * 10
print(f"{N_TRAIN} training digits, {weights:,} parameters: room to store far more than {N_TRAIN} labels")
print(f"{'labels':>9} {'steps to fit':>13} {'train acc':>10} {'test acc':>9}")
print(f"{'true':>9} {len(true_curve):>13} {true_curve[-1]:>10.3f} {true_test:>9.3f}")
print(f"{'shuffled':>9} {len(random_curve):>13} {random_curve[-1]:>10.3f} {random_test:>9.3f}")

assert random_curve[-1] == 1.0, "the net should fit the shuffled labels perfectly"
assert random_test < 0.2, "with shuffled labels, test accuracy should be near chance (0.1)"
assert true_test > 0.85, "with true labels, the same net should generalise (> 85% test accuracy)"
assert len(random_curve) > 1.5 * len(true_curve), "shuffled labels should take > 1.5x as many steps to fit"
