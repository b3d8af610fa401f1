# Shared by installer scripts: install missing Debian packages (apt-get update first; sudo when not root).
#
# ensure_packages takes package names and two kinds of alternatives, so one list serves Debian 12 and 13 and
# Ubuntu 22.04 and 24.04 on x86_64 and aarch64:
#   a|b|c   the first of these that is installed satisfies it; otherwise the first the release offers is installed
#           (libgtk-3-0 became libgtk-3-0t64 on Ubuntu 24.04 and Debian 13)
#   jdk     any JDK 17 or newer: `javac` on PATH (or under JAVA_HOME) of version 17+ satisfies it; otherwise the
#           oldest LTS JDK 17+ the release offers (Debian 13 and Ubuntu 24.04 have no OpenJDK 17)
#   jre     the same, for a runtime only (`java`)
# apt is not touched at all when everything is already there.

# Prints the major version of a `java -version` / `javac -version` output ("17.0.15" -> 17, "1.8.0" -> 8).
java_major() {
    "$1" -version 2>&1 | head -n 1 | awk '{
        v = $2; if (match($0, /"[0-9][0-9._]*/)) v = substr($0, RSTART + 1, RLENGTH - 1)
        split(v, p, "."); print (p[1] == 1) ? p[2] : p[1] }'
}

# True when a Java tool (javac or java) of version 17 or newer is available.
have_java17() {
    local tool=$1 candidate major
    for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/$tool}" "$(command -v "$tool" 2>/dev/null)"; do
        [ -n "$candidate" ] && [ -x "$candidate" ] || continue
        major=$(java_major "$candidate")
        if [ -n "$major" ] && [ "$major" -ge 17 ] 2>/dev/null; then
            return 0
        fi
    done
    return 1
}

package_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

# True when the release (after apt-get update) has a candidate version of the package.
package_offered() {
    local candidate
    candidate=$(apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: *//p' | head -n 1)
    [ -n "$candidate" ] && [ "$candidate" != "(none)" ]
}

# Prints the alternatives that stand for a `jdk` or `jre` token, oldest LTS first.
java_alternatives() {
    if [ "$1" = jdk ]; then
        echo "openjdk-17-jdk-headless|openjdk-21-jdk-headless|openjdk-25-jdk-headless|default-jdk-headless"
    else
        echo "openjdk-17-jre-headless|openjdk-21-jre-headless|openjdk-25-jre-headless|default-jre-headless"
    fi
}

# True when a token (a package, alternatives, jdk or jre) is already satisfied without apt.
token_satisfied() {
    local token=$1 alt
    case "$token" in
        jdk) have_java17 javac && return 0; token=$(java_alternatives jdk) ;;
        jre) have_java17 java && return 0; token=$(java_alternatives jre) ;;
    esac
    IFS='|' read -r -a alts <<< "$token"
    for alt in "${alts[@]}"; do
        package_installed "$alt" && return 0
    done
    return 1
}

# Prints the package to install for an unsatisfied token: the first alternative the release offers.
token_package() {
    local token=$1 alt
    case "$token" in
        jdk|jre) token=$(java_alternatives "$token") ;;
    esac
    IFS='|' read -r -a alts <<< "$token"
    for alt in "${alts[@]}"; do
        if package_offered "$alt"; then
            echo "$alt"
            return 0
        fi
    done
    echo "none of these packages is offered by this release: $token" >&2
    return 1
}

ensure_packages() {
    local token
    local wanted=()
    for token in "$@"; do
        token_satisfied "$token" || wanted+=("$token")
    done
    if [ ${#wanted[@]} -eq 0 ]; then
        return 0
    fi
    local as_root=()
    if [ "$(id -u)" -ne 0 ]; then
        as_root=(sudo)
    fi
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    local missing=()
    for token in "${wanted[@]}"; do
        missing+=("$(token_package "$token")") || return 1
    done
    echo "Installing Debian packages: ${missing[*]}"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Prints the home of the newest JDK under /usr/lib/jvm whose major version is above $1, or nothing.
newest_jdk_above() {
    local floor=$1 best="" best_major=$1 home major
    for home in /usr/lib/jvm/*/; do
        home=${home%/}
        [ -x "$home/bin/javac" ] || continue
        major=$(java_major "$home/bin/javac")
        if [ -n "$major" ] && [ "$major" -gt "$best_major" ] 2>/dev/null; then
            best=$home
            best_major=$major
        fi
    done
    [ -n "$best" ] && echo "$best"
    return 0
}
