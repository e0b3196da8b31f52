#!/bin/sh
# Installs what the tests need from Debian when it is missing: the three browser engines (Chromium driven by
# Playwright, Firefox ESR by Puppeteer, WebKitGTK's MiniBrowser by Selenium under Xvfb), Node.js
# (MicroPython outside the browser, npm packages) and Java (the Nu Html Checker).
# Runs apt-get as root, or through sudo; says exactly what to do when neither is possible.
set -eu

missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -x /usr/bin/firefox-esr ] || missing="$missing firefox-esr"
[ -x /usr/bin/WebKitWebDriver ] || missing="$missing webkit2gtk-driver"
command -v Xvfb >/dev/null 2>&1 || missing="$missing xvfb"
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
command -v make >/dev/null 2>&1 || missing="$missing make"
command -v git >/dev/null 2>&1 || missing="$missing git"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
  run=""
elif command -v sudo >/dev/null 2>&1; then
  run="sudo"
else
  echo "error: the tests need these Debian packages:$missing; install them with apt-get as root" >&2
  exit 1
fi
echo "installing Debian packages:$missing"
$run apt-get update -q
DEBIAN_FRONTEND=noninteractive $run apt-get install -y -q --no-install-recommends $missing fonts-dejavu-core
