"""Averaging: the spread of a mean of N noisy measurements shrinks as 1/sqrt(N).

Template snippet (tools/chapter_template/): replace the claim, keep the shape. Standalone,
15 to 60 lines, seeded on one line, prints its result, ends in asserts that state the claim
and fail when its mechanism is removed (here: take N = 1 and the spread does not shrink).
"""

import numpy as np

SEED = 0
rng = np.random.default_rng(SEED)
N, TRIALS, NOISE = 100, 2_000, 1.0  # measurements per mean, means drawn, noise per measurement


def spread_of_means(n: int) -> float:
    """Standard deviation, over TRIALS, of the mean of n noisy measurements of 0."""
    measurements = rng.normal(0.0, NOISE, size=(TRIALS, n))
    return float(measurements.mean(axis=1).std())


single, averaged = spread_of_means(1), spread_of_means(N)
print(f"spread of one measurement:   {single:.3f}")
print(f"spread of a mean of {N}:     {averaged:.3f}  (1/sqrt({N}) predicts {NOISE / N**0.5:.3f})")

assert averaged < single / 5, f"a mean of {N} measurements should spread less than a fifth as much as one"
assert abs(averaged * N**0.5 / NOISE - 1) < 0.1, "the spread should follow 1/sqrt(N) within 10%"
