"""Dropout on a small training set: test log-loss and test error of a wide net, with and without."""

import torch
from sklearn.datasets import load_digits
from torch import nn

SEED = 0
torch.set_num_threads(1)  # small tensors gain little from more threads; on a busy CPU they spin (3x slower)
N_TRAIN, WIDTH, STEPS = 100, 256, 140
P_INPUT, P_HIDDEN = 0.2, 0.5  # the rates Srivastava et al. (2014) recommend
digits = load_digits()
X = torch.tensor(digits.data / 16.0, dtype=torch.float32)
y = torch.tensor(digits.target)
torch.manual_seed(SEED)
order = torch.randperm(len(X))
train, test = order[:N_TRAIN], order[N_TRAIN:]


def adam_step(params, mean, square, t, lr):
    """One step of Adam (Kingma & Ba, 2015), written out: torch.optim's first import takes ~0.8 s."""
    with torch.no_grad():
        for p, m, v in zip(params, mean, square):
            m.mul_(0.9).add_(0.1 * p.grad)  # running mean of the gradient
            v.mul_(0.999).add_(0.001 * p.grad**2)  # and of its square
            p -= lr * (m / (1 - 0.9**t)) / ((v / (1 - 0.999**t)).sqrt() + 1e-8)


def fit_and_test(p_input, p_hidden):
    torch.manual_seed(SEED)  # same initial weights for both nets
    model = nn.Sequential(
        nn.Dropout(p_input),
        nn.Linear(64, WIDTH),
        nn.ReLU(),
        nn.Dropout(p_hidden),
        nn.Linear(WIDTH, WIDTH),
        nn.ReLU(),
        nn.Dropout(p_hidden),
        nn.Linear(WIDTH, 10),
    )
    params = list(model.parameters())
    mean, square = [torch.zeros_like(p) for p in params], [torch.zeros_like(p) for p in params]
    for t in range(1, STEPS + 1):  # full batch: all 100 training digits at every step
        model.zero_grad()
        nn.functional.cross_entropy(model(X[train]), y[train]).backward()
        adam_step(params, mean, square, t, lr=3e-3)
    model.eval()  # dropout is switched off at test time
    with torch.no_grad():
        logits = model(X[test])
    return nn.functional.cross_entropy(logits, y[test]).item(), (
        logits.argmax(1) != y[test]
    ).float().mean().item()


plain_loss, plain_err = fit_and_test(0.0, 0.0)
drop_loss, drop_err = fit_and_test(P_INPUT, P_HIDDEN)
print(f"trained on {N_TRAIN} digits, tested on the other {len(test)}")
print(f"{'':>12} {'log-loss':>9} {'error':>7}")
print(f"{'no dropout':>12} {plain_loss:>9.3f} {plain_err:>7.1%}")
print(f"{'dropout':>12} {drop_loss:>9.3f} {drop_err:>7.1%}")
print(f"test log-loss ratio, dropout / none: {drop_loss / plain_loss:.2f}")

assert drop_loss < 0.8 * plain_loss, "dropout should cut the test log-loss by at least 20%"
