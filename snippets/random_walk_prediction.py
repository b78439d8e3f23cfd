"""What learning cannot do: predict tomorrow's sign from the past of a random walk or a lottery."""

import numpy as np
from sklearn.linear_model import LogisticRegression

SEED = 0
rng = np.random.default_rng(SEED)
T, LAGS, TEST, PHI = 30_000, 5, 10_000, 0.3


def ar1(phi):
    """Daily returns r_t = phi * r_(t-1) + noise; phi = 0 makes the price a random walk."""
    noise, r = rng.normal(size=T), np.zeros(T)
    for t in range(1, T):
        r[t] = phi * r[t - 1] + noise[t]
    return r


def accuracy(series, label):
    """Learn label[t] from the LAGS values before t; score on the last TEST days."""
    X = np.stack([series[LAGS - k - 1 : len(series) - k - 1] for k in range(LAGS)], axis=1)
    y = label[LAGS:]
    model = LogisticRegression().fit(X[:-TEST], y[:-TEST])
    chance = max(y[:-TEST].mean(), 1 - y[:-TEST].mean())  # best constant guess, from training data
    return model.score(X[-TEST:], y[-TEST:]), chance


# A 6-of-45 lottery: each draw is independent of every earlier draw.
draws = np.argsort(rng.random((T, 45)), axis=1)[:, :6] + 1
sums = draws.sum(axis=1).astype(float)
walk, autocorrelated = ar1(0.0), ar1(PHI)
results = {
    "random walk (stock-like)": accuracy(walk, walk > 0),
    "lottery: next sum > 138": accuracy(sums, sums > 138),
    f"AR(1), phi = {PHI}": accuracy(autocorrelated, autocorrelated > 0),
}
band = 3 * np.sqrt(0.25 / TEST)  # three standard deviations of a coin's hit rate over TEST days
print(f"test days: {TEST}; chance band: best constant guess +/- {band:.4f}")
for name, (acc, chance) in results.items():
    print(f"{name:<26} accuracy {acc:.4f}   chance {chance:.4f}   excess {acc - chance:+.4f}")

for name in list(results)[:2]:
    acc, chance = results[name]
    assert acc < chance + band, f"{name}: no model should beat chance by 3 sigma, got {acc:.4f}"
acc, chance = results[f"AR(1), phi = {PHI}"]
assert acc > chance + band, f"with real autocorrelation the past should predict the sign, got {acc:.4f}"
