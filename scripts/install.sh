#!/usr/bin/env bash
# 新しい Debian マシンに、ビルドとテストに必要なものをすべて入れる。
# 何度実行しても安全（入っているものは入れ直さない）。
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# Debian パッケージ: chromium（画面テスト）、poppler-utils（PDF の読み返し）、
# IPAex ゴシック（PDF に埋め込む日本語フォント）、Node.js/npm（axe-core の取得）。
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ -f /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf ] || missing+=(fonts-ipaexfont-gothic)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
python3 -c "import venv" 2>/dev/null || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Debian パッケージを導入します: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Python パッケージ（本体とテスト用）。
python3 -m pip install -q --disable-pip-version-check -e ".[test]"

# テストで使う JavaScript（axe-core）。package-lock.json の版を使う。
npm ci --no-audit --no-fund --loglevel=error >/dev/null
echo "導入が完了しました。"
