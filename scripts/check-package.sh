#!/usr/bin/env bash
# Checks the Debian package that `scripts/dev.sh package` built, without installing it:
#   fields and file list (dpkg-deb -I/-c), lintian (no error, no warning), Depends resolvable on this Debian 12
#   (apt-get --simulate), desktop entry and AppStream metadata valid, man pages and bash completion working, and
#   the programs run from a scratch prefix (dpkg-deb -x, read-only) as an unprivileged user, finding their worker
#   and writing nothing outside that user's home.
# usage: scripts/check-package.sh [BUILD_DIR]     (default build/release)
set -euo pipefail

cd "$(dirname "$0")/.."
build=${1:-build/release}
failures=0
fail() {
    echo "check-package: FAIL: $*" >&2
    failures=$((failures + 1))
}
ok() { echo "check-package: ok: $*"; }

version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
arch=$(dpkg --print-architecture)
deb="$build/package/proclab_${version}_${arch}.deb"
[ -n "$version" ] && [ -f "$deb" ] || {
    echo "check-package: no $deb (scripts/dev.sh package builds it)" >&2
    exit 1
}
echo "check-package: $deb"

# ---- control fields ----
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = proclab ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "Version '$(field Version)' is not the project's $version"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture '$(field Architecture)'"
for f in Maintainer Description Section Priority Homepage; do
    [ -n "$(field "$f")" ] || fail "no $f field"
done
depends=$(field Depends)
# The libraries the programs link (dpkg-shlibdeps): Qt 6 base and SVG, QCustomPlot for Qt 6, muparser.
# Never `producer | grep -q` under pipefail: grep leaves at its first match, and the producer, if it was still
# writing, dies of SIGPIPE and fails the pipeline (the clean-clone test saw it on a busy machine). Read, then grep.
names() { tr ',' '\n' <<<"$1" | awk '{ print $1 }'; }
depends_names=$(names "$depends")
for p in libc6 libstdc++6 libqt6core6 libqt6gui6 libqt6widgets6 libqt6svg6 libqcustomplot2.1-qt6 libmuparser2v5; do
    grep -qxF "$p" <<<"$depends_names" || fail "Depends lacks $p: $depends"
done
grep -qxF python3 <<<"$(names "$(field Recommends)")" || fail "Recommends lacks python3"
[ $failures -eq 0 ] && ok "fields: version $version, Depends: $depends"

# ---- file list ----
list=$(dpkg-deb --contents "$deb" | awk '{ print $6 }' | sed 's|^\./|/|')
has() { grep -qxF "$1" <<<"$list" || fail "the package lacks $1"; }
id=io.github.proclab.ProcLab
has /usr/bin/proclab
has /usr/bin/proclab-cli
has /usr/libexec/proclab/proclab-worker
has /usr/libexec/proclab/proclab-lean-worker
has /usr/share/applications/$id.desktop
has /usr/share/metainfo/$id.metainfo.xml
has /usr/share/icons/hicolor/scalable/apps/$id.svg
for size in 16 22 24 32 48 64 128 256 512; do
    has /usr/share/icons/hicolor/${size}x${size}/apps/$id.png
done
has /usr/share/man/man1/proclab.1.gz
has /usr/share/man/man1/proclab-cli.1.gz
has /usr/share/bash-completion/completions/proclab-cli
has /usr/share/doc/proclab/copyright
has /usr/share/doc/proclab/changelog.gz
for py in resources/python/*.py; do
    has "/usr/share/proclab/python/$(basename "$py")"
done
if [ -d resources/python-probe ]; then
    while IFS= read -r f; do
        has "/usr/share/proclab/$f"
    done < <(find resources/python-probe -type f -not -name '*.pyc' -not -path '*/__pycache__/*' | sed 's|^resources/||')
    grep -qx './postinst' <<<"$(dpkg-deb --ctrl-tarfile "$deb" | tar -t)" || fail "no postinst to compile the probe's bytecode"
fi
grep -q '/usr/bin/proclab-worker$' <<<"$list" && fail "proclab-worker is in /usr/bin (it is a helper: libexec)"
grep -Eq '\.pyc$|/__pycache__/' <<<"$list" && fail "the package ships Python bytecode"
[ $failures -eq 0 ] && ok "files: $(grep -vc "/$" <<<"$list") files, all expected ones"

# ---- lintian: no error, no warning (informational tags are listed, not failed on) ----
if lout=$(lintian --fail-on error,warning --info "$deb" 2>&1); then
    ok "lintian: no error, no warning"
else
    fail "lintian"
fi
grep -v '^running with root privileges' <<<"$lout" || true

# ---- Depends resolvable on this Debian 12 (simulated: nothing is installed) ----
if sim=$(apt-get install --simulate --no-install-recommends "./$deb" 2>&1); then
    ok "apt-get install --simulate: $(grep -c '^Inst' <<<"$sim") package(s) to install"
else
    fail "apt-get install --simulate: $sim"
fi
for p in $(names "$(field Recommends)"); do
    policy=$(apt-cache policy "$p")
    grep -Eq 'Installed: [^(]|Candidate: [^(]' <<<"$policy" || fail "Recommends $p: not in the archive"
done

# ---- unpacked: desktop entry, AppStream, man pages, completion, the programs as a normal user ----
scratch=$(mktemp -d /tmp/proclab-package-check.XXXXXX)
chmod 755 "$scratch"
cleanup() {
    chmod -R u+w "$scratch" 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT
root="$scratch/root"
dpkg-deb -x "$deb" "$root"
desktop-file-validate "$root/usr/share/applications/$id.desktop" && ok "desktop-file-validate" ||
    fail "desktop-file-validate"
# --no-net: the screenshot addresses are not fetched (no network on CI).
appstreamcli validate --no-net "$root/usr/share/metainfo/$id.metainfo.xml" && ok "appstreamcli validate" ||
    fail "appstreamcli validate"
for page in proclab proclab-cli; do
    man=$(zcat "$root/usr/share/man/man1/$page.1.gz")
    grep -q "^\.TH \"\?${page^^}\"\? \"1\" .*\"$page $version\"" <<<"$man" ||
        fail "man page $page.1: no .TH line with version $version"
    grep -q '^\.SH OPTIONS\|^\.SS "Common options:"' <<<"$man" ||
        fail "man page $page.1: no options"
done

completions=$(
    PATH="$root/usr/bin:$PATH" bash -c '
        source /usr/share/bash-completion/bash_completion
        source "$1"
        compopt() { :; }
        t() {
            COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}; read -ra COMP_WORDS <<<"$1"
            [[ $1 == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
            _proclab_cli proclab-cli "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
            echo "${COMPREPLY[*]}"
        }
        t "proclab-cli sw"; t "proclab-cli run p"; t "proclab-cli run pi --st"; t "proclab-cli demo queue-"
        t "proclab-cli sweep spin --executor gil"; t "proclab-cli run pi --set sa"' _ \
        "$root/usr/share/bash-completion/completions/proclab-cli" 2>&1
)
[ "$completions" = $'sweep\npi primes\n--start-method\nqueue-order\ngil-thread\nsamples=' ] &&
    ok "bash completion" || fail "bash completion gave: $completions"

# The programs from the scratch prefix, read-only, with a clean environment (no PROCLAB_WORKER, the worker on no
# PATH), as nobody when we are root; then nothing of that user may exist outside its home.
chmod -R a-w "$root"
home="$scratch/home"
mkdir -p "$home/runtime"
chmod 700 "$home/runtime"
as_user=()
if [ "$(id -u)" -eq 0 ]; then
    chown -R 65534:65534 "$home"
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
stamp="$scratch/stamp"
touch "$stamp"
sleep 1
run() {
    (cd "$home" && "${as_user[@]}" env -i HOME="$home" XDG_RUNTIME_DIR="$home/runtime" PATH=/usr/bin:/bin \
        LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$@")
}
[ "$(run "$root/usr/bin/proclab-cli" --version)" = "proclab-cli $version" ] || fail "proclab-cli --version"
[ "$(run "$root/usr/bin/proclab" --version)" = "ProcLab $version" ] || fail "proclab --version"
if out=$(run "$root/usr/bin/proclab-cli" run pi -p 2 --set samples=4000000 2>&1) && grep -q '^verified   yes' <<<"$out"; then
    ok "proclab-cli run pi -p 2 from the scratch prefix: $(grep -c 'pid' <<<"$out") workers"
else
    fail "proclab-cli run pi -p 2 from the scratch prefix: $out"
fi
# spawn: pi runs in proclab-lean-worker, expr makes it exec proclab-worker (both found in libexec)
for w in pi:samples expr:n; do
    if out=$(run "$root/usr/bin/proclab-cli" run ${w%:*} -p 2 --start-method spawn --set ${w#*:}=4000 2>&1) &&
        grep -q '^verified   yes' <<<"$out"; then
        ok "proclab-cli run ${w%:*} -p 2 --start-method spawn from the scratch prefix"
    else
        fail "proclab-cli run ${w%:*} -p 2 --start-method spawn from the scratch prefix: $out"
    fi
done
lessons=$(run "$root/usr/bin/proclab" --list-lessons 2>&1) && [ "$(wc -l <<<"$lessons")" -ge 10 ] &&
    ok "proclab --list-lessons: $(wc -l <<<"$lessons") lessons" || fail "proclab --list-lessons: $lessons"
if out=$(run "$root/usr/bin/proclab" --workload spin --set tasks=4 --set ms=10 -p 2 --single --exit-after-run 2>&1); then
    ok "proclab (window, offscreen) ran a pool from the scratch prefix"
else
    fail "proclab --single --exit-after-run from the scratch prefix: $out"
fi
if [ ${#as_user[@]} -gt 0 ]; then
    outside=$(find / -xdev \( -path /proc -o -path /sys -o -path "$home" \) -prune -o -user 65534 -newer "$stamp" -print 2>/dev/null
        find /dev/shm -user 65534 -newer "$stamp" 2>/dev/null)
    [ -z "$outside" ] && ok "nothing written outside the user's home" || fail "written outside the home: $outside"
    chown -R 0:0 "$home"
fi

if [ $failures -ne 0 ]; then
    echo "check-package: $failures check(s) failed" >&2
    exit 1
fi
echo "check-package: all checks passed"
