"""The process pool of the transform stage: same output as in-process, in input order, errors located."""

from __future__ import annotations

import pytest

from ria.problems import EditionError
from ria.publish.workers import Job, chunk_size, transform_all, use_pool


@pytest.fixture(scope="module")
def jobs(edition, root):
    return [Job(doc.data, doc.rel, {"root": "../"}) for doc in edition.texts]


@pytest.fixture(scope="module")
def in_process(jobs, root):
    return transform_all(root / "xslt" / "text.xsl", jobs, workers=1)


def test_pool_gives_the_in_process_parts_in_input_order(jobs, in_process, root):
    pooled = transform_all(root / "xslt" / "text.xsl", jobs, workers=2, force_pool=True)
    assert pooled == in_process
    reversed_jobs = list(reversed(jobs))
    assert transform_all(root / "xslt" / "text.xsl", reversed_jobs, workers=2, force_pool=True) \
        == list(reversed(in_process))


def test_pool_reports_progress_for_every_job(jobs, root):
    seen = []
    transform_all(root / "xslt" / "text.xsl", jobs, workers=2, force_pool=True, progress=seen.append)
    assert sum(seen) == len(jobs)


@pytest.mark.parametrize("pool", [False, True], ids=["in process", "pool"])
def test_each_result_is_handed_on_as_soon_as_it_is_in(jobs, in_process, root, pool):
    handed = []
    everything = transform_all(root / "xslt" / "text.xsl", jobs, workers=2, force_pool=pool,
                               done=lambda position, parts: handed.append((position, parts)))
    assert handed == list(enumerate(in_process)) and everything == in_process


def test_a_worker_error_is_located_like_an_in_process_error(jobs, root):
    broken = Job(b'<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text><body><p>open</body></text></TEI>',
                 "texts/broken.xml")
    for workers, force in ((2, True), (1, False)):
        handed = []
        with pytest.raises(EditionError) as caught:
            transform_all(root / "xslt" / "text.xsl", [jobs[0], broken, jobs[1]], workers=workers,
                          force_pool=force, done=lambda position, parts: handed.append(position))
        assert handed == [0, 2], "the jobs that succeed are handed on; the failure is reported once"
        [problem] = caught.value.problems
        assert str(problem).startswith("texts/broken.xml:2:")
        assert "not well-formed" in problem.message


def test_small_inputs_and_one_job_stay_in_process(jobs):
    assert not use_pool(jobs[:1], 4)
    assert not use_pool(jobs, 1)
    tiny = [Job(b"<a/>", f"t{n}.xml") for n in range(50)]
    assert not use_pool(tiny, 4)


def test_chunks_keep_messages_few_and_load_balanced():
    assert chunk_size(2313, 2) == 64
    assert chunk_size(100, 2) == 13
    assert chunk_size(3, 8) == 1
