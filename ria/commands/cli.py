"""The command line: ``python build.py [build|check|serve|fidelity|format|import|export|schema|authority] …``.

With no command, ``build.py`` builds the edition. Every failure is reported as
``path:line:col: severity: message`` lines on standard error with a non-zero exit.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections import Counter
from pathlib import Path

from .. import TOOLCHAIN
from ..problems import EditionError
from ..terminal import report_problems, shown, shown_json

MISSING_DEPENDENCY = (
    "a required package is missing ({name}); install the pinned versions with "
    "`.venv/bin/pip install -r requirements.txt` (see README.md)")


def _build(args) -> int:
    if getattr(args, "corpus", None):
        return _build_corpus(args)
    if getattr(args, "scheduler", None):
        # The edition's five texts take seconds: a cluster would cost more than it saves.
        raise EditionError("--scheduler is for corpus builds: build.py build --corpus DIR --scheduler ADDRESS")
    if getattr(args, "cache", None):
        # The edition's cache is the project's own .ria-cache/ (README).
        raise EditionError("--cache is for corpus builds: build.py build --corpus DIR --cache DIR")
    from ..cache import BuildCache, NoCache
    from ..publish.build import CACHE_DIR, Project, build
    project = Project.at(Path(args.root), args.out)
    cache = NoCache() if args.no_cache else BuildCache(project.root / CACHE_DIR)
    files, problems = build(project, base_url=args.base_url, strict=args.strict, public=args.public,
                            cache=cache, jobs=args.jobs)
    if problems:
        print(f"{len(problems)} warnings: `python build.py check` lists them", file=sys.stderr)
    pages = sum(1 for name in files if name.endswith(".html"))
    from ..model.project_config import edition_policy
    kind = "public" if args.public or edition_policy(project.root).public else "private-study"
    print(f"built the {kind} edition: {pages} pages ({len(files)} files) in {project.out}; "
          f"open {project.out / 'index.html'}")
    return 0


def _corpus_cache(args, out: Path) -> Path | None:
    """Where a corpus's build or export keeps what it made (--cache, else beside ``out``); None: --no-cache."""
    from ..corpus.cache import default_cache
    return None if args.no_cache else Path(args.cache).resolve() if args.cache else default_cache(out)


def _build_corpus(args) -> int:
    from ..corpus import build_corpus
    from ..progress import Progress
    corpus_dir = Path(args.corpus).resolve()
    out = Path(args.out).resolve() if args.out else Path.cwd() / f"{corpus_dir.name}-site"
    cache_dir = _corpus_cache(args, out)
    result = build_corpus(corpus_dir, out, TOOLCHAIN, jobs=args.jobs,
                          base_url=args.base_url, scheduler_address=args.scheduler,
                          progress=Progress(), cache_dir=cache_dir, public=args.public, strict=args.strict)
    print(f"schema report: {result.report.summary()}; see {out / 'schema-report.html'}")
    for finding in result.report.findings[:5]:
        print(shown(f"  {finding.count:6} × {finding.message} (e.g. {finding.examples[0]})"))
    for listed, what in ((result.corpus.skipped, "files are not TEI and were left out"),
                         (result.corpus.links_out, "links lead out of the corpus folder and were not read")):
        if listed:
            print(shown(f"{len(listed)} {what}: " + ", ".join(listed[:5]) + (" …" if len(listed) > 5 else "")))
    pages = sum(1 for name in result.paths if name.endswith(".html"))
    print(f"built {pages} {'public ' if result.public else ''}pages ({len(result.paths)} files) from "
          f"{len(result.corpus.texts)} texts and {len(result.corpus.registers)} registers in {out}; "
          f"open {out / 'index.html'}")
    if result.public and result.withheld:
        print(f"{len(result.withheld)} texts whose rights are not free are published without their words "
              "(their TEI and images left out)")
    if result.reused:  # an incremental build: what it did not do again (README: A corpus build is incremental)
        reused = result.reused
        print(f"from the cache {cache_dir}: {reused['files reused']} files not read again, "
              f"{reused['pages kept']} pages kept as they were; {reused['files read']} files read, "
              f"{reused['pages made']} pages made")
    reasons = Counter(f"{doc.kind}: {doc.why}" for doc in result.corpus.documents)
    print("classified: " + "; ".join(f"{count} as {reason}" for reason, count in reasons.most_common(6))
          + (" …" if len(reasons) > 6 else ""))
    return report_problems(result.problems, "the others were published")


def _check(args) -> int:
    if getattr(args, "corpus", None):
        return _check_corpus(args)
    from ..cache import NoCache
    from ..publish.build import Project
    from .check import exit_code, format_problems, run_check
    project = Project.at(Path(args.root))
    problems = run_check(project, args.files, cache=NoCache() if args.no_cache else None)
    report = format_problems(problems, args.format)
    print(shown_json(report) if args.format == "json" else shown(report))  # JSON stays JSON
    return exit_code(problems, args.strict)


def _check_corpus(args) -> int:
    from ..corpus.check import JsonReport, TextReport, check_corpus, exit_code
    from ..progress import Progress
    # Written as the check goes: a large corpus's reports are never all held.
    if args.format == "json":
        report = JsonReport(lambda text: sys.stdout.write(shown_json(text)), args.corpus)
    else:
        report = TextReport(lambda line: print(shown(line)))
    result = check_corpus(Path(args.corpus), TOOLCHAIN, args.files, jobs=args.jobs,
                          progress=Progress(), scheduler_address=args.scheduler, report=report.problem)
    report.finish(result)
    if args.format == "json":
        print()
    return exit_code(result, args.strict)


def _fidelity(args) -> int:
    from ..validate.fidelity import check_text
    root = Path(args.root)
    ids = args.ids or sorted(p.stem for p in (root / "tei" / "texts").glob("*.xml"))
    failed = 0
    for text_id in ids:
        report = check_text(text_id, root)
        status = "ok" if report.ok else "FAILED"
        print(f"{text_id}: {status}: {report.copy_word_count} copy-text words, "
              f"{report.omitted_word_count} omitted as documented, {report.note_count} notes matched")
        for problem in report.problems:
            print(f"  {problem}")
        for diff in report.differences[: args.limit]:
            print(f"  {diff}")
        if len(report.differences) > args.limit:
            print(f"  … and {len(report.differences) - args.limit} more differences")
        failed += not report.ok
    return 1 if failed else 0


def _schema(args) -> int:
    from ..validate.rng2xsd import convert
    schema_dir = Path(args.root) / "schema"
    xsd = convert((schema_dir / "edition.rng").read_bytes())
    target = schema_dir / "edition.xsd"
    if args.check:
        if target.read_bytes() != xsd:
            print(f"{target}:1:1: error: out of date with edition.rng; run `python build.py schema`",
                  file=sys.stderr)
            return 1
        print(f"{target} is up to date")
        return 0
    target.write_bytes(xsd)
    print(f"wrote {target}")
    return 0


def _export(args) -> int:
    if getattr(args, "corpus", None):
        from ..export.corpus import export_folder, run_export_corpus
        out = export_folder(Path(args.corpus), Path(args.out) if args.out else None)
        return run_export_corpus(Path(args.corpus), out, TOOLCHAIN, public=args.public, pdf=args.pdf,
                                 cache_dir=_corpus_cache(args, out))
    if args.cache:
        # The edition's export keeps its PDFs in the project's own .ria-cache/ (README).
        raise EditionError("--cache is for corpus exports: build.py export --corpus DIR --pdf --cache DIR")
    if args.pdf:
        raise EditionError("--pdf is for corpus exports: build.py export --corpus DIR --pdf; the edition's "
                           "export always sets its texts' PDFs")
    if args.public:
        # The edition's public downloads are its public build's (README: Rights), not an export's.
        raise EditionError("--public is for corpus exports: build.py export --corpus DIR --public; the edition's "
                           "public downloads are made by build.py build --public")
    from ..cache import BuildCache
    from ..export.run import run_export
    from ..publish.build import CACHE_DIR
    root = Path(args.root)
    return run_export(root, Path(args.out) if args.out else root / "export",
                      cache=None if args.no_cache else BuildCache(root.resolve() / CACHE_DIR))


def _serve(args) -> int:
    if getattr(args, "corpus", None):
        from .serve_corpus import run_serve_corpus
        return run_serve_corpus(Path(args.corpus), TOOLCHAIN,
                                Path(args.out) if args.out else None, host=args.host, port=args.port,
                                cache=None if args.no_cache else Path(args.cache) if args.cache else "default",
                                jobs=args.jobs)
    from .serve import run_serve
    return run_serve(Path(args.root), host=args.host, port=args.port)


def _import(args) -> int:
    from .importer import run_import
    return run_import(Path(args.root), Path(args.copytext), text_id=args.id, title=args.title,
                      author=args.author, prefix=args.prefix)


def _format(args) -> int:
    from .formatting import run_format, run_format_corpus
    if getattr(args, "corpus", None):
        if args.files:
            raise EditionError("give the files to format or --corpus DIR, not both")
        return run_format_corpus(Path(args.corpus), check_only=args.check)
    if not args.files:
        raise EditionError("name the TEI files to format, or a corpus: build.py format --corpus DIR")
    return run_format([Path(f) for f in args.files], check_only=args.check)


def _authority(args) -> int:
    from .authority import run_authority
    return run_authority(Path(args.root), args.kind, args.accept, args.accept_all, args.max_km)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="build.py", description="Build, check and export the edition.")
    top.add_argument("--root", default=".", help="the edition's folder (default: here)")
    sub = top.add_subparsers(dest="command")

    build = sub.add_parser("build", help="validate everything and build the site (the default)")
    for p in (top, build):
        # The build's options may come before or after "build": on "build", an option not given is
        # left unset, or its default would overwrite the one given before it (argparse applies a
        # subcommand's defaults last).
        def default(value, p=p):
            return value if p is top else argparse.SUPPRESS

        p.add_argument("--out", default=default(None), help="output folder (default: edition/)")
        p.add_argument("--base-url", default=default(""), help="the site's public address, for permalinks")
        p.add_argument("--strict", action="store_true", default=default(False), help="fail on warnings too")
        p.add_argument("--corpus", default=default(None), metavar="DIR",
                       help="build a site from a foreign TEI corpus in DIR instead of the edition "
                            "(see README: Building another corpus)")
        p.add_argument("--jobs", type=int, default=default(None), metavar="N",
                       help="worker processes for the transform stage (default: one per core)")
        p.add_argument("--scheduler", default=default(None), metavar="ADDRESS",
                       help="with --corpus: run the per-document work on the Dask cluster whose "
                            "scheduler is at ADDRESS, e.g. tcp://host:8786 (see README)")
        p.add_argument("--public", action="store_true", default=default(False),
                       help="build for the open web: publish no words of a text whose rights are not free")
        p.add_argument("--no-cache", action="store_true", default=default(False),
                       help="a clean build: neither use nor update the results of earlier builds (.ria-cache/)")
        p.add_argument("--cache", default=default(None), metavar="DIR",
                       help="with --corpus: keep the results of earlier builds in DIR (default: the output "
                            "folder's name + .ria-cache, beside it)")

    # On a subcommand, --corpus not given leaves the one given before the subcommand in place.
    corpus_help = "work on the foreign TEI corpus in DIR instead of the edition (README: Building another corpus)"
    check = sub.add_parser(
        "check", help="report every problem of the TEI files",
        description="Report every problem of the edition's TEI files, or with --corpus DIR of a corpus's: "
                    "files that cannot be parsed (errors); how each document was classified and why; what the "
                    "edition schema would reject and the lint rules that hold for any TEI (duplicate xml:ids, "
                    "pointers to no register entry), both as warnings. There is no separate lint command: "
                    "the lint findings are part of check, for the edition and for a corpus.")
    check.add_argument("files", nargs="*", help="TEI files to report on (default: all)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--corpus", default=argparse.SUPPRESS, metavar="DIR", help=corpus_help)

    fidelity = sub.add_parser("fidelity", help="compare each text's diplomatic reading with its copy-text")
    fidelity.add_argument("ids", nargs="*", help="text ids (default: all)")
    fidelity.add_argument("--limit", type=int, default=40, help="differences shown per text")

    schema = sub.add_parser("schema", help="derive schema/edition.xsd from schema/edition.rng")
    schema.add_argument("--check", action="store_true", help="only check that the XSD is up to date")

    export = sub.add_parser("export", help="write validated TEI and the reuse formats")
    export.add_argument("--out", default=None, help="output folder (default: export/; with --corpus: the "
                        "corpus folder's name + -export, here)")
    export.add_argument("--corpus", default=argparse.SUPPRESS, metavar="DIR",
                        help="export the corpus in DIR: its texts in plain text, its registers and chronology "
                             "as data (README: Building another corpus)")
    export.add_argument("--no-cache", action="store_true",
                        help="export from scratch: neither use nor update the verdicts and PDFs of earlier exports")
    export.add_argument("--cache", default=None, metavar="DIR",
                        help="with --corpus --pdf: keep the PDFs of earlier exports in DIR (default: the output "
                             "folder's name + .ria-cache, beside it)")
    export.add_argument("--public", action="store_true",
                        help="with --corpus: export for the open web, without the words of any text whose rights "
                             "are not free")
    export.add_argument("--pdf", action="store_true",
                        help="with --corpus: also set each text's PDF, as the edition's are (about a second "
                             "a text, on every core)")

    serve = sub.add_parser("serve", help="build, serve on localhost, rebuild and reload on save")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--corpus", default=argparse.SUPPRESS, metavar="DIR",
                       help="build, serve and rebuild the corpus in DIR (incrementally) instead of the edition")
    serve.add_argument("--out", default=argparse.SUPPRESS,
                       help="with --corpus: the site's folder (default: the corpus folder's name + -site, here)")

    importer = sub.add_parser("import", help="turn a plain-text or Markdown transcription into a TEI skeleton")
    importer.add_argument("copytext", help="the transcription to import")
    importer.add_argument("--id", required=True, help="the new text's id, author-year (e.g. lenin-1917)")
    importer.add_argument("--title", required=True)
    importer.add_argument("--author", default="")
    importer.add_argument("--prefix", default=None, help="xml:id prefix (default: from the id)")

    authority = sub.add_parser("authority", help="propose authority identifiers for register entries, for review")
    authority.add_argument("kind", choices=("places",), help="which register (places: GeoNames, offline)")
    authority.add_argument("--accept", nargs="+", default=[], metavar="ID",
                           help="write the proposals for these entries into the register")
    authority.add_argument("--accept-all", action="store_true", help="write every unambiguous proposal")
    authority.add_argument("--max-km", type=float, default=10.0,
                           help="how far the register's point may lie from GeoNames' (default: 10)")

    fmt = sub.add_parser("format", help="lay out TEI files canonically, changing no content")
    fmt.add_argument("files", nargs="*")
    fmt.add_argument("--check", action="store_true", help="only report files that would change")
    fmt.add_argument("--corpus", default=argparse.SUPPRESS, metavar="DIR",
                     help="format every TEI file of the corpus in DIR (its files are rewritten in place)")
    return top


def _terminate(signum, frame):
    # SIGTERM unwinds like Ctrl-C, so the write stage removes its temporary folder.
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    from ..environment import environment_problems
    problems = environment_problems()
    if problems:
        for problem in problems:
            print(f"error: {problem}; install the pinned versions with "
                  f"`.venv/bin/pip install -r requirements.txt`", file=sys.stderr)
        return 2
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)
    commands = {None: _build, "build": _build, "check": _check, "fidelity": _fidelity,
                "schema": _schema, "export": _export, "serve": _serve, "import": _import,
                "format": _format, "authority": _authority}
    try:
        return commands[args.command](args)
    except EditionError as err:
        for problem in err.problems:
            print(shown(problem), file=sys.stderr)
        if not err.problems:
            print(shown(f"error: {err}"), file=sys.stderr)
        return 1
    except ModuleNotFoundError as err:
        if (err.name or "").startswith("ria"):
            raise
        print(f"error: {MISSING_DEPENDENCY.format(name=err.name)}", file=sys.stderr)
        return 2
    except OSError as err:
        where = err.filename or args.root
        print(f"{where}:1:1: error: {err.strerror or err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: nothing was written", file=sys.stderr)
        return 130
