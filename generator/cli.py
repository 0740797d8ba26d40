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
import shutil
import sys
import tempfile
from pathlib import Path

from . import incremental, pages
from .loader import load_guideline
from .problems import ContentError, EnvironmentProblem

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_ENVIRONMENT, EXIT_BUILD = 0, 1, 2, 3, 4


def _parser() -> argparse.ArgumentParser:
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

    suggest = commands.add_parser("suggest", help="業務内容の説明から、近い分類を順位付けして表示します")
    suggest.add_argument("description", help="AIを導入する予定の業務内容（例: 会議の録音から議事録を作りたい）")
    suggest.add_argument("--content", default="content", metavar="DIR", help="コンテンツのフォルダ（既定: content）")
    suggest.add_argument("--top", type=int, default=3, metavar="N", help="表示する件数（既定: 3）")
    suggest.add_argument("--json", action="store_true", help="JSON で出力します（domain, number, name, score）")
    return parser


def command_check(args) -> int:
    guideline = load_guideline(args.content)
    phases = "→".join(p.name for p in guideline.cell_phases)
    print(
        f"OK: {guideline.meta.title} 第{guideline.meta.version}版 — "
        f"業務領域 {len(guideline.domains)}、分類 {len(guideline.cells)}、"
        f"対応のポイント {guideline.point_count} 件（{phases}）、章 {len(guideline.chapters)}"
    )
    return EXIT_OK


def command_build(args) -> int:
    # Check first: a content mistake or a missing font must leave the last good site untouched.
    guideline = load_guideline(args.content)
    if not args.no_pdf:
        from .pdf import require_font

        require_font()
    config_file = Path(args.config)
    if not config_file.is_file():
        print(f"エラー: MkDocs の設定ファイル {config_file} が見つかりません。", file=sys.stderr)
        return EXIT_USAGE

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = Path(args.site_dir).resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".aiguide-build-", dir=site_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must read the site
    try:
        config = load_config(config_file=str(config_file), site_dir=str(staging))
        plugin = config.plugins["aiguide"]
        plugin.config.content_dir = str(Path(args.content).resolve())
        plugin.config.pdf = not args.no_pdf
        plugin.config.progress = not args.quiet
        plugin.preloaded = guideline
        cache_root = plugin.cache_root(config)
        key = incremental.site_key(
            config_file, Path(config.docs_dir), _theme_dir(config), pages.navigation(guideline),
            list(pages.page_renderers(guideline, with_pdf=not args.no_pdf)), with_pdf=not args.no_pdf,
        )
        # Unchanged frame (nav, theme, code …): start from the last site and rebuild only changed pages.
        in_place = incremental.can_rebuild_in_place(cache_root, site_dir, key)
        if in_place:
            shutil.copytree(site_dir, staging, dirs_exist_ok=True)  # copy2: output times kept
        incremental.forget_build(cache_root)
        config.plugins.on_startup(command="build", dirty=in_place)
        try:
            with _quiet_dirty_build_warning():
                build(config, dirty=in_place)
        finally:
            config.plugins.on_shutdown()
        _replace_directory(staging, site_dir)
        incremental.remember_build(cache_root, site_dir, key)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if not args.quiet:
        print(f"完了: サイトを {site_dir} に出力しました。", file=sys.stderr)
    return EXIT_OK


def _theme_dir(config) -> Path | None:
    custom = config.theme.custom_dir
    return Path(custom) if custom else None


class _DirtyBuildWarningFilter(logging.Filter):
    """MkDocs warns that dirty builds may show stale navigation; ours are used only when the
    navigation and everything else shared by all pages is unchanged (incremental.site_key)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return "'dirty' build" not in message and "stale files" not in message


@contextlib.contextmanager
def _quiet_dirty_build_warning():
    logger, quiet = logging.getLogger("mkdocs.commands.build"), _DirtyBuildWarningFilter()
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


def _replace_directory(new: Path, target: Path) -> None:
    """Swap the freshly built site in; readers never see a half-written site."""
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def command_suggest(args) -> int:
    import json

    from . import finder

    if args.top < 1:
        print("エラー: --top には 1 以上の整数を指定してください。", file=sys.stderr)
        return EXIT_USAGE
    guideline = load_guideline(args.content)
    ranked = finder.rank(finder.build_index(guideline), guideline.signals, args.description)[: args.top]
    rows = []
    for result in ranked:
        cell = guideline.cell(result["cell"])
        rows.append(
            {
                "id": cell.id,
                "domain": cell.domain.name,
                "number": cell.number,
                "name": cell.name,
                "score": round(result["score"], 4),
                "tiers": list(cell.tiers),
                "matched": result["words"],
            }
        )
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print("当てはまる分類が見つかりませんでした。AIで何をするのか、誰が使うのかを書き足してください。")
        return EXIT_OK
    for rank, row in enumerate(rows, start=1):
        tiers = "/".join(row["tiers"])
        print(f"{rank}. {row['domain']} - {row['number']} {row['name']}【{tiers}】 スコア {row['score']:.2f}")
        if row["matched"]:
            print(f"   一致した言葉: {'、'.join(row['matched'][:6])}")
    answers = finder.prefill(guideline.signals, args.description)
    print("確認: 質問に答えて業務領域・分類を確かめてください（サイトの「業務領域・分類の判定」" + (f"、回答 {'.'.join(answers)} を入力済み" if answers else "") + "）。")
    return EXIT_OK


COMMANDS = {"check": command_check, "build": command_build, "suggest": command_suggest}


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    args = _parser().parse_args(argv)
    from mkdocs.exceptions import Abort, PluginError

    try:
        return COMMANDS[args.command](args)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return EXIT_CONTENT
    except EnvironmentProblem as error:
        print(f"エラー: {error}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    except PluginError as error:
        print(f"エラー: {error}", file=sys.stderr)
        return EXIT_BUILD
    except Abort as error:
        print(f"エラー: ビルドを中止しました（{error}）", file=sys.stderr)
        return EXIT_BUILD
    except OSError as error:
        where = f"（{error.filename}）" if error.filename else ""
        print(f"エラー: ファイルの読み書きに失敗しました{where}: {error.strerror or error}", file=sys.stderr)
        return EXIT_BUILD
    except KeyboardInterrupt:
        print("中断しました。", file=sys.stderr)
        return EXIT_BUILD


if __name__ == "__main__":
    sys.exit(main())
