"""The `nonref` command line."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import sys
import typing
from importlib import resources

import click

from . import __version__, limits, rulebase
from . import variants as variant_axes
from .analysis import analyse
from .errors import CaseError, UsageError, one_line
from .facts import case_facts
from .loader import LoadedCase, load
from .model import Case, ForumBody
from .render import analysis_table, console, elsewhere_table, matrix_table, rules_table
from .schema_doc import case_format_markdown

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70


def _variants(values: tuple[str, ...]) -> dict[str, str]:
    return dict(variant_axes.parse_option(v) for v in values)


class _Group(click.Group):
    """The `nonref` command group. Run standalone (the console script, click's test runner), any
    error becomes ONE line on stderr and an exit code (2 for bad input), never a traceback."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # type: ignore[override]
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as e:  # bare `nonref`: the help text
            e.show()
            code = EXIT_BAD_INPUT
        except CaseError as e:
            code = _fail(str(e))
        except (UsageError, click.ClickException) as e:
            message = e.format_message() if isinstance(e, click.ClickException) else str(e)
            ctx = getattr(e, "ctx", None)
            code = _fail(f"error: {message}" + (f" (see '{ctx.command_path} --help')" if ctx else ""))
        except click.exceptions.Abort:
            code = 130
        except BrokenPipeError:  # `nonref rules | head`: stop quietly (as the Python docs advise)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            code = 1
        except Exception as e:
            if os.environ.get("NONREF_DEBUG"):
                raise
            code = _fail(f"internal error: {type(e).__name__}: {e} (please report it; NONREF_DEBUG=1 shows details)", EXIT_INTERNAL)
        sys.exit(code if isinstance(code, int) else 0)


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> int:
    click.echo(one_line(message), err=True)
    return code


def as_of_option(fn):
    """`--as-of DATE`: assess the case under the law and facts of that date (doctrine T)."""
    return click.option(
        "--as-of",
        "as_of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        metavar="YYYY-MM-DD",
        help="Assess as at this date instead of the case's (the rules in force then).",
    )(fn)


def assume_option(fn):
    """`--assume PATH=VALUE`: what if the case file said so (e.g. assurances[0].verifiable=true);
    `--forum BODY`: answer the question of that body (the case's `forum`, replaced)."""
    fn = click.option(
        "--forum",
        type=click.Choice([*FORUM_BODIES, "none"]),
        default=None,
        help="Answer as this body would: under the instruments it applies only (none: every instrument).",
    )(fn)
    return click.option(
        "--assume",
        "assumed",
        multiple=True,
        metavar="PATH=VALUE",
        help="Answer as if the file said so, e.g. assurances[0].verifiable=true (repeatable).",
    )(fn)


FORUM_BODIES = typing.get_args(ForumBody)


def _assumed(items: tuple[str, ...], forum: str | None = None) -> dict[str, str]:
    out = {} if forum is None else {"forum": forum}
    for item in items:
        path, sep, value = (x.strip() for x in item.partition("="))
        if not sep or not path or not value:
            raise UsageError(f"--assume: expected PATH=VALUE, e.g. assurances[0].verifiable=true, got {item!r}")
        out[path] = value
    return out


DEFAULT_TIMEOUT = 60.0


def timeout_option(fn):
    """`--timeout SECONDS`: stop cleanly, with one line and exit code 2, once the limit passes."""

    @functools.wraps(fn)
    def limited(*args, timeout: float, **kwargs):
        try:
            with limits.time_limit(timeout):
                return fn(*args, **kwargs)
        except limits.TimeLimit:
            raise CaseError(
                kwargs["case_file"],
                None,
                None,
                f"stopped after {timeout:g} s (--timeout): {_size(kwargs['case_file'])} take "
                "longer to answer; raise --timeout (0: no limit), make fewer facts unknown, or split the case",
            ) from None

    return click.option(
        "--timeout",
        type=click.FloatRange(min=0),
        default=DEFAULT_TIMEOUT,
        show_default=True,
        metavar="SECONDS",
        help="Stop after this many seconds, with exit code 2 (0: no limit).",
    )(limited)


def _size(case_file: str) -> str:
    """What makes a case long to answer, in words."""
    case = load(case_file).case
    unknown = len(case_facts(case, {}).open)
    return (
        f"{len(case.removals)} removal(s), {len(case.states)} state(s), {len(case.onward_transfers)} onward transfer(s) and {unknown} unknown fact(s)"
    )


def _date(value) -> dt.date | None:
    return None if value is None else value.date()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nonref")
def cli() -> None:
    """Non-refoulement reasoner: is each planned removal prohibited or permitted, and why?"""


@cli.command()
@click.argument("case_file", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format (JSON: docs/output.md).")
@click.option("--codes", is_flag=True, help="Show the rule codes (e.g. C1.7) beside the findings in the table.")
@click.option(
    "--variant", "variant", multiple=True, metavar="AXIS=VALUE", help="Doctrinal variant, e.g. status=jus_cogens (see `nonref variants-list`)."
)
@as_of_option
@assume_option
@timeout_option
def run(case_file: str, fmt: str, codes: bool, variant: tuple[str, ...], as_of, assumed: tuple[str, ...], forum: str | None) -> None:
    """Analyse every removal in CASE_FILE."""
    result = analyse(case_file, _variants(variant), _date(as_of), _assumed(assumed, forum))
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        console().print(analysis_table(result, codes))


@cli.command()
@click.argument("case_file", type=click.Path())
@timeout_option
def check(case_file: str) -> None:
    """Validate CASE_FILE without analysing it."""
    loaded = load(case_file)
    variant_axes.resolve(dict(loaded.case.variants))
    c = loaded.case
    click.echo(f"{case_file}: ok — {len(c.states)} states, {len(c.risks)} risks, {len(c.removals)} removals")


@cli.command()
def new() -> None:
    """Print a commented case-file template to fill in."""
    click.echo(resources.files("nonref").joinpath("template.yaml").read_text(encoding="utf-8"), nl=False)


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "markdown"]),
    default="json",
    show_default=True,
    help="JSON Schema for editors, or the field reference (docs/case-format.md).",
)
def schema(fmt: str) -> None:
    """Print the case-file format: a JSON Schema (for editors) or a readable reference."""
    if fmt == "markdown":
        click.echo(case_format_markdown())
    else:
        click.echo(json.dumps(case_schema(), indent=2))


def case_schema() -> dict:
    out = Case.model_json_schema(by_alias=True)
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    out["title"] = "nonref case file"
    return out


@cli.command()
@click.option("--family", help="Only rules of this family (S, P, J, H, R, N, E, I, D, Q, C, V).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def rules(family: str | None, fmt: str) -> None:
    """List the rule catalogue: id, plain reading, sources."""
    chosen = [r for r in rulebase.rules() if family is None or r.family == family.upper()]
    if fmt == "json":
        click.echo(json.dumps([{"id": r.id, "reads": r.reads, "source": r.source, "file": r.file, "line": r.line} for r in chosen], indent=2))
    elif fmt == "markdown":
        click.echo(rules_markdown(chosen), nl=False)
    else:
        console().print(rules_table(chosen))
        if family is None:
            console().print(elsewhere_table())


def rules_markdown(chosen: list[rulebase.Rule]) -> str:
    lines = ["# Rule catalogue", "", "Generated by `nonref rules --format markdown` from the annotations in `encodings/`.", ""]
    for file in dict.fromkeys(r.file for r in chosen):
        lines += [f"## `{file}`", "", "| id | reads | source |", "|---|---|---|"]
        lines += [f"| {r.id} | {r.reads} | {r.source} |" for r in chosen if r.file == file]
        lines.append("")
    if len(chosen) == len(rulebase.rules()):
        lines += ["## Catalogue ids without a rule of their own", "", "| id | where |", "|---|---|"]
        lines += [f"| {cid} | {where} |" for cid, where in rulebase.HANDLED_ELSEWHERE.items()]
        lines.append("")
    return "\n".join(lines)


def _graph(
    case_file: str,
    removal: str | None,
    variant: tuple[str, ...],
    depth: int,
    as_of: dt.date | None = None,
    assumed: tuple[str, ...] = (),
    forum: str | None = None,
):
    from .explain.graph import explain  # the explanation machinery loads only when asked for

    loaded = load(case_file)  # once, also to find the removal when the case has only one
    return explain(loaded, removal or _only_removal(loaded), _variants(variant), depth=depth, as_of=as_of, assumed=_assumed(assumed, forum))


def _only_removal(loaded: LoadedCase) -> str:
    ids = [r.id for r in loaded.case.removals]
    if len(ids) > 1:
        raise UsageError(f"the case has several removals: name one of {', '.join(ids)}")
    return ids[0]


@cli.command()
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.argument("removal", required=False)
@click.option("--variant", "variant", multiple=True, metavar="AXIS=VALUE", help="Doctrinal variant, e.g. status=jus_cogens.")
@click.option("--full", is_flag=True, help="The whole justification as a tree, not the summary.")
@click.option("--depth", type=click.IntRange(min=1), default=None, help="The whole tree, at most this many levels deep.")
@click.option("--focus", metavar="TEXT", help="The tree under the first step whose wording contains TEXT, e.g. 'real risk'.")
@click.option("--no-sources", is_flag=True, help="Leave the sources out (shorter lines).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@as_of_option
@assume_option
@timeout_option
def explain(
    case_file: str,
    removal: str | None,
    full: bool,
    variant: tuple[str, ...],
    depth: int | None,
    focus: str | None,
    no_sources: bool,
    fmt: str,
    as_of,
    assumed: tuple[str, ...],
    forum: str | None,
) -> None:
    """Why REMOVAL in CASE_FILE is prohibited or permitted: a summary first (the outcome, each basis,
    the decisive steps); --full for every rule applied, down to the lines of the file."""
    from .explain.summary import summarise, summary_text
    from .explain.tree import tree

    graph = _graph(case_file, removal, variant, depth=8, as_of=_date(as_of), assumed=assumed, forum=forum)
    if fmt == "json" or not (full or depth or focus):
        result = analyse(case_file, _variants(variant), _date(as_of), _assumed(assumed, forum))
        title = result.title + (f" ({result.citation})" if result.citation else "")
        summary = summarise(graph, result.removal(graph.removal), title, result.forum)
        if fmt == "json":
            click.echo(json.dumps({**graph.to_json(), "summary": summary.to_json()}, indent=2, ensure_ascii=False))
        else:
            click.echo(summary_text(summary, f"nonref explain {case_file} {graph.removal} --full"))
        return
    console().print(tree(graph, _focus(graph, focus) if focus else None, depth, sources=not no_sources))


@cli.command()
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.argument("removal", required=False)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Output file: .svg, .png, .dot or .json.")
@click.option("--variant", "variant", multiple=True, metavar="AXIS=VALUE", help="Doctrinal variant, e.g. status=jus_cogens.")
@click.option("--depth", type=click.IntRange(min=1), default=None, help="Draw at most this many levels (as `explain --depth` shows them).")
@click.option("--focus", metavar="TEXT", help="Draw only the part under the first step whose wording contains TEXT.")
@as_of_option
@assume_option
@timeout_option
def graph(
    case_file: str,
    removal: str | None,
    output: str,
    variant: tuple[str, ...],
    depth: int | None,
    focus: str | None,
    as_of,
    assumed: tuple[str, ...],
    forum: str | None,
) -> None:
    """Draw the justification graph of REMOVAL in CASE_FILE to a file."""
    from .explain.dot import render

    drawn = _graph(case_file, removal, variant, 8, _date(as_of), assumed, forum)
    drawn = drawn.below(_focus(drawn, focus)) if focus else drawn
    render(drawn.within(depth) if depth else drawn, output)
    click.echo(f"wrote {output}")


def _focus(graph, text: str) -> str:
    """The first step of a justification whose wording contains `text` (--focus)."""
    from .explain.tree import focus

    try:
        return focus(graph, text)
    except LookupError:
        raise UsageError(f"--focus: no step of the explanation mentions {text!r}") from None


@cli.command()
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.option("--variant", "variant", multiple=True, metavar="AXIS=VALUE", help="Hold this axis at this value instead of varying it.")
@click.option(
    "--as-of",
    "dates",
    multiple=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Compare these assessment dates too (repeat the option).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@assume_option
@timeout_option
def variants(case_file: str, variant: tuple[str, ...], dates: tuple, fmt: str, assumed: tuple[str, ...], forum: str | None) -> None:
    """Every combination of the doctrinal variants: each removal's outcome, grouped."""
    from .matrix import variant_matrix

    matrix = variant_matrix(case_file, _variants(variant), [d.date() for d in dates] or None, _assumed(assumed, forum))
    if fmt == "json":
        click.echo(json.dumps(matrix.to_json(), indent=2, ensure_ascii=False))
    else:
        console().print(matrix_table(matrix))


@cli.command()
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.argument("removal", required=False)
@click.option(
    "--from",
    "left",
    multiple=True,
    required=True,
    metavar="AXIS=VALUE",
    help="The first setting: a variant, as_of=YYYY-MM-DD or forum=BODY (repeatable).",
)
@click.option("--to", "right", multiple=True, required=True, metavar="AXIS=VALUE", help="The second setting, in the same form.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Also draw the differing part: .svg, .png, .dot or .json.")
@click.option("--no-sources", is_flag=True, help="Leave the sources out (shorter lines).")
@timeout_option
def diff(case_file: str, removal: str | None, left: tuple[str, ...], right: tuple[str, ...], output: str | None, no_sources: bool) -> None:
    """Why REMOVAL's answer differs between two doctrinal settings or dates: the rules that decide it."""
    from .explain.contrast import contrast, parse_setting
    from .explain.dot import render
    from .render import contrast_text

    loaded = load(case_file)
    result = contrast(loaded, removal or _only_removal(loaded), parse_setting(left, "--from"), parse_setting(right, "--to"))
    console().print(contrast_text(result, sources=not no_sources))
    if output:
        graph, marks = result.union()
        render(graph, output, marks, title=_contrast_title(result))
        click.echo(f"wrote {output}")


def _contrast_title(result) -> str:
    from .explain.contrast import setting_text
    from .explain.dot import MARKS

    a, b = (setting_text(s) for s in result.settings)
    oa, ob = (o.upper() for o in result.outcomes)
    return (
        f"Removal \u201c{result.removal}\u201d: <B>{oa}</B> under {a}, <B>{ob}</B> under {b}<BR/>"
        f'<FONT POINT-SIZE="11"><FONT COLOR="{MARKS[0]}">\u25a0 only under {a}</FONT>   '
        f'<FONT COLOR="{MARKS[1]}">\u25a0 only under {b}</FONT></FONT>'
    )


@cli.command()
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The HTML file to write (.html).")
@click.option("--variant", "variant", multiple=True, metavar="AXIS=VALUE", help="Doctrinal variant, e.g. status=jus_cogens.")
@as_of_option
@assume_option
@timeout_option
def report(case_file: str, output: str, variant: tuple[str, ...], as_of, assumed: tuple[str, ...], forum: str | None) -> None:
    """Write one self-contained HTML report of CASE_FILE: verdicts, summaries, trees, graphs, variants."""
    from .explain.report import report as html_report

    if not output.lower().endswith((".html", ".htm")):
        raise UsageError(f"cannot write {output!r}: expected a file ending in .html")
    page = html_report(load(case_file), _variants(variant), _date(as_of), _assumed(assumed, forum))
    try:
        with open(output, "w", encoding="utf-8") as f:
            f.write(page)
    except OSError as e:
        raise UsageError(f"cannot write {output!r}: {e.strerror or e}") from None
    click.echo(f"wrote {output} ({len(page.encode()) // 1024} KB)")


@cli.command()
@click.argument("target", required=False, default=".", type=click.Path(exists=True))
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="The port on 127.0.0.1.")
@click.option("--host", default="127.0.0.1", show_default=True, help="A loopback address only: the app edits files on this machine.")
def serve(target: str, port: int, host: str) -> None:
    """A local web app: pick or edit a case file (TARGET: a case file or a folder of them, default
    the current folder) and see its answer update as you type."""
    if host not in ("127.0.0.1", "::1", "localhost"):
        raise UsageError(f"--host: expected a loopback address (127.0.0.1, ::1 or localhost), got {host!r}: the app edits files on this machine")
    import uvicorn

    from .explain.app import create_app

    click.echo(f"nonref: http://{host}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(create_app(target), host=host, port=port, log_level="warning")


@cli.command(name="test")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--junit", "junit_file", type=click.Path(dir_okay=False), help="Also write the scorecard as JUnit XML (for CI).")
@click.option("-q", "--quiet", is_flag=True, help="Only the removals that differ, and the total.")
def test_holdings(paths: tuple[str, ...], junit_file: str | None, quiet: bool) -> None:
    """Check case files against their holdings (`expected:`): a scorecard, exit code 1 on any difference."""
    from .holdings import junit, score

    card = score(list(paths))
    for c in card.checks:
        who = f" ({c.person})" if c.person else ""
        if not c.ok:
            click.echo(f"DIFFERS  {c.file}: {c.removal}{who}: " + "; ".join(c.differences + c.notes))
        elif not c.assessed:
            click.echo(
                f"skipped  {c.file}: {c.removal}{who}: " + "; ".join(c.notes) + (f" (nonref: {'; '.join(c.differences)})" if c.differences else "")
            )
        elif not quiet:
            click.echo(f"ok       {c.file}: {c.removal}{who}" + (f" ({'; '.join(c.notes)})" if c.notes else ""))
    for message in card.errors:
        click.echo(f"ERROR    {message}")
    if card.without_holding and not quiet:
        click.echo(f"no expected holding: {', '.join(card.without_holding)}")
    total = len(card.checks) - card.not_assessed
    summary = f"{card.passed}/{total} removals match their holdings"
    summary += f", {card.not_assessed} not assessed (domestic law)" if card.not_assessed else ""
    summary += f", {len(card.errors)} file(s) could not be answered" if card.errors else ""
    click.echo(summary)
    if junit_file:
        with open(junit_file, "w", encoding="utf-8") as f:
            f.write(junit(card))
    if not card.ok:
        sys.exit(1)


@cli.command(name="variants-list")
def variants_list() -> None:
    """List the doctrinal variant axes, their values and defaults."""
    for axis in variant_axes.AXES.values():
        click.echo(f"{axis.name}: {' | '.join(axis.values)} (default {axis.default}) — {axis.question}")


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
