"""Figure for docs/why-spring-came.md: GFLOP/s of three ways to multiply matrices (session "compute")."""

import matplotlib.pyplot as plt
from thaw_figure import figure_html, tr

fig, ax = plt.subplots(figsize=(6.4, 2.8))
ax.barh(
    [tr("pure Python", "순수 파이썬"), "numpy (BLAS)", f"torch ({device})"],
    [python, numpy, torch_],
    color="#3f51b5",
)
ax.set_xscale("log")
ax.set_xlabel(
    tr(
        "GFLOP/s on the machine that built this page, log scale",
        "이 페이지를 빌드한 컴퓨터에서 잰 GFLOP/s(로그 눈금)",
    )
)
print(
    figure_html(
        fig,
        "Matrix multiplication speed in pure Python, numpy and torch, in GFLOP/s",
        "순수 파이썬, numpy, torch의 행렬 곱셈 속도(GFLOP/s)",
    )
)
