"""The `aiguide` command: check content, build the site, suggest cells.

Exit codes:
  0  成功
  1  コンテンツに誤りがある（メッセージにファイル・行・キーを表示）
  2  コマンドの使い方の誤り
  3  実行環境の不足（フォントなど。インストールすべきパッケージを表示）
  4  上記以外の理由でビルドに失敗した
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from pathlib import Path

from .content.loader import load_guideline
from .content.problems import ContentError, EnvironmentProblem
from .exports import published_changes
from .site import body_links, incremental, pages, publish

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_ENVIRONMENT, EXIT_BUILD = 0, 1, 2, 3, 4


# argparse's own words (usage, the help option, errors) in Japanese. argparse looks each one up through
# its module's gettext function `_`, at the time it is used, so that function is replaced before the
# parser is made; words not listed stay as argparse writes them.
ARGPARSE_WORDS = {
    "usage: ": "使い方: ",
    "positional arguments": "引数",
    "options": "オプション",
    "optional arguments": "オプション",
    "show this help message and exit": "この説明を表示して終了します",
    "%(prog)s: error: %(message)s\n": "%(prog)s: エラー: %(message)s\n（使い方は %(prog)s --help で表示されます）\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r はありません（使えるのは %(choices)s）",
    "the following arguments are required: %s": "次の値を指定してください: %s",
    "unrecognized arguments: %s": "知らない指定です: %s",
    "expected one argument": "値を 1 つ指定してください",
    "invalid %(type)s value: %(value)r": "%(value)r は正しい値ではありません（%(type)s が必要です）",
    "ambiguous option: %(option)s could match %(matches)s": "%(option)s は %(matches)s のどれか決められません",
}


def _whole_number(text: str) -> int:
    return int(text)


_whole_number.__name__ = "整数"  # argparse names the type by this in its error


def _parser() -> argparse.ArgumentParser:
    argparse._ = lambda text: ARGPARSE_WORDS.get(text, text)  # type: ignore[attr-defined]
    parser = argparse.ArgumentParser(
        prog="aiguide",
        description="東京都 AI導入・活用ガイドライン のサイトと PDF を content/ の YAML から作ります。",
        epilog="終了コード: 0 成功 / 1 コンテンツの誤り / 2 使い方の誤り / 3 実行環境の不足 / 4 その他のビルド失敗",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="コマンド")

    check = commands.add_parser("check", help="コンテンツを検証して概要を表示します")
    check.add_argument("--content", default="content", metavar="DIR", help="コンテンツのフォルダ（既定: content）")

    build = commands.add_parser("build", help="サイト・PDF・guideline.json を作ります")
    build.add_argument("--content", default="content", metavar="DIR", help="コンテンツのフォルダ（既定: content）")
    build.add_argument("--site-dir", default="site", metavar="DIR", help="出力先のフォルダ（既定: site）")
    build.add_argument("--config", default="mkdocs.yml", metavar="FILE", help="MkDocs の設定ファイル（既定: mkdocs.yml）")
    build.add_argument("--no-pdf", action="store_true", help="PDF を作らずにサイトだけを作ります")
    build.add_argument("--quiet", action="store_true", help="進行状況を表示しません")

    review = commands.add_parser("review", help="未確認の項目を一覧にし、確認会議用の CSV を書き出します")
    review.add_argument("--content", default="content", metavar="DIR", help="コンテンツのフォルダ（既定: content）")
    review.add_argument("--csv", metavar="FILE", help="一覧を CSV（Excel で開ける形式）に書き出します")
    review.add_argument("--confirm", metavar="FILE", help="このファイルの未確認の項目をすべて確認済みにします（--by が必要。cells/citizen-3.yml のようにコンテンツのフォルダの中の場所でも指定できます）")
    review.add_argument("--by", metavar="氏名", help="確認した人（例: 山田（デジタルサービス局））")
    review.add_argument("--on", metavar="YYYY-MM-DD", help="確認した日（既定: 今日）")

    suggest = commands.add_parser("suggest", help="業務内容の説明から、近い分類を順位付けして表示します")
    suggest.add_argument("description", metavar="業務内容", help="AIを導入する予定の業務内容（例: 会議の録音から議事録を作りたい）")
    suggest.add_argument("--content", default="content", metavar="DIR", help="コンテンツのフォルダ（既定: content）")
    suggest.add_argument("--top", type=_whole_number, default=3, metavar="N", help="表示する件数（既定: 3）")
    suggest.add_argument("--json", action="store_true", help="JSON で出力します（domain, number, name, score）")
    return parser


def _print_warnings(guideline) -> None:
    for warning in guideline.warnings:
        print(f"警告: {warning}", file=sys.stderr)


def command_check(args) -> int:
    guideline = load_guideline(args.content)
    links = body_links.broken(guideline, set(pages.page_renderers(guideline)), only_in=body_links.GENERATED_FOLDERS)
    if links:
        raise ContentError(links)
    _print_warnings(guideline)
    phases = "→".join(p.name for p in guideline.cell_phases)
    print(
        f"OK: {guideline.meta.title} 第{guideline.meta.version}版 — "
        f"業務領域 {len(guideline.domains)}、分類 {len(guideline.cells)}、"
        f"対応のポイント {guideline.point_count} 件（{phases}）、章 {len(guideline.chapters)}"
    )
    return EXIT_OK


def command_build(args) -> int:
    # Validate first: a content mistake must leave the last good site untouched.
    guideline = load_guideline(args.content)
    _print_warnings(guideline)
    for warning in published_changes.warnings(guideline, Path(args.site_dir)):
        print(f"警告: {warning}", file=sys.stderr)
    config_file = Path(args.config)
    if not config_file.is_file():
        print(f"エラー: MkDocs の設定ファイル {config_file} が見つかりません。", file=sys.stderr)
        return EXIT_USAGE
    site_dir = Path(args.site_dir).resolve()
    if not incremental.made_by_us(site_dir):
        print(
            f"エラー: 出力先のフォルダ {site_dir} には、このツールが作ったものではないファイルがあります。"
            "中身を消さないよう中止しました。空のフォルダか、新しいフォルダ名を指定してください。",
            file=sys.stderr,
        )
        return EXIT_USAGE

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # The plugin reads these through mkdocs.yml (!ENV): the same settings for `mkdocs build`.
    os.environ["AIGUIDE_CONTENT_DIR"] = str(Path(args.content).resolve())
    os.environ["AIGUIDE_PDF"] = "false" if args.no_pdf else "true"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with publish.staging_for(site_dir) as staging:
        config = load_config(config_file=str(config_file), site_dir=str(staging))
        # Always a dirty build into the staging copy of the last site: the plugin decides
        # whether that is exact or must start from an empty folder (site/incremental.py).
        config.plugins.on_startup(command="build", dirty=True)
        try:
            with _mkdocs_messages_filtered():
                build(config, dirty=True)
        finally:
            config.plugins.on_shutdown()
        publish.swap(staging, site_dir)
    if not args.quiet:
        print(f"完了: サイトを {site_dir} に出力しました。", file=sys.stderr)
    return EXIT_OK


class _MkDocsMessageFilter(logging.Filter):
    """MkDocs warns that dirty builds may show stale navigation; ours are exact (the plugin checks
    the site key). Its copy of a build error is dropped too: `aiguide` reports it in main()."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.levelno >= logging.ERROR:
            return False
        return "'dirty' build" not in message and "stale files" not in message


@contextlib.contextmanager
def _mkdocs_messages_filtered():
    logger, quiet = logging.getLogger("mkdocs.commands.build"), _MkDocsMessageFilter()
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


def command_suggest(args) -> int:
    import json

    from .judge import finder

    if args.top < 1:
        print("エラー: --top には 1 以上の整数を指定してください。", file=sys.stderr)
        return EXIT_USAGE
    guideline = load_guideline(args.content)
    engine = finder.Finder(guideline)
    ranked = engine.rank(args.description)[: args.top]
    rows = []
    for result in ranked:
        cell = guideline.cell(result["cell"])
        rows.append(
            {
                "id": cell.id,
                "domain": cell.domain.name,
                "number": cell.number,
                "name": cell.name,
                "score": round(result["score"], 6),
                # A cell with two tiers: the one its likeliest answers lead to, as on the site.
                "tiers": [result["tier"]] if result["tier"] else list(cell.tiers),
                "reasons": result["reasons"],
                "matched": result["words"],
            }
        )
    prefill = engine.prefill(args.description)
    if args.json:
        print(json.dumps({"results": rows, "prefill": prefill}, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print("当てはまる分類が見つかりませんでした。AIで何をするのか、誰が使うのかを書き足してください。")
        return EXIT_OK
    for rank, row in enumerate(rows, start=1):
        tiers = "/".join(row["tiers"])
        print(f"{rank}. {row['domain']} - {row['number']} {row['name']}【{tiers}】 スコア {row['score']:.3f}")
        for reason in row["reasons"]:
            words = reason["words"]
            basis = "「" + "」「".join(words) + "」から推定" if words else "説明文の言葉づかいから推定"
            print(f"   {reason['topic']}: {reason['answer']}（{basis}）")
        if row["matched"]:
            print(f"   一致した言葉: {'、'.join(row['matched'][:6])}")
    answers = ".".join(item["option"] for item in prefill)
    print("確認: 質問に答えて業務領域・分類を確かめてください（サイトの「業務領域・分類の判定」" + (f"、推定した回答 {answers} を入力済み" if answers else "") + "）。")
    return EXIT_OK


def command_review(args) -> int:
    import datetime as dt

    from . import csv_export
    from .content import review
    from .content.loader import load

    guideline, files = load(args.content)
    if args.confirm:
        if not args.by:
            print("エラー: --confirm には --by（確認した人）が必要です。", file=sys.stderr)
            return EXIT_USAGE
        try:
            on = dt.date.fromisoformat(args.on) if args.on else dt.date.today()
        except ValueError:
            print(f"エラー: --on には YYYY-MM-DD の形の実在する日付を書いてください（「{args.on}」でした）。", file=sys.stderr)
            return EXIT_USAGE
        target = Path(args.confirm)
        if not target.exists() and (Path(args.content) / target).exists():  # 「cells/citizen-3.yml」 inside --content
            target = Path(args.content) / target
        target = target.resolve()
        file = next((f for f in files if f.path.resolve() == target), None)
        if file is None:
            why = " がありません" if not target.exists() else f" はコンテンツのフォルダ {args.content} のファイルではありません"
            print(f"エラー: {args.confirm}{why}。", file=sys.stderr)
            return EXIT_USAGE
        count = review.confirm_file(file.path, file.value, args.by, on)
        load_guideline(args.content)  # the edited file must still be valid
        print(f"{file.ctx.file}: {count} 件を確認済みにしました（{on.isoformat()} {args.by}）。")
        return EXIT_OK
    pending = review.unconfirmed(files)
    legend = next(f for f in files if f.path.name == "legend.yml")
    default_source = next(s["name"] for s in legend.value["sources"] if s.get("default"))
    current = None
    for item in pending:
        if item.file != current:
            current = item.file
            print(f"■ {current}")
        print(f"  {item.line:>4} 行  {item.path}  ［{item.source or default_source}］ {item.text}")
    print(f"未確認の項目: {len(pending)} 件（{len({i.file for i in pending})} ファイル）")
    if args.csv:
        Path(args.csv).write_text(csv_export.text(review.csv_rows(pending, default_source)), encoding="utf-8", newline="")
        print(f"CSV を書き出しました: {args.csv}")
    return EXIT_OK


COMMANDS = {"check": command_check, "build": command_build, "review": command_review, "suggest": command_suggest}


def _logging(quiet: bool) -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    # The plugin's progress (PDF n/N …) as plain lines, unless --quiet.
    progress = logging.getLogger("mkdocs.plugins.aiguide")
    progress.setLevel(logging.WARNING if quiet else logging.INFO)
    if not progress.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        progress.addHandler(handler)
        progress.propagate = False


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _logging(getattr(args, "quiet", False))
    code = _run(args)
    if code != EXIT_OK and args.command == "build" and Path(args.site_dir).is_dir():
        print(f"前回作ったサイト（{args.site_dir}）は、そのまま残っています。", file=sys.stderr)
    return code


def _run(args) -> int:
    from mkdocs.exceptions import Abort, PluginError

    from .plugin import BuildFailure

    try:
        return COMMANDS[args.command](args)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return EXIT_CONTENT
    except EnvironmentProblem as error:
        print(f"エラー: {error}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    except Abort as error:
        # MkDocs turns a plugin's error into Abort("Aborted with a BuildError!"): report the cause.
        cause = error.__context__
        if isinstance(cause, BuildFailure):
            message = str(cause)
            print(message if cause.exit_code == EXIT_CONTENT else f"エラー: {message}", file=sys.stderr)
            return cause.exit_code
        if isinstance(cause, PluginError):
            print(f"エラー: {cause}", file=sys.stderr)
            return EXIT_BUILD
        print("エラー: ビルドを中止しました（設定やテンプレートの誤りの可能性があります。上のメッセージを確認してください）。", file=sys.stderr)
        return EXIT_BUILD
    except OSError as error:
        where = f"（{error.filename}）" if error.filename else ""
        print(f"エラー: ファイルの読み書きに失敗しました{where}: {error.strerror or error}", file=sys.stderr)
        return EXIT_BUILD
    except KeyboardInterrupt:
        print("中断しました。", file=sys.stderr)
        return EXIT_BUILD
    except Exception as error:  # a bug, not bad input: still a message, not a traceback
        if os.environ.get("AIGUIDE_DEBUG"):
            raise
        print(
            f"エラー: 予期しない問題で中止しました（{type(error).__name__}: {error}）。"
            "詳しい情報は環境変数 AIGUIDE_DEBUG=1 を付けて実行すると表示されます。",
            file=sys.stderr,
        )
        return EXIT_BUILD


if __name__ == "__main__":
    sys.exit(main())
