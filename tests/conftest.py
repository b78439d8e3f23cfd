"""Shared fixture: one strict build of the real site, reused by every test that needs it."""

import json
import os
import subprocess
import time

import pytest
from support import ROOT, mkdocs_build, static_site

# Two xdist workers share two cores: one BLAS/OpenMP thread each avoids oversubscription.
# Set before any test imports torch or numpy; the build subprocess inherits it.
os.environ.setdefault("OMP_NUM_THREADS", "1")


# The site is built for, and served at, its own free port, so `make serve` on 8000 (or
# another test run) does not collide with the browser tests; instant navigation needs the
# served origin to match site_url. Chosen once, in the process that starts the workers, which
# inherit it: whichever worker builds, the site is built for the same port.
os.environ.setdefault("SITE_URL", f"http://127.0.0.1:{static_site.free_port()}/")

BUILD_WAIT_S = 900  # how long a worker waits for the other worker's build


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """Build the site once, strictly, executing every build-time fence and notebook.

    Under xdist the two site groups (tests/support.py) may run in two workers: the first to ask
    claims the build (an exclusive file in the folder the workers' temporary folders share) and
    builds; the other waits for its result, then reads the same folder. Returns (site folder,
    the finished build: returncode and the whole log in .stdout)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        site_dir = tmp_path_factory.mktemp("site")
        return site_dir, mkdocs_build(ROOT / "mkdocs.yml", site_dir, ROOT)
    shared = tmp_path_factory.getbasetemp().parent  # one folder per run, shared by its workers
    site_dir, claim, done = shared / "site", shared / "site.claim", shared / "site.done.json"
    try:
        with claim.open("x") as mark:
            mark.write(f"{worker} {os.getpid()}")
    except FileExistsError:
        return site_dir, _wait_for_build(claim, done)
    try:
        build = mkdocs_build(ROOT / "mkdocs.yml", site_dir, ROOT)
        result = {"returncode": build.returncode, "stdout": build.stdout}
    except Exception as error:  # a timeout, say: the waiting worker must hear of it too
        result = {"returncode": -1, "stdout": f"{worker} could not build the site: {error!r}"}
        raise
    finally:
        partial = done.with_suffix(".partial")
        partial.write_text(json.dumps(result), encoding="utf-8")
        partial.replace(done)  # whole, or not there
    return site_dir, build


def _wait_for_build(claim, done) -> subprocess.CompletedProcess:
    builder, pid = claim.read_text(encoding="utf-8").split()
    deadline = time.monotonic() + BUILD_WAIT_S
    while not done.exists():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            if done.exists():  # it finished just now
                break
            pytest.fail(f"{builder} stopped while building the site; see its output", pytrace=False)
        if time.monotonic() > deadline:
            pytest.fail(f"{builder} has not finished building the site in {BUILD_WAIT_S} s", pytrace=False)
        time.sleep(0.5)
    result = json.loads(done.read_text(encoding="utf-8"))
    return subprocess.CompletedProcess(["mkdocs", "build"], result["returncode"], result["stdout"])
