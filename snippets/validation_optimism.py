"""Small data: the winner of a model contest on a small validation split looks better than it is."""

import numpy as np
from sklearn.datasets import make_classification

SEED = 0
rng = np.random.default_rng(SEED)
SPLITS, TRAIN, VAL, TEST = 200, 60, 40, 40


def knn(k):
    def predict(Xtr, ytr, Xq):
        # squared distance less |Xq|^2, which does not change the ranking
        distance = (Xtr**2).sum(1) - 2 * np.einsum("qd,td->qt", Xq, Xtr)
        nearest = np.argsort(distance, axis=1)[:, :k]
        return ytr[nearest].mean(1) > 0.5

    return predict


def ridge(lam):
    def predict(Xtr, ytr, Xq):
        A = np.hstack([Xtr, np.ones((len(Xtr), 1))])
        w = np.linalg.solve(A.T @ A + lam * np.eye(A.shape[1]), A.T @ (2 * ytr - 1))
        return np.hstack([Xq, np.ones((len(Xq), 1))]) @ w > 0

    return predict


# One fixed problem; 5,000 rows are set aside as the fresh holdout that no choice ever sees.
X, y = make_classification(n_samples=10_000, n_features=10, n_informative=4, flip_y=0.1, random_state=SEED)
X_hold, y_hold, X_pool, y_pool = X[:5000], y[:5000], X[5000:], y[5000:]
candidates = [knn(k) for k in (1, 3, 5, 9, 15)] + [ridge(lam) for lam in (0.1, 1, 10, 100, 1000)]

val_scores, test_scores, hold_scores = [], [], []
for _ in range(SPLITS):
    idx = rng.choice(len(y_pool), TRAIN + VAL + TEST, replace=False)
    tr, va, te = np.split(idx, [TRAIN, TRAIN + VAL])
    fit = (X_pool[tr], y_pool[tr])
    scores = [(m(*fit, X_pool[va]) == y_pool[va]).mean() for m in candidates]
    best = candidates[int(np.argmax(scores))]
    val_scores.append(max(scores))  # the score that picked the winner
    test_scores.append((best(*fit, X_pool[te]) == y_pool[te]).mean())  # a split nobody chose with
    hold_scores.append((best(*fit, X_hold) == y_hold).mean())  # close to the truth: 5,000 rows

val, test, hold = map(np.array, (val_scores, test_scores, hold_scores))
optimism, honest = val - hold, test - hold
se = optimism.std(ddof=1) / np.sqrt(SPLITS)
print(f"{SPLITS} splits of {TRAIN} train / {VAL} validation / {TEST} test rows, {len(candidates)} models")
print(f"winner's validation accuracy  {val.mean():.3f}")
print(f"winner's test accuracy        {test.mean():.3f}")
print(f"winner's holdout accuracy     {hold.mean():.3f}  (5,000 fresh rows)")
print(f"optimism, validation - holdout: {optimism.mean():+.3f} +/- {se:.3f} (standard error)")
print(f"bias of the test split, test - holdout: {honest.mean():+.3f}")
print(f"splits where validation flattered the winner: {(optimism > 0).mean():.0%}")

assert optimism.mean() > 3 * se, "the winner's validation score should be optimistic on average"
assert abs(honest.mean()) < optimism.mean() / 2, "a split not used for choosing should be far less biased"
