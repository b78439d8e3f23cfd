"""How the build runs a lab notebook (hooks/notebook_prefetch.py's execute_notebook, which
`make bench-code` times too): in a fresh kernel that has one OpenMP thread whatever the build's
environment says, so that two kernels side by side on two cores do not spin against each other."""

import json

from support import load_hook


def test_a_kernel_gets_one_thread_when_the_build_has_more(monkeypatch, tmp_path):
    monkeypatch.setenv("OMP_NUM_THREADS", "4")  # a reader's setting; it used to turn the prefetch off
    notebook = tmp_path / "threads.ipynb"
    cell = {
        "cell_type": "code",
        "id": "threads",
        "metadata": {},
        "execution_count": None,
        "outputs": [],
        "source": ["import os\n", "print(os.environ['OMP_NUM_THREADS'])"],
    }
    notebook.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    executed = load_hook("notebook_prefetch").execute_notebook(notebook)
    (output,) = executed.cells[0].outputs
    assert output["text"].strip() == "1", f"the kernel ran with OMP_NUM_THREADS={output['text'].strip()}"
