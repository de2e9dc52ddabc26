"""Command line: ``python -m dashboard serve | build-data | export | check | template | db |
users``.

Bad flags or values give one line on stderr and exit status 2, never a traceback. ``check``
validates an upload with no server (exit 0 and a summary, or 2 and every error), in the
language of ``--lang``; ``export … --dataset FILE`` exports an upload's counts with small
counts suppressed; ``template`` writes the upload template; ``db upgrade`` migrates the
workspace database and ``db purge`` removes datasets past their retention.
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
    from dashboard.schemas import INDICATORS, MEASURES, MILESTONE_TYPES
    from dashboard.text import DEFAULT_LANGUAGE, LANGUAGES

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
    milestones = tables.add_parser(
        "milestones", help="dated anti-trafficking milestones (treaties, laws …) with sources"
    )
    milestones.add_argument("--countries", type=_codes, default=(), help="ISO3 codes")
    milestones.add_argument("--milestone", choices=MILESTONE_TYPES)
    milestones.add_argument("--out", type=Path, help="file to write (default: standard output)")
    story = tables.add_parser(
        "story", help="a story (or one view) as one offline HTML file (opens with no network)"
    )
    source = story.add_mutually_exclusive_group(required=True)
    source.add_argument("--file", type=Path, help="a story file saved from the Story view")
    source.add_argument("--view", help="one view's address instead, e.g. '/flows?top=5'")
    story.add_argument("--out", type=Path, required=True, help="the HTML file to write")
    story.add_argument(
        "--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help="the file's language"
    )
    for sub in (flows, indicators):
        sub.add_argument("--from", dest="year_from", type=_year)
        sub.add_argument("--to", dest="year_to", type=_year)
        sub.add_argument("--out", type=Path, help="file to write (default: standard output)")
        sub.add_argument(
            "--dataset", type=Path, help="an upload file (CSV or XLSX) instead of the public data"
        )
        sub.add_argument(
            "--k", type=int, default=5, help="small-count threshold for --dataset (default 5)"
        )
        sub.add_argument("--reporting-country", help="for --dataset files without that column")
    _add_exchange_commands(commands)
    from dashboard.accounts.cli import add_commands as add_user_commands

    add_user_commands(commands)
    return parser


def _add_exchange_commands(commands) -> None:
    from dashboard.text.languages import DEFAULT_LANGUAGE, available

    check = commands.add_parser("check", help="check an upload file (CSV or XLSX), no server")
    check.add_argument("file", type=Path)
    check.add_argument("--lang", choices=available(), default=DEFAULT_LANGUAGE)
    check.add_argument(
        "--reporting-country", help="the reporting country, for files without that column"
    )
    template = commands.add_parser("template", help="write the upload template")
    template.add_argument("--format", choices=("csv", "xlsx"), default="xlsx")
    template.add_argument("--lang", choices=available(), default=DEFAULT_LANGUAGE)
    template.add_argument("--out", type=Path, required=True)
    db = commands.add_parser("db", help="the workspace database (DATABASE_URL, else SQLite)")
    actions = db.add_subparsers(dest="action", required=True, parser_class=_Parser)
    for name, help_text in (
        ("upgrade", "create or migrate the database's tables"),
        ("purge", "remove datasets older than the retention period"),
    ):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("--url", help="database URL (default: DATABASE_URL, else SQLite)")
    actions.choices["purge"].add_argument("--days", type=int, help="retention period in days")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
        return _COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _serve(args: argparse.Namespace) -> int:
    from dashboard.web.security import SecurityConfigError

    try:
        from dashboard.app import app
    except SecurityConfigError as exc:  # e.g. a bad DASHBOARD_FRAME_ANCESTORS
        raise UsageError(str(exc)) from None

    print(f"Dashboard running at http://{args.host}:{args.port}/  (Ctrl+C to stop)", flush=True)
    # Dash's debug tools would ask plotly's server for the newest version: nothing leaves the
    # machine (the page's Content-Security-Policy would block it anyway).
    app.run(host=args.host, port=args.port, debug=args.debug, dev_tools_disable_version_check=True)
    return 0


def _build_data(args: argparse.Namespace) -> int:
    from dashboard.pipeline.build import MissingRawDataError, build_tables, write_tables

    try:
        build = build_tables(args.raw)
    except MissingRawDataError as exc:
        raise UsageError(str(exc)) from None
    print(build.report())
    write_tables(build.tables, args.out)
    return 0


def _export(args: argparse.Namespace) -> int:
    from dashboard.analytics.selection import FlowFilter, IndicatorFilter
    from dashboard.dataset import bundled_dataset
    from dashboard.export import flows_export, indicators_export, to_csv_bytes

    if args.table == "story":
        return _export_story(args)
    if args.table == "milestones":
        return _export_milestones(args)
    if args.dataset is not None:
        return _export_upload(args)
    dataset = bundled_dataset()
    if args.year_from and args.year_to and args.year_from > args.year_to:
        raise UsageError(f"--from {args.year_from} is after --to {args.year_to}")
    years = {"year_from": args.year_from, "year_to": args.year_to}
    if args.table == "flows":
        _check_codes(dataset, args.origin + args.destination + args.countries)
        flt = FlowFilter(
            measure=args.measure,
            origins=args.origin,
            destinations=args.destination,
            countries=args.countries,
            **years,
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
            exploitation=args.exploitation,
            **years,
        )
        frame = indicators_export(dataset, flt)
    return _write_csv(to_csv_bytes(frame), len(frame), args.out)


def _write_csv(data: bytes, rows: int, out: Path | None) -> int:
    if out is None:
        sys.stdout.buffer.write(data)
    else:
        try:
            out.write_bytes(data)
        except OSError as exc:
            raise UsageError(f"cannot write {out}: {exc.strerror}") from None
        print(f"wrote {rows:,} rows to {out}", file=sys.stderr)
    return 0


def _export_milestones(args: argparse.Namespace) -> int:
    from dashboard.dataset import bundled_dataset
    from dashboard.export import milestones_export, to_csv_bytes

    dataset = bundled_dataset()
    unknown = [c for c in args.countries if c not in dataset.country_codes]
    if unknown:
        raise UsageError("unknown country code(s): " + ", ".join(unknown))
    frame = milestones_export(dataset, args.countries, args.milestone)
    return _write_csv(to_csv_bytes(frame), len(frame), args.out)


def _export_story(args: argparse.Namespace) -> int:
    from dashboard.app import app
    from dashboard.components.present import is_view_path
    from dashboard.stories import Story, StoryError, add_slide, parse_story
    from dashboard.story_export import export_story
    from dashboard.text import text_for

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
    page = export_story(story, app.server, text_for(args.lang))
    args.out.write_text(page, encoding="utf-8")
    print(f"wrote {len(story.slides)} slide(s) to {args.out}", file=sys.stderr)
    return 0


def _check_codes(dataset: Dataset, codes: tuple[str, ...]) -> None:
    known = dataset.country_codes | set(dataset.nodes["token"])
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise UsageError("unknown country code(s): " + ", ".join(unknown))


def _check(args: argparse.Namespace) -> int:
    from dashboard.exchange.checks import check_file
    from dashboard.exchange.report import report_lines
    from dashboard.text import text_for

    result = check_file(args.file, reporting_country=args.reporting_country)
    text = text_for(args.lang)
    for line in report_lines(text, result):
        print(line)
    return 0 if result.ok else EXIT_USAGE


def _checked_upload(args: argparse.Namespace):
    """The cells of ``--dataset``, or the check's report on stderr and exit status 2."""
    from dashboard.exchange.checks import check_file
    from dashboard.exchange.report import report_lines
    from dashboard.exchange.suppression import MAX_K, MIN_K
    from dashboard.text import ENGLISH

    if not MIN_K <= args.k <= MAX_K:
        raise UsageError(f"--k must be from {MIN_K} to {MAX_K} (k=2 would show a 1 exactly)")
    result = check_file(args.dataset, reporting_country=args.reporting_country)
    if not result.ok:
        for line in report_lines(ENGLISH, result):
            print(line, file=sys.stderr)
        return None
    return result.cells


def _export_upload(args: argparse.Namespace) -> int:
    from dashboard.exchange.convert import flow_rows, indicator_rows, transit_stops
    from dashboard.export import to_csv_bytes

    if args.year_from and args.year_to and args.year_from > args.year_to:
        raise UsageError(f"--from {args.year_from} is after --to {args.year_to}")
    if args.table == "flows" and args.measure != "trafficking-victims":
        raise UsageError("an uploaded dataset holds trafficking victims only (--measure)")
    if args.table == "indicators" and args.indicator not in (None, "detected-victims"):
        raise UsageError("an uploaded dataset holds detected victims only (--indicator)")
    cells = _checked_upload(args)
    if cells is None:
        return EXIT_USAGE
    if args.table == "flows":
        frame = flow_rows(cells, args.k)
        wanted = set(args.countries)
        if args.origin:
            frame = frame[frame["origin"].isin(args.origin)]
        if args.destination:
            frame = frame[frame["destination"].isin(args.destination)]
        if wanted:
            touches = frame["origin"].isin(wanted) | frame["destination"].isin(wanted)
            touches |= frame["transit"].map(lambda t: bool(wanted & set(transit_stops(t))))
            frame = frame[touches]
    else:
        frame = indicator_rows(cells, args.k)
        if args.countries:
            frame = frame[frame["iso3"].isin(args.countries)]
        if args.exploitation is not None:
            frame = frame[frame["exploitation"] == args.exploitation]
    if args.year_from:
        frame = frame[frame["year"] >= args.year_from]
    if args.year_to:
        frame = frame[frame["year"] <= args.year_to]
    data = to_csv_bytes(frame.reset_index(drop=True))
    if args.out is None:
        sys.stdout.buffer.write(data)
    else:
        args.out.write_bytes(data)
        print(
            f"wrote {len(frame):,} rows to {args.out} (small counts suppressed, k={args.k})",
            file=sys.stderr,
        )
    return 0


def _template(args: argparse.Namespace) -> int:
    from dashboard.exchange.template import template_csv, template_xlsx
    from dashboard.text import text_for

    data = template_csv() if args.format == "csv" else template_xlsx(text_for(args.lang))
    try:
        args.out.write_bytes(data)
    except OSError as exc:
        raise UsageError(f"cannot write {args.out}: {exc.strerror}") from None
    print(f"wrote the {args.format} template to {args.out}", file=sys.stderr)
    return 0


def _db(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from dashboard.db.engine import database_url, make_engine
    from dashboard.db.migrate import current_revision, upgrade
    from dashboard.exchange.errors import ExchangeError
    from dashboard.exchange.store import Store

    url = database_url(args.url)
    shown = url.split("@")[-1] if "@" in url else url
    try:
        engine = make_engine(url)
        if args.action == "upgrade":
            upgrade(engine)
            print(f"database {shown} is at revision {current_revision(engine)}", file=sys.stderr)
        else:
            purged = Store(engine, retention=args.days).purge_expired()
            print(
                f"removed {purged.datasets} dataset(s) and {purged.workspaces} idle workspace(s)",
                file=sys.stderr,
            )
        engine.dispose()
    except ExchangeError as exc:
        raise UsageError(str(exc)) from None
    except (SQLAlchemyError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise UsageError(f"database {shown}: {reason}") from None
    return 0


_COMMANDS = {
    "serve": _serve,
    "build-data": _build_data,
    "export": _export,
    "check": _check,
    "template": _template,
    "db": _db,
    "users": lambda args: _users(args),
}


def _users(args: argparse.Namespace) -> int:
    from dashboard.accounts.cli import run

    return run(args)
