# Sourced by build.sh, test.sh and demo.sh: makes sure Debian packages are present.
# As root, missing packages are installed (one apt-get update per run); otherwise the script names them and stops.

tml_apt_updated=0

# need_packages PKG...: every package installed, or exit with the list of missing ones.
need_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing Debian packages: ${missing[*]} (run as root to install them, or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  if [ "$tml_apt_updated" -eq 0 ]; then
    echo "== apt-get update"
    apt-get update -q >/dev/null
    tml_apt_updated=1
  fi
  echo "== installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}
