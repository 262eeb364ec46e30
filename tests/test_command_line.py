"""The command line: an option means the same wherever the user puts it."""

import pytest

from ria.commands import cli
from ria.publish.build import CACHE_DIR


@pytest.mark.parametrize("argv", [["--no-cache", "build"], ["build", "--no-cache"], ["--no-cache"]])
def test_no_cache_holds_before_or_after_the_build_command(argv):
    assert cli.parser().parse_args(argv).no_cache is True


@pytest.mark.parametrize("argv", [["--out", "site", "--jobs", "1", "build"], ["build", "--out", "site", "--jobs", "1"]])
def test_the_build_options_hold_before_or_after_the_build_command(argv):
    args = cli.parser().parse_args(argv)
    assert (args.out, args.jobs, args.no_cache) == ("site", 1, False)


def test_check_with_no_cache_neither_reads_nor_writes_the_cache_folder(project, capsys):
    assert cli.main(["--root", str(project), "--no-cache", "check"]) == 0
    assert not (project / CACHE_DIR).exists()
    assert cli.main(["--root", str(project), "check"]) == 0
    assert (project / CACHE_DIR).is_dir()
