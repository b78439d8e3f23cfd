"""Figure for docs/comment-thread.md: accuracy above chance (session "comment-thread-walk")."""

import matplotlib.pyplot as plt
from thaw_figure import figure_html, tr

fig, ax = plt.subplots(figsize=(6.4, 3.0))
names = list(results)
korean = {
    "random walk (stock-like)": "랜덤 워크(주가와 비슷)",
    "lottery: next sum > 138": "로또: 다음 합 > 138",
    f"AR(1), phi = {PHI}": f"AR(1), φ = {PHI}",
}
excess = [acc - chance for acc, chance in results.values()]
ax.axhspan(-band, band, color="0.85", label=tr("chance +/- 3 sigma", "우연 수준 ± 3σ"))
ax.bar(range(len(names)), excess, color=["C0", "C0", "C1"])
ax.axhline(0, color="black", linewidth=0.8)
ax.set_xticks(range(len(names)), [tr(name, korean.get(name, name)) for name in names], fontsize="small")
ax.set_ylabel(tr("test accuracy - chance", "테스트 정확도 - 우연 수준"))
ax.legend(loc="upper left")
print(
    figure_html(
        fig,
        "Test accuracy minus chance for a random walk, a lottery and an autocorrelated series",
        "랜덤 워크, 로또, 자기상관 시계열에서 테스트 정확도가 우연 수준을 넘는 정도",
    )
)
