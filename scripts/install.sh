#!/usr/bin/env bash
# 新しい Debian（12 / 13）マシンに、ビルドとテストに必要なものをすべて入れる。
# Python パッケージはプロジェクトの仮想環境 .venv に入れる（Debian の python3 は
# システム全体への pip install を拒否する: PEP 668）。何度実行しても安全で、
# 入っているものは入れ直さない（2 回目は数秒で終わる）。
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
PYTHON="${PYTHON:-python3}"
VENV=".venv"

# Debian パッケージ: chromium（画面テスト）、poppler-utils（PDF の読み返し）、
# BIZ UDゴシック（PDF に埋め込む日本語フォント。太字あり）、IPAex ゴシック（計測の比較用）、
# Node.js/npm（テスト用の axe-core）、python3-venv（仮想環境）。
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
fc-list ":family=BIZ UDPGothic" 2>/dev/null | grep -q . || missing+=(fonts-morisawa-bizud-gothic)
fc-list ":family=IPAexGothic" 2>/dev/null | grep -q . || missing+=(fonts-ipaexfont-gothic)
command -v fc-list >/dev/null 2>&1 || missing+=(fontconfig)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ! -x "$VENV/bin/python" ]; then
  # Debian の python3 は python3-venv がないと仮想環境を作れない（ensurepip が外されている）。
  probe=$(mktemp -d)
  if ! "$PYTHON" -m venv "$probe/v" >/dev/null 2>&1; then missing+=(python3-venv); fi
  rm -rf "$probe"
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Debian パッケージを導入します: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || {
  echo "エラー: Python 3.11 以上が必要です（$("$PYTHON" --version 2>&1)）。" >&2
  exit 3
}

# Python パッケージ（本体とテスト用）を .venv に。pyproject.toml が変わったときだけ入れ直す。
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.aiguide-installed"
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[test]"
  echo "$wanted" > "$stamp"
fi

# テストで使う JavaScript（axe-core）。package-lock.json が変わったときだけ入れ直す。
lock=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.aiguide-installed 2>/dev/null)" != "$lock" ]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  echo "$lock" > node_modules/.aiguide-installed
fi
echo "導入が完了しました（Python: $VENV/bin/python）。"
