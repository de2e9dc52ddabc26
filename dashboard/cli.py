"""Command line: ``python -m dashboard serve | build-data | export``.

Bad flags or values give one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from dashboard.paths import DATA_DIR, DEFAULT_RAW_DIR

if TYPE_CHECKING:
    from dashboard.dataset import Dataset

EXIT_USAGE = 2


class UsageError(Exception):
    """A bad flag or value: reported as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _codes(text: str) -> tuple[str, ...]:
    # Country codes are upper case (``tun`` means ``TUN``); node tokens are lower case.
    items = [c.strip() for c in text.split(",") if c.strip()]
    codes = tuple(c.upper() if len(c) == 3 and c.isalpha() else c.lower() for c in items)
    if not codes:
        raise argparse.ArgumentTypeError("expected ISO3 codes separated by commas")
    return codes


def _year(text: str) -> int:
    if not text.isdigit() or not 1900 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"not a year: {text!r}")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    from dashboard.schemas import INDICATORS, MEASURES

    parser = _Parser(prog="python -m dashboard", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    serve = commands.add_parser("serve", help="run the dashboard on the bundled data")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8050)
    serve.add_argument("--debug", action="store_true")

    build = commands.add_parser("build-data", help="rebuild data/ from the raw public files")
    build.add_argument("--raw", type=Path, default=DEFAULT_RAW_DIR, help="raw data folder")
    build.add_argument("--out", type=Path, default=DATA_DIR, help="where to write the tables")

    export = commands.add_parser("export", help="write the rows of a selection as CSV")
    tables = export.add_subparsers(dest="table", required=True, parser_class=_Parser)
    flows = tables.add_parser("flows", help="origin → transit → destination edges")
    flows.add_argument("--measure", choices=MEASURES, default="trafficking-victims")
    flows.add_argument("--origin", type=_codes, default=())
    flows.add_argument("--destination", type=_codes, default=())
    flows.add_argument("--countries", type=_codes, default=(), help="either end")
    indicators = tables.add_parser("indicators", help="country indicators by year")
    indicators.add_argument("--indicator", choices=INDICATORS)
    indicators.add_argument("--countries", type=_codes, default=())
    indicators.add_argument("--exploitation")
    story = tables.add_parser(
        "story", help="a story (or one view) as one offline HTML file (opens with no network)"
    )
    source = story.add_mutually_exclusive_group(required=True)
    source.add_argument("--file", type=Path, help="a story file saved from the Story view")
    source.add_argument("--view", help="one view's address instead, e.g. '/flows?top=5'")
    story.add_argument("--out", type=Path, required=True, help="the HTML file to write")
    for sub in (flows, indicators):
        sub.add_argument("--from", dest="year_from", type=_year)
        sub.add_argument("--to", dest="year_to", type=_year)
        sub.add_argument("--out", type=Path, help="file to write (default: standard output)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
        return _COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _serve(args: argparse.Namespace) -> int:
    from dashboard.app import app

    print(f"Dashboard running at http://{args.host}:{args.port}/  (Ctrl+C to stop)", flush=True)
    app.run(host=args.host, port=args.port, debug=args.debug)
    return 0


def _build_data(args: argparse.Namespace) -> int:
    from dashboard.pipeline.build import (
        MissingRawDataError,
        build_tables,
        format_coverage,
        write_tables,
    )

    try:
        tables, coverage = build_tables(args.raw)
    except MissingRawDataError as exc:
        raise UsageError(str(exc)) from None
    print(format_coverage(coverage))
    write_tables(tables, args.out)
    return 0


def _export(args: argparse.Namespace) -> int:
    from dashboard.analytics.selection import FlowFilter, IndicatorFilter
    from dashboard.dataset import bundled_dataset
    from dashboard.export import flows_export, indicators_export, to_csv_bytes

    if args.table == "story":
        return _export_story(args)
    dataset = bundled_dataset()
    if args.year_from and args.year_to and args.year_from > args.year_to:
        raise UsageError(f"--from {args.year_from} is after --to {args.year_to}")
    if args.table == "flows":
        _check_codes(dataset, args.origin + args.destination + args.countries)
        flt = FlowFilter(
            measure=args.measure,
            year_from=args.year_from,
            year_to=args.year_to,
            origins=args.origin,
            destinations=args.destination,
            countries=args.countries,
        )
        frame = flows_export(dataset, flt)
    else:
        _check_codes(dataset, args.countries)
        from dashboard.schemas import EXPLOITATION

        if args.exploitation is not None and args.exploitation not in EXPLOITATION:
            choices = ", ".join(EXPLOITATION)
            raise UsageError(f"unknown --exploitation {args.exploitation!r}; choose from {choices}")
        flt = IndicatorFilter(
            indicator=args.indicator,
            countries=args.countries,
            year_from=args.year_from,
            year_to=args.year_to,
            exploitation=args.exploitation,
        )
        frame = indicators_export(dataset, flt)
    data = to_csv_bytes(frame)
    if args.out is None:
        sys.stdout.buffer.write(data)
    else:
        args.out.write_bytes(data)
        print(f"wrote {len(frame):,} rows to {args.out}", file=sys.stderr)
    return 0


def _export_story(args: argparse.Namespace) -> int:
    from dashboard.app import app
    from dashboard.components.present import is_view_path
    from dashboard.stories import Story, StoryError, add_slide, parse_story
    from dashboard.story_export import export_story

    try:
        if args.view is not None:
            if not is_view_path(args.view.partition("?")[0]):
                raise UsageError(f"--view {args.view!r} is not a view of this dashboard")
            story = add_slide(Story(), args.view)
        else:
            try:
                data = args.file.read_bytes()
            except OSError as exc:
                raise UsageError(f"cannot read {args.file}: {exc.strerror}") from None
            story = parse_story(data, is_view_path)
    except StoryError as exc:
        raise UsageError(f"{args.file or args.view}: {exc}") from None
    if not story.slides:
        raise UsageError(f"{args.file}: the story has no slides")
    page = export_story(story, app.server)
    args.out.write_text(page, encoding="utf-8")
    print(f"wrote {len(story.slides)} slide(s) to {args.out}", file=sys.stderr)
    return 0


def _check_codes(dataset: Dataset, codes: tuple[str, ...]) -> None:
    known = dataset.country_codes | set(dataset.nodes["token"])
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise UsageError("unknown country code(s): " + ", ".join(unknown))


_COMMANDS = {"serve": _serve, "build-data": _build_data, "export": _export}
