"""The shipped CI definitions run the checks a merge request must pass and publish main."""

from __future__ import annotations

import subprocess

import pytest
import yaml

from tests.portal import ROOT

GITLAB = ROOT / ".gitlab-ci.yml"
GITHUB = ROOT / ".github" / "workflows" / "thu-vien.yml"
CHECKS = ["make check-library", "make check-site", "make check-a11y",
          "make test PYTEST_ARGS='-k \"not accessibility\"'"]


def commands(job: dict) -> list[str]:
    """The shell lines of a GitLab job or a GitHub job's steps."""
    lines = job.get("script") or [step["run"] for step in job.get("steps", []) if "run" in step]
    return [line.strip() for text in lines for line in text.replace("\\\n", " ").splitlines()
            if line.strip()]


def jobs() -> list[dict]:
    gitlab = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    github = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    return [job for job in gitlab.values() if isinstance(job, dict) and "script" in job] + \
        list(github["jobs"].values())


def make_targets() -> set[str]:
    return {line.split()[1] for job in jobs() for line in commands(job)
            if line.startswith("make ")}


@pytest.mark.parametrize("target", sorted(make_targets()))
def test_every_make_target_the_pipelines_call_exists(target: str) -> None:
    result = subprocess.run(["make", "-n", "-C", str(ROOT), target], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_both_forges_run_the_same_checks_in_the_same_order() -> None:
    gitlab = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    github = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    assert [c for c in commands(gitlab["kiem-tra"]) if c.startswith("make ")] == CHECKS
    assert [c for c in commands(github["jobs"]["kiem-tra"]) if c.startswith("make check")
            or c.startswith("make test")] == CHECKS


def test_publishing_runs_on_the_main_branch_only_one_at_a_time_with_full_history() -> None:
    gitlab = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert gitlab["variables"]["GIT_DEPTH"] == "0"
    publish = gitlab["xuat-ban"]
    assert publish["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert publish["resource_group"] == "xuat-ban"
    assert commands(publish)[-1] == "make deploy"
    github = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))["jobs"]
    assert github["xuat-ban"]["needs"] == "kiem-tra"
    assert github["xuat-ban"]["if"] == "github.event_name == 'push' && github.ref == " \
                                       "'refs/heads/main'"
    assert github["xuat-ban"]["concurrency"]["group"] == "xuat-ban"
    for job in github.values():
        checkout = next(s for s in job["steps"] if s.get("uses", "").startswith(
            "actions/checkout"))
        assert checkout["with"]["fetch-depth"] == 0
