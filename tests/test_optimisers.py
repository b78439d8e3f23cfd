"""Every update rule a snippet writes out steps parameters exactly as torch.optim's does.

Snippets write Adam out instead of importing torch.optim (its first import costs about
0.8 s), each as a module-level function, e.g. `adam_step(params, mean, square, t, lr)`.
This test takes that function's source out of the snippet with `ast` and executes only it,
with `torch` as its one global: a snippet is a script that trains when it runs, and the
build runs it under markdown-exec's session name, so a `__main__` guard cannot keep the
training out of an import. It then steps the rule beside its torch.optim twin on the same
parameters and gradients and asserts the same parameters after every step.
"""

import ast
from pathlib import Path

import pytest

SNIPPETS = Path(__file__).resolve().parent.parent / "snippets"
# The written-out rule's name -> torch.optim's equivalent (torch.optim's defaults, as written out).
# torch is imported by the test that uses it, not when pytest collects this file (1.8 s, in every
# xdist worker).
TWINS = {"adam_step": "Adam"}
# Snippets known to write a rule out: one that stops defining it fails here, not silently.
KNOWN = {"dropout", "lenet5", "lime_and_saliency", "memorization", "non_convexity"}
STEPS, LR = 25, 1e-2


def written_out_rules():
    found = []
    for path in sorted(SNIPPETS.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name in TWINS:
                found.append((path, tree, node))
    return found


RULES = written_out_rules()


def test_the_known_written_out_rules_are_found():
    missing = KNOWN - {path.stem for path, _, _ in RULES}
    assert not missing, f"no module-level {' / '.join(TWINS)} found in snippets {sorted(missing)}"


@pytest.mark.parametrize("path, tree, node", RULES, ids=[f"{p.stem}.{n.name}" for p, _, n in RULES])
def test_written_out_rule_steps_like_torch_optim(path, tree, node):
    import torch

    calls = [
        call
        for call in ast.walk(tree)
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == node.name
    ]
    assert calls, f"{path.name} defines {node.name} but never calls it: the proven rule must be the one used"
    namespace = {"torch": torch}
    exec(compile(ast.Module(body=[node], type_ignores=[]), str(path), "exec"), namespace)  # noqa: S102
    rule = namespace[node.name]

    generator = torch.Generator().manual_seed(0)
    shapes = [(4, 3), (3,), (2, 2, 5)]
    ours = [torch.randn(shape, generator=generator, dtype=torch.float64) for shape in shapes]
    theirs = [p.clone().requires_grad_() for p in ours]
    ours = [p.requires_grad_() for p in ours]
    mean, square = [torch.zeros_like(p) for p in ours], [torch.zeros_like(p) for p in ours]
    optimiser = getattr(torch.optim, TWINS[node.name])(theirs, lr=LR)
    for t in range(1, STEPS + 1):
        for p, q in zip(ours, theirs):  # the same gradient for both, its scale varying by step
            p.grad = torch.randn(p.shape, generator=generator, dtype=torch.float64) * t**0.5
            q.grad = p.grad.clone()
        rule(ours, mean, square, t, lr=LR)
        optimiser.step()
        for i, (p, q) in enumerate(zip(ours, theirs)):
            torch.testing.assert_close(
                p.detach(),
                q.detach(),
                rtol=1e-10,
                atol=1e-12,
                msg=lambda m, i=i, t=t: (
                    f"{path.name}:{node.lineno} {node.name}, parameter {i}, "
                    f"step {t}: differs from torch.optim's: {m}"
                ),
            )
