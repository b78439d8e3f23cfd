"""Figure for docs/why-spring-came.md: fitting true and shuffled labels (session "memorization")."""

import matplotlib.pyplot as plt
from thaw_figure import figure_html, tr

fig, ax = plt.subplots(figsize=(6.4, 3.2))
ax.plot(
    range(1, len(true_curve) + 1),
    true_curve,
    label=tr(f"true labels (test {true_test:.2f})", f"진짜 레이블(테스트 {true_test:.2f})"),
)
ax.plot(
    range(1, len(random_curve) + 1),
    random_curve,
    label=tr(f"shuffled labels (test {random_test:.2f})", f"뒤섞은 레이블(테스트 {random_test:.2f})"),
)
ax.axhline(0.1, color="black", linestyle="--", label=tr("chance", "우연 수준"))
ax.set_xlabel(tr("training step (full batch)", "학습 스텝(전체 배치)"))
ax.set_ylabel(tr("training accuracy", "학습 정확도"))
ax.set_ylim(0, 1.05)
ax.legend(loc="lower right", fontsize="small")
print(
    figure_html(
        fig,
        "Training accuracy of the same network on true and on shuffled labels",
        "같은 신경망이 진짜 레이블과 뒤섞은 레이블에서 보인 학습 정확도",
    )
)
